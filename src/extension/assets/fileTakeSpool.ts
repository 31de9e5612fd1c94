// The host's TakeSpool: downloads stream into `<dir>/<pid>-<random>.part` on the extension host's
// disk (node:fs, so it works for any workspace, remote or virtual, and needs no vscode import).
// The pid in the name tells leftovers apart: at start, files of processes that no longer run are
// what a crash or a killed window left behind, and are removed; a live window's are left alone.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SpooledTake, SpoolWriter, TakeSpool } from '../../core/takeSpool';

const HEAD_BYTES = 512;
const SUFFIX = '.part';

export class FileTakeSpool implements TakeSpool {
  constructor(
    private readonly dir: string,
    private readonly pid: number = process.pid,
  ) {}

  async create(): Promise<SpoolWriter> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, `${this.pid}-${randomUUID()}${SUFFIX}`);
    const handle = await open(path, 'wx');
    const head = new Uint8Array(HEAD_BYTES);
    let bytes = 0;
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await handle.close();
    };
    return {
      write: async (chunk) => {
        if (bytes < HEAD_BYTES) head.set(chunk.subarray(0, HEAD_BYTES - bytes), bytes);
        let written = 0;
        while (written < chunk.byteLength) {
          written += (await handle.write(chunk, written, chunk.byteLength - written)).bytesWritten;
        }
        bytes += chunk.byteLength;
      },
      finish: async () => {
        await close();
        return spooledFile(path, bytes, head.slice(0, Math.min(bytes, HEAD_BYTES)));
      },
      discard: async () => {
        await close().catch(() => undefined);
        await rm(path, { force: true });
      },
    };
  }
}

function spooledFile(path: string, bytes: number, head: Uint8Array): SpooledTake {
  return {
    kind: 'spooled',
    uri: pathToFileURL(path).toString(),
    bytes,
    head,
    read: async (offset, length) => {
      const handle = await open(path, 'r');
      try {
        const out = new Uint8Array(Math.max(0, Math.min(length, bytes - offset)));
        let got = 0;
        while (got < out.length) {
          const { bytesRead } = await handle.read(out, got, out.length - got, offset + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        return out.subarray(0, got);
      } finally {
        await handle.close();
      }
    },
    discard: () => rm(path, { force: true }),
  };
}

/** True while a process with this id runs (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a temp name was made by ("<pid>-…"), or undefined for names not of this form. */
export function ownerPid(name: string): number | undefined {
  const m = /^(\d+)-/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Remove the spool files of processes that no longer run; returns how many were removed. */
export async function removeSpoolLeftovers(dir: string, alive = processAlive): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0; // no spool folder yet
  }
  let removed = 0;
  for (const name of names) {
    const pid = ownerPid(name);
    if (!name.endsWith(SUFFIX) || pid === undefined || alive(pid)) continue;
    await rm(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}
