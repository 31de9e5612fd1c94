// A shot runner over the real engine (scripted provider, fake clock) and the real asset writer on an
// in-memory workspace, with a recording UI. The service adapter does what GenQueueService does for
// the runner: the engine's batch calls, and an admit rule that can be set after the engine exists.
import { seededRandom } from '../../../../src/core/backoff';
import { JobEngine } from '../../../../src/core/jobEngine';
import type { Job, JobSpec, ProviderId } from '../../../../src/core/jobTypes';
import { parseShotList } from '../../../../src/core/shots/parseShotList';
import type { TextReplace } from '../../../../src/core/shots/shotEdits';
import type { Shot } from '../../../../src/core/shots/shotTypes';
import { AssetWriter } from '../../../../src/extension/assets/assetWriter';
import { joinUri } from '../../../../src/extension/assets/hostFileSystem';
import { ShotRunnerHost } from '../../../../src/extension/shots/shotRunner';
import type {
  AdmitRule,
  ShotJobService,
  ShotRunnerDeps,
  ShotRunnerUi,
} from '../../../../src/extension/shots/shotRunnerDeps';
import type { ShotListRef } from '../../../../src/extension/shots/shotRunnerPort';
import { contentTypeFromName } from '../../../../src/providers/shared/mediaTypes';
import { makePng } from '../../../emulator/mediaFiles';
import { FakeClock } from '../../../fakes/fakeClock';
import { FakeFileHost } from '../../../fakes/fakeFileHost';
import { MemoryHistorySink, MemoryJobStore } from '../../../fakes/memoryJobStore';
import { type ScriptedPlan, ScriptedProvider } from '../../../fakes/scriptedProvider';
import { InMemoryFileSystem } from '../../../fakes/vscodeFakes';

export const WS = 'file:///home/me/film';
export const LIST_PATH = 'plans/trailer.shots.yaml';
export const LIST_URI = `${WS}/${LIST_PATH}`;
export const MODEL = 'black-forest-labs/flux-schnell';
export const PNG = new Uint8Array(makePng(2, 2));

/** Every VS Code call the runner made, and scripted answers. */
export class RecordingUi implements ShotRunnerUi {
  readonly calls: string[] = [];
  readonly messages: { level: 'info' | 'warn' | 'error'; text: string }[] = [];
  readonly confirmations: { count: number; button: string }[] = [];
  readonly edits: { uri: string; replace: TextReplace }[] = [];
  /** The documents' texts, by URI (edits apply to them). */
  readonly docs = new Map<string, string>();
  confirmAnswer = true;
  keyAnswer = true;
  promptAnswer: string | undefined;
  inserted: Job | undefined;

  async confirmSpend(specs: readonly JobSpec[], button: string, later: readonly JobSpec[] = []): Promise<boolean> {
    this.confirmations.push({ count: specs.length + later.length, button });
    return this.confirmAnswer;
  }
  info(text: string): void {
    this.messages.push({ level: 'info', text });
  }
  warn(text: string): void {
    this.messages.push({ level: 'warn', text });
  }
  error(text: string): void {
    this.messages.push({ level: 'error', text });
  }
  async askPrompt(opts: { value: string }): Promise<string | undefined> {
    this.calls.push(`askPrompt:${opts.value}`);
    return this.promptAnswer;
  }
  async setKey(provider: ProviderId): Promise<boolean> {
    this.calls.push(`setKey:${provider}`);
    return this.keyAnswer;
  }
  async openExternal(url: string): Promise<void> {
    this.calls.push(`openExternal:${url}`);
  }
  async openAt(uri: string, line: number): Promise<void> {
    this.calls.push(`openAt:${uri}:${line}`);
  }
  async applyEdit(uri: string, replace: TextReplace, baseText: string): Promise<boolean> {
    // Like the VS Code port: refused when the document moved on from the text the edit was made from.
    const text = this.docs.get(uri);
    if (text !== baseText) return false;
    this.edits.push({ uri, replace });
    this.docs.set(uri, text.slice(0, replace.offset) + replace.text + text.slice(replace.offset + replace.length));
    return true;
  }
  async insertTake(job: Job, takeIndex: number): Promise<void> {
    this.calls.push(`insertTake:${job.takes[takeIndex]?.localPath}`);
    this.inserted = job;
  }
  async reveal(uri: string): Promise<void> {
    this.calls.push(`reveal:${uri}`);
  }
}

/** A shot list's YAML text, parsed by the real parser. Shots name their provider and model unless told. */
export function listRef(shots: readonly Partial<Shot>[], opts: { budget?: number } = {}): ShotListRef {
  const full: Shot[] = shots.map((s, i) => ({
    id: `s${i + 1}`,
    modality: 'image',
    provider: 'replicate',
    model: MODEL,
    prompt: `shot ${i + 1}`,
    ...s,
  }));
  const shotText = (s: Shot) => {
    const lines = [`  - id: ${s.id}`, `    modality: ${s.modality}`, `    provider: ${s.provider}`];
    lines.push(`    model: ${s.model}`, `    prompt: ${s.prompt}`);
    if (s.output) lines.push(`    output: ${s.output}`);
    if (s.take !== undefined) lines.push(`    take: ${s.take}`);
    return `${lines.join('\n')}\n`;
  };
  const budget = opts.budget !== undefined ? `budget: ${opts.budget}\n` : '';
  const text = `# The trailer's shots\n${budget}shots:\n${full.map(shotText).join('')}`;
  return { uri: LIST_URI, listPath: LIST_PATH, text, parsed: parseShotList(text) };
}

export interface ShotHarness {
  clock: FakeClock;
  engine: JobEngine;
  provider: ScriptedProvider;
  fs: InMemoryFileSystem;
  ui: RecordingUi;
  history: MemoryHistorySink;
  runner: ShotRunnerHost;
  service: ShotJobService;
  /** The runner's ports (a second runner over the same jobs is a reload). */
  deps: ShotRunnerDeps;
  settings: { shotListBudget: number | undefined };
  /** Run simulated time until every job is terminal or held. */
  settle(): Promise<void>;
}

export interface ShotHarnessOptions {
  /** The provider's plan for its n-th job. */
  plan?: (n: number) => ScriptedPlan;
  /** Replicate's concurrency (jobs beyond it wait, so a pause has something to hold). */
  concurrency?: number;
  /** Finished jobs already in history when the runner starts. */
  history?: Job[];
  /** The bytes of each downloaded output (default: the same PNG every time). */
  download?: () => Uint8Array;
}

export async function makeShotHarness(opts: ShotHarnessOptions = {}): Promise<ShotHarness> {
  const plan = opts.plan;
  const clock = new FakeClock();
  const fs = new InMemoryFileSystem();
  // References are uploaded as Replicate does (URLs that expire) and read from the in-memory workspace.
  const files = new FakeFileHost(clock);
  const provider = new ScriptedProvider({
    id: 'replicate',
    clock,
    plan: (r, n) => files.plan(r.input, plan?.(n) ?? { runMs: 2_000 }),
  });
  provider.upload = files.upload;
  const history = new MemoryHistorySink();
  history.jobs.push(...(opts.history ?? []));
  let rule: AdmitRule | undefined;
  let n = 0;
  const assets = new AssetWriter({
    fs,
    root: () => ({ baseUri: WS, inWorkspace: true, baseFsPath: '/home/me/film', folderSetting: undefined }),
    generatorVersion: '0.1.0',
    randomId: () => `r${++n}`,
  });
  const engine = new JobEngine({
    providers: { replicate: provider },
    store: new MemoryJobStore(),
    history,
    assets,
    clock,
    download: async () => ({ data: opts.download?.() ?? PNG, contentType: 'image/png' }),
    random: seededRandom(3),
    admit: (job, registry) => rule?.(job, registry),
    references: {
      reader: {
        read: async (path) => ({
          data: await fs.readFile(joinUri(WS, path)),
          contentType: contentTypeFromName(path) ?? 'application/octet-stream',
        }),
      },
    },
    ...(opts.concurrency ? { limits: { replicate: { concurrency: opts.concurrency } } } : {}),
  });
  const service: ShotJobService = {
    jobs: () => engine.list(),
    submitBatch: (specs) => engine.submitBatch(specs),
    retry: (id) => engine.retry(id),
    pauseBatch: (id) => engine.pauseBatch(id),
    resumeBatch: (id) => engine.resumeBatch(id),
    cancelBatch: (id) => engine.cancelBatch(id),
    batchSummary: (id) => engine.batchSummary(id),
    setAdmitRule: (r) => {
      rule = r;
    },
    onDidChange: (l) => engine.onDidChange((c) => l(c)),
  };
  const ui = new RecordingUi();
  const settings = { shotListBudget: undefined as number | undefined };
  const deps: ShotRunnerDeps = {
    service: async () => service,
    fs,
    workspaceUri: () => WS,
    assetsFolder: async () => 'assets/generated',
    settings: () => ({ defaultProvider: 'replicate', defaultModel: () => undefined, ...settings }),
    hasKey: () => true,
    // Newest first, like HistoryFiles.readJobs.
    history: { readJobs: async () => [...history.jobs].reverse() },
    listText: (path) => ui.docs.get(`${WS}/${path}`),
    ui,
    log: () => undefined,
    now: () => clock.now(),
  };
  const runner = new ShotRunnerHost(deps);
  await runner.attach(service);
  await engine.start();
  return {
    clock,
    engine,
    provider,
    fs,
    ui,
    history,
    runner,
    service,
    deps,
    settings,
    settle: () =>
      clock.runUntil(() =>
        engine.list().every((j) => ['succeeded', 'failed', 'canceled'].includes(j.state) || j.held !== undefined),
      ),
  };
}

/** The decoded text of a file in the workspace. */
export async function readText(fs: InMemoryFileSystem, path: string): Promise<string> {
  return new TextDecoder().decode(await fs.readFile(`${WS}/${path}`));
}
