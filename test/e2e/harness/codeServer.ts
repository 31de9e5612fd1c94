// Starts real VS Code (code-server 4.100) on 127.0.0.1 with a throwaway profile, a copy of a workspace and the
// extension installed from its .vsix. See shared/docs/vscode-in-browser.md for why each flag is there.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY, CODE_SERVER_READY_MARKER, DEMO_WORKSPACE, VSIX_PATH } from './paths';
import { descendants, runToEnd, type Spawned, spawnGroup, stopGroup } from './processes';

export interface CodeServerOptions {
  /** Folder copied as the workspace (default: demo-workspace). The original is never touched. */
  workspaceFrom?: string;
  /** Extra user settings, e.g. `{ 'genqueue.baseUrl.fal': emulator.falBaseUrl }`. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and so the extension host, e.g. FAL_KEY. */
  env?: Record<string, string>;
  /** Install this .vsix (default dist/genqueue.vsix, or GENQUEUE_E2E_VSIX). `null` installs nothing. */
  vsix?: string | null;
}

export interface CodeServer {
  url: string;
  /** URL that opens the workbench on the workspace copy. */
  workbenchUrl: string;
  workspaceDir: string;
  userDataDir: string;
  extensionsDir: string;
  pid: number;
  output(): string;
  /** Changes user settings on disk, keeping the others. code-server did not pick such a change up live in one check (60 s); change a setting a running test needs through the Settings editor. */
  writeSettings(settings: Record<string, unknown>): void;
  /** Folder(s) holding the extension host's logs (output channels, console) — newest session last. */
  extensionHostLogDirs(): string[];
  /** All text under the extension host log folders, for assertions and failure messages. */
  extensionHostLog(): string;
  /** Pids of extension host processes code-server runs now. */
  extensionHostPids(): number[];
  stop(): Promise<void>;
}

const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'window.confirmBeforeClose': 'never',
  'editor.minimap.enabled': false,
  'remote.autoForwardPorts': false,
};

/** Keys in the parent environment must never reach a test's VS Code by accident (real money). */
const STRIPPED_ENV = ['FAL_KEY', 'FAL_API_KEY', 'REPLICATE_API_TOKEN', 'VSCODE_IPC_HOOK_CLI'];

export function codeServerInstalled(): boolean {
  return existsSync(CODE_SERVER_READY_MARKER) && existsSync(CODE_SERVER_ENTRY);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!codeServerInstalled()) {
    throw new Error(`code-server is not installed at ${CODE_SERVER_ENTRY}: run scripts/setupCodeServer.sh`);
  }
  const vsix = options.vsix === undefined ? VSIX_PATH : options.vsix;
  if (vsix !== null && !existsSync(vsix)) throw new Error(`Extension package ${vsix} not found: run npm run package`);

  const root = mkdtempSync(join(tmpdir(), 'genqueue-e2e-'));
  const userDataDir = join(root, 'user');
  const extensionsDir = join(root, 'extensions');
  const workspaceDir = join(root, 'workspace');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  cpSync(options.workspaceFrom ?? DEMO_WORKSPACE, workspaceDir, { recursive: true });

  const settingsPath = join(userDataDir, 'User', 'settings.json');
  let current: Record<string, unknown> = { ...BASE_SETTINGS, ...options.settings };
  const writeSettings = (settings: Record<string, unknown>) => {
    current = { ...current, ...settings };
    writeFileSync(settingsPath, JSON.stringify(current, null, 2));
  };
  writeSettings({});

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of STRIPPED_ENV) delete env[name];
  Object.assign(env, options.env ?? {});

  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (vsix !== null) {
    runToEnd(process.execPath, [CODE_SERVER_ENTRY, ...common, '--install-extension', vsix, '--force'], env, 120_000);
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    ...common,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    workspaceDir,
  ];
  const proc: Spawned = spawnGroup(process.execPath, args, { env, cwd: root });
  const pid = proc.child.pid ?? -1;

  const stop = async () => {
    await stopGroup(proc);
    if (!process.env.GENQUEUE_E2E_KEEP) rmSync(root, { recursive: true, force: true });
  };

  try {
    await waitForHealthz(url, proc, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }

  const logsRoot = join(userDataDir, 'logs');
  const extensionHostLogDirs = () => findDirs(logsRoot, (name) => name.startsWith('exthost'));

  return {
    url,
    workbenchUrl: `${url}/?folder=${encodeURIComponent(workspaceDir)}`,
    workspaceDir,
    userDataDir,
    extensionsDir,
    pid,
    output: proc.output,
    writeSettings,
    extensionHostLogDirs,
    extensionHostLog: () => extensionHostLogDirs().map(readAllText).join('\n'),
    extensionHostPids: () =>
      descendants(pid)
        .filter((p) => p.cmdline.includes('--type=extensionHost'))
        .map((p) => p.pid),
    stop,
  };
}

async function waitForHealthz(url: string, proc: Spawned, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | string | undefined;
  void proc.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`code-server exited (${exitCode}) before serving:\n${proc.output()}`);
    if (await httpOk(`${url}/healthz`)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms:\n${proc.output()}`);
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

function findDirs(dir: string, match: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (match(entry.name)) found.push(path);
    else found.push(...findDirs(path, match));
  }
  return found.sort();
}

function readAllText(dir: string): string {
  const parts: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    parts.push(`--- ${path}\n${readFileSync(path, 'utf8')}`);
  }
  return parts.join('\n');
}
