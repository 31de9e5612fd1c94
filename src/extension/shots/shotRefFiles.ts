// The files a shot list's references point at, read on the host: the content hash of each
// (fingerprints, so a new take of a dependency makes its dependents stale) and the JobReference
// a job records (workspace path + hash, never a URL). A `shot:<id>` reference is that shot's
// chosen take on disk.
import { createHash } from 'node:crypto';
import { fileMedia } from '../../core/references/fileMedia';
import type { JobReference } from '../../core/references/referenceTypes';
import type { RefContent } from '../../core/shots/resolveShot';
import { refEntries, type Shot, type ShotList, shotRefTarget } from '../../core/shots/shotTypes';
import { type HostFileSystem, joinUri } from '../assets/hostFileSystem';
import type { ShotTakes } from './shotTakeIndex';

interface FileFacts {
  sha256: string;
  bytes: number;
}

export type ShotRefs = { ok: true; refs: JobReference[] } | { ok: false; reason: string };

export class ShotRefFiles {
  /** Take files by URI: a take is never rewritten (a new one gets a new number), so its hash is kept. */
  private readonly takeHashes = new Map<string, Promise<FileFacts>>();

  constructor(private readonly opts: { fs: HostFileSystem; workspaceUri(): string | undefined }) {}

  /** The workspace path a reference reads now: the file itself, or the dependency's chosen take. */
  static pathOf(list: ShotList, takes: ShotTakes, value: string): { path: string; take: boolean } | string {
    const target = shotRefTarget(value);
    if (target === undefined) return { path: value.replace(/\\/g, '/').replace(/^\.\//, ''), take: false };
    const dep = list.shots.find((s) => s.id === target);
    if (dep?.take === undefined) return `${target} has no chosen take yet`;
    const file = takes.get(target)?.find((t) => t.take === dep.take);
    return file ? { path: file.path, take: true } : `take-${dep.take} of ${target} is not on disk`;
  }

  /** The content hash of every reference of the list that can be read now, by its value. */
  async content(list: ShotList, takes: ShotTakes): Promise<RefContent> {
    const out = new Map<string, string>();
    const values = new Set(list.shots.flatMap((s) => refEntries(s.refs).map((r) => r.value)));
    for (const value of values) {
      const where = ShotRefFiles.pathOf(list, takes, value);
      if (typeof where === 'string') continue;
      const facts = await this.facts(where.path, where.take).catch(() => undefined);
      if (facts) out.set(value, facts.sha256);
    }
    return out;
  }

  /** What a job for `shot` records of its references, or why they cannot be read. */
  async references(list: ShotList, shot: Shot, takes: ShotTakes): Promise<ShotRefs> {
    const refs: JobReference[] = [];
    for (const entry of refEntries(shot.refs)) {
      const where = ShotRefFiles.pathOf(list, takes, entry.value);
      if (typeof where === 'string') return { ok: false, reason: `Reference "${entry.field}": ${where}.` };
      let facts: FileFacts;
      try {
        facts = await this.facts(where.path, where.take);
      } catch {
        return { ok: false, reason: `Reference "${entry.field}": ${where.path} is not there.` };
      }
      const ref: JobReference = {
        field: entry.field,
        path: where.path,
        sha256: facts.sha256,
        bytes: facts.bytes,
        contentType: fileMedia(where.path)?.contentType ?? 'application/octet-stream',
      };
      if (entry.index !== undefined) ref.index = entry.index;
      const from = shotRefTarget(entry.value);
      if (from !== undefined) ref.fromShot = from;
      refs.push(ref);
    }
    return { ok: true, refs };
  }

  private facts(path: string, take: boolean): Promise<FileFacts> {
    const ws = this.opts.workspaceUri();
    if (!ws) return Promise.reject(new Error('no folder is open'));
    const uri = joinUri(ws, path);
    if (!take) return this.read(uri);
    let known = this.takeHashes.get(uri);
    if (!known) {
      known = this.read(uri);
      this.takeHashes.set(uri, known);
      known.catch(() => this.takeHashes.delete(uri));
    }
    return known;
  }

  private async read(uri: string): Promise<FileFacts> {
    const data = await this.opts.fs.readFile(uri);
    return { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.byteLength };
  }
}
