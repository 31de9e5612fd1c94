// The bundled extension (built like dist/, `vscode` external) loaded against the fake `vscode`
// module, for host tests that drive commands, notifications and the panel end to end in Node.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { FakeDocuments } from '../../fakes/fakeDocuments';
import { installFakeVscode } from '../../fakes/fakeVscodeModule';
import { FakeUri, type FakeVscodeState } from '../../fakes/vscodeFakes';

export type Extension = { activate(ctx: unknown): Promise<void>; deactivate(): Promise<void> };

export interface BundledHost {
  ext: Extension;
  state: FakeVscodeState;
  /** A temporary folder for global storage and workspaces. */
  root: string;
  close(): void;
}

const repo = join(__dirname, '..', '..', '..');

export async function loadBundledHost(): Promise<BundledHost> {
  delete process.env.FAL_KEY;
  delete process.env.REPLICATE_API_TOKEN;
  const outDir = join(repo, '.cache', 'test-host');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `extension-${process.pid}.cjs`);
  await build({
    entryPoints: [join(repo, 'src/extension/activate.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    outfile,
    logLevel: 'silent',
  });
  const fake = installFakeVscode();
  const ext = fake.require(outfile) as Extension;
  const root = mkdtempSync(join(tmpdir(), 'genqueue-host-'));
  return {
    ext,
    state: fake.state,
    root,
    close: () => {
      rmSync(root, { recursive: true, force: true });
      rmSync(outfile, { force: true });
    },
  };
}

/** A fresh profile folder: globalState and globalStorage (job and lease files) belong together. */
export function newProfile(host: BundledHost): string {
  return mkdtempSync(join(host.root, 'profile-'));
}

export function resetState(state: FakeVscodeState): void {
  state.commands.clear();
  state.statusItems.length = 0;
  state.viewProviders.clear();
  state.messages.length = 0;
  state.logs.length = 0;
  state.quickPicks.length = 0;
  state.inputs.length = 0;
  state.messageAnswers.length = 0;
  state.config = {};
  state.workspaceConfig = {};
  state.contextKeys.clear();
  state.activeTextEditor = undefined;
  state.visibleTextEditors = undefined;
  state.tabs = [];
  state.workspaceFolder = undefined;
  state.documents = new FakeDocuments();
}

export async function waitFor(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

type PickItem = { label: string; entry?: unknown };
type Entry = { kind: string; model?: { id: string } } | undefined;
export const pickModel = (id: string) => (a: { items: PickItem[] }) =>
  a.items.find((i) => (i.entry as Entry)?.model?.id === id);
export const pickKind = (kind: string) => (a: { items: PickItem[] }) =>
  a.items.find((i) => (i.entry as Entry)?.kind === kind);

type PanelJob = { id: string; state: string; retriedFrom?: string; view: Record<string, unknown> };
type PanelRow = { id: string; state: string; modelLabel?: string; retriedFrom?: string };

/** What the webview shows after the messages so far: jobs, and the first page of history rows. */
export interface PanelSnapshot {
  jobs: PanelJob[];
  history: PanelRow[];
  keys: Record<string, boolean>;
}

type PanelMessage =
  | { type: 'snapshot'; snapshot: { jobs: PanelJob[]; history: { rows: PanelRow[] }; keys: Record<string, boolean> } }
  | { type: 'jobs'; patch: { changed: PanelJob[]; removed: string[] } }
  | { type: 'history'; page: { offset: number; rows: PanelRow[]; matches: number; total: number } };

/** Folds the host's snapshot, job patches and history head pages as the webview does. */
function foldPanelMessages(posted: readonly PanelMessage[]): PanelSnapshot | undefined {
  let state: PanelSnapshot | undefined;
  for (const m of posted) {
    if (m.type === 'snapshot') state = { ...m.snapshot, history: m.snapshot.history.rows };
    else if (state && m.type === 'jobs') {
      const changed = new Map(m.patch.changed.map((j) => [j.id, j]));
      const kept = state.jobs.filter((j) => !m.patch.removed.includes(j.id));
      const jobs = kept.map((j) => changed.get(j.id) ?? j);
      const known = new Set(kept.map((j) => j.id));
      state = { ...state, jobs: [...m.patch.changed.filter((j) => !known.has(j.id)), ...jobs] };
    } else if (state && m.type === 'history' && m.page.offset === 0) state = { ...state, history: m.page.rows };
  }
  return state;
}

/** A fake webview view resolved by the host: send messages as the panel would, read what it posts. */
export function openFakePanel(state: FakeVscodeState) {
  const posted: PanelMessage[] = [];
  let onMessage: ((m: unknown) => void) | undefined;
  const view = {
    visible: true,
    webview: {
      options: {} as { enableScripts?: boolean; localResourceRoots?: FakeUri[] },
      html: '',
      cspSource: 'https://fake.vscode-cdn.net',
      asWebviewUri: (u: FakeUri) => new FakeUri('https', `/webview${u.path}`),
      postMessage: async (m: (typeof posted)[number]) => {
        posted.push(m);
        return true;
      },
      onDidReceiveMessage: (l: (m: unknown) => void) => {
        onMessage = l;
        return { dispose() {} };
      },
    },
    onDidChangeVisibility: () => ({ dispose() {} }),
    onDidDispose: () => ({ dispose() {} }),
  };
  state.viewProviders.get('genqueue.generations')?.resolveWebviewView(view);
  return {
    view,
    posted,
    send: (m: unknown) => onMessage?.(m),
    latest: (): PanelSnapshot | undefined => foldPanelMessages(posted),
  };
}
