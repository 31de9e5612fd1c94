// Model schemas as files under globalStorage, one per key. A cache may lose an entry when two windows
// write at once (the last write wins): the cost is one more fetch, never a wrong answer, so no lease
// guards these files.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ensureDir, readJson, writeAtomic } from './atomicFiles';

/** JSON values by key, one file per key (a schema can be large: a change never rewrites the others). */
export class CacheEntryFiles {
  constructor(private readonly dir: string) {}

  async get(key: string): Promise<unknown> {
    return readJson<unknown>(this.fileOf(key));
  }

  async put(key: string, value: unknown): Promise<void> {
    ensureDir(this.dir);
    writeAtomic(this.fileOf(key), JSON.stringify(value));
  }

  private fileOf(key: string): string {
    // Keys are model ids ("owner/name:version"): hashed, so no key can name a path.
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }
}
