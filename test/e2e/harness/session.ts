// One e2e session: code-server with the extension + a Chromium window on it, and the helpers tests use.
// Always `await session.stop()` in an `after`/`finally`: it closes the browser and kills code-server's process group.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodeServer, type CodeServerOptions, startCodeServer } from './codeServer';
import { waitUntil } from './waitUntil';
import { launchWorkbench, type Workbench } from './workbench';

export interface Session {
  server: CodeServer;
  wb: Workbench;
  /** Absolute path of a file in the workspace copy. */
  workspacePath(relativePath: string): string;
  readWorkspaceFile(relativePath: string): string;
  workspaceFileExists(relativePath: string): boolean;
  /** SIGKILLs the extension host (as a crash would) and waits until that process is gone. Returns its pid. */
  killExtensionHost(): Promise<number>;
  /** Waits for a running extension host process that is not `previousPid`. */
  waitForExtensionHost(previousPid?: number): Promise<number>;
  /**
   * Crash-restarts the extension host: SIGKILL, then code-server starts a new one by itself (checked on 4.100;
   * "Developer: Restart Extension Host" does not exist in the web workbench). Resolves with the new pid.
   */
  restartExtensionHost(): Promise<number>;
  /**
   * Reloads the window like "Developer: Reload Window" on the desktop. code-server keeps a disconnected extension
   * host alive for minutes in case the client comes back; desktop VS Code ends it, so this ends it too (SIGTERM,
   * so `deactivate` runs). Resolves with the new extension host's pid.
   */
  reloadWindow(): Promise<number>;
  /** Screenshot + extension host log tail, for a failing test's message. */
  diagnose(name: string): Promise<string>;
  stop(): Promise<void>;
}

async function endProcesses(pids: number[], running: () => number[]): Promise<void> {
  for (const pid of pids) signal(pid, 'SIGTERM');
  try {
    await waitUntil('old extension hosts to exit', () => !running().some((p) => pids.includes(p)), 10_000);
  } catch {
    for (const pid of pids) signal(pid, 'SIGKILL');
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

export interface SessionOptions extends CodeServerOptions {
  /** Open the workbench right away (default true). */
  open?: boolean;
}

export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const server = await startCodeServer(options);
  let wb: Workbench | undefined;
  const stop = async () => {
    try {
      await wb?.close();
    } finally {
      await server.stop();
    }
  };
  try {
    wb = await launchWorkbench(server.workbenchUrl);
    if (options.open !== false) await wb.open();
  } catch (err) {
    await stop();
    throw err;
  }
  const workbench = wb;
  const workspacePath = (rel: string) => join(server.workspaceDir, rel);

  const waitForExtensionHost = (previousPid?: number) =>
    waitUntil('an extension host process', () => server.extensionHostPids().find((pid) => pid !== previousPid));

  return {
    server,
    wb: workbench,
    workspacePath,
    readWorkspaceFile: (rel) => readFileSync(workspacePath(rel), 'utf8'),
    workspaceFileExists: (rel) => existsSync(workspacePath(rel)),
    killExtensionHost: async () => {
      const pid = await waitForExtensionHost();
      process.kill(pid, 'SIGKILL');
      await waitUntil(`extension host ${pid} to exit`, () => !server.extensionHostPids().includes(pid));
      return pid;
    },
    waitForExtensionHost,
    restartExtensionHost: async () => {
      const pid = await waitForExtensionHost();
      process.kill(pid, 'SIGKILL');
      return waitForExtensionHost(pid);
    },
    reloadWindow: async () => {
      const before = server.extensionHostPids();
      await workbench.reload();
      const fresh = await waitUntil('a new extension host after reload', () =>
        server.extensionHostPids().find((pid) => !before.includes(pid)),
      );
      await endProcesses(before, () => server.extensionHostPids());
      return fresh;
    },
    diagnose: async (name) => {
      let shot = '(no screenshot)';
      try {
        shot = await workbench.screenshot(`${name}-failure`);
      } catch {
        // The page may be gone; the log is still worth having.
      }
      const consoleErrors = workbench.consoleErrors().slice(-15).join('\n');
      const toasts = await workbench.notifications().catch(() => []);
      return [
        `screenshot: ${shot}`,
        `notifications: ${JSON.stringify(toasts)}`,
        `browser console errors (last 15):\n${consoleErrors}`,
        `extension host log (tail):\n${server.extensionHostLog().slice(-4000)}`,
      ].join('\n');
    },
    stop,
  };
}
