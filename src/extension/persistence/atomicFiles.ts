// Small file operations with the atomicity the multi-window stores rely on (node:fs on the
// extension's globalStorage folder, which is a local folder of the extension host's machine):
// - writeAtomic: a reader sees the old content or the new, never a torn file (temp + rename);
// - createExclusive: exactly one of several concurrent creators succeeds (O_EXCL, the `wx` flag).
// Synchronous on purpose: the lease check sits in the engine's synchronous `shouldDrive`, and
// deactivate must release leases even when the extension host's channels are already closed.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

function isCode(err: unknown, code: string): boolean {
  return (err as { code?: unknown } | undefined)?.code === code;
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

export function writeAtomic(path: string, text: string): void {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeWhole(temp, text, 'w');
  try {
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Create `path` with `text` unless it exists. False when another writer created it first. */
export function createExclusive(path: string, text: string): boolean {
  try {
    writeWhole(path, text, 'wx');
    return true;
  } catch (err) {
    if (isCode(err, 'EEXIST')) return false;
    throw err;
  }
}

function writeWhole(path: string, text: string, flag: 'w' | 'wx'): void {
  const fd = openSync(path, flag);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Parsed JSON of a file; undefined when it is missing or unreadable (a half-written temp never is: see writeAtomic). */
export function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** File names in a folder (none when it does not exist). */
export function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (err) {
    if (isCode(err, 'ENOENT')) return [];
    throw err;
  }
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
