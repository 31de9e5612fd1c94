// Child processes the harness starts run in their own process group, so stopping one ends everything it spawned
// (code-server forks the extension host, file watchers and pty hosts). A last-resort exit hook stops any group a
// crashed test left behind: code-server must never outlive the test run.
import { type ChildProcess, execFileSync, type SpawnOptions, spawn } from 'node:child_process';

const live = new Set<ChildProcess>();

function killAll(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
}
process.once('exit', killAll);
// A test run stopped from outside (Ctrl-C, CI timeout) must not leave code-server behind either.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

export interface Spawned {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr interleaved), for failure messages. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process ended. */
  exited: Promise<number | string>;
}

export function spawnGroup(command: string, args: string[], options: SpawnOptions): Spawned {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let text = '';
  const keep = (chunk: Buffer) => {
    text += chunk.toString();
    if (text.length > 200_000) text = text.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', (err) => {
      live.delete(child);
      text += `\n[spawn error] ${err.message}`;
      resolve('spawn-error');
    });
  });
  return { child, output: () => text, exited };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM the whole group, then SIGKILL whatever is still there after `graceMs`. */
export async function stopGroup(spawned: Spawned, graceMs = 5000): Promise<void> {
  const { child } = spawned;
  if (child.pid === undefined) return;
  killGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  await Promise.race([spawned.exited, timer]);
  // The leader may exit before its children: kill the group regardless of the leader's state.
  killGroup(child, 'SIGKILL');
  await Promise.race([spawned.exited, new Promise((r) => setTimeout(r, 1000).unref())]);
}

/** Run a command to completion; throws with its output when it fails. */
export function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): string {
  try {
    return execFileSync(command, args, {
      env,
      timeout: timeoutMs,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** Pids of all descendants of `pid` (from /proc), with their command lines. */
export function descendants(pid: number): { pid: number; cmdline: string }[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = out
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), cmdline: m[3] ?? '' }));
  const found: { pid: number; cmdline: string }[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const row of rows) {
      if (row.ppid === parent) {
        found.push({ pid: row.pid, cmdline: row.cmdline });
        queue.push(row.pid);
      }
    }
  }
  return found;
}
