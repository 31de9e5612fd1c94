// Runs the provider emulator (test/emulator/runEmulator.ts) as a child process: fal/Replicate look-alikes on
// 127.0.0.1 that the extension reaches through genqueue.baseUrl.* settings, with a control API under /__emulator.
import { existsSync } from 'node:fs';
import { EMULATOR_ENTRY, REPO_ROOT } from './paths';
import { spawnGroup, stopGroup } from './processes';
import { waitUntil } from './waitUntil';

export interface EmulatorProcess {
  url: string;
  falBaseUrl: string;
  replicateBaseUrl: string;
  /** POST/GET the emulator's control API, e.g. control('GET', '/jobs'). Path is relative to /__emulator. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export function emulatorAvailable(): boolean {
  return existsSync(EMULATOR_ENTRY);
}

export async function startEmulatorProcess(args: string[] = []): Promise<EmulatorProcess> {
  if (!emulatorAvailable()) throw new Error(`${EMULATOR_ENTRY} does not exist yet`);
  const proc = spawnGroup(process.execPath, ['--import', 'tsx', EMULATOR_ENTRY, ...args], { cwd: REPO_ROOT });
  try {
    const info = await waitUntil(
      'the emulator to print its URLs',
      async () => {
        const exited = await Promise.race([proc.exited, Promise.resolve(undefined)]);
        if (exited !== undefined) throw new Error(`emulator exited (${exited}):\n${proc.output()}`);
        for (const line of proc.output().split('\n')) {
          if (!line.trim().startsWith('{')) continue;
          const parsed = JSON.parse(line) as { url?: string; falBaseUrl?: string; replicateBaseUrl?: string };
          if (parsed.url && parsed.falBaseUrl && parsed.replicateBaseUrl) return parsed as Required<typeof parsed>;
        }
        return undefined;
      },
      30_000,
    );
    return {
      ...info,
      control: async (method, path, body) => {
        const res = await fetch(`${info.url}/__emulator${path}`, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`emulator ${method} ${path} -> ${res.status}: ${text}`);
        return text ? JSON.parse(text) : undefined;
      },
      stop: () => stopGroup(proc),
    };
  } catch (err) {
    await stopGroup(proc);
    throw err;
  }
}
