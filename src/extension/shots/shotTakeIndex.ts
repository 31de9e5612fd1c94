// The takes on disk of a shot list: `<assets>/<list name>/<shot id>/take-<n>.<ext>`, each described
// by its sidecar. Every shot folder counts, also one whose shot left the file (orphan takes are
// kept and shown). Read once per list and cached; a shot's folder is read again when a take lands.
import { listNameOf, parseTakeFileName } from '../../core/shots/takePaths';
import { type HostFileSystem, joinUri } from '../assets/hostFileSystem';
import { SIDECAR_SUFFIX } from '../assets/sidecar';
import type { ShotTakeFile } from './shotRunnerPort';

export type ShotTakes = ReadonlyMap<string, readonly ShotTakeFile[]>;

export interface ShotTakeIndexOptions {
  fs: HostFileSystem;
  workspaceUri(): string | undefined;
  assetsFolder(): Promise<string>;
}

export class ShotTakeIndex {
  private readonly cache = new Map<string, Promise<ShotTakes>>();

  constructor(private readonly opts: ShotTakeIndexOptions) {}

  takesFor(listPath: string): Promise<ShotTakes> {
    let takes = this.cache.get(listPath);
    if (!takes) {
      takes = this.scan(listPath);
      this.remember(listPath, takes);
    }
    return takes;
  }

  /** The take files of one shot, newest number last. */
  async takesOf(listPath: string, shotId: string): Promise<readonly ShotTakeFile[]> {
    return (await this.takesFor(listPath)).get(shotId) ?? [];
  }

  /**
   * Read these shots' folders again (a take landed or was chosen); the rest of the list stays
   * cached, so a batch of N shots reads N folders, not N lists.
   */
  invalidate(listPath: string, shotIds: readonly string[]): void {
    const cached = this.cache.get(listPath);
    if (!cached) return;
    this.remember(
      listPath,
      cached.then(async (old) => {
        const next = new Map(old);
        const where = await this.listFolder(listPath);
        for (const id of shotIds) {
          const takes = where ? await this.scanShot(where.ws, where.folder, listPath, id) : [];
          if (takes.length > 0) next.set(id, takes);
          else next.delete(id);
        }
        return next;
      }),
    );
  }

  private remember(listPath: string, takes: Promise<ShotTakes>): void {
    this.cache.set(listPath, takes);
    // A failed read is not kept: the next call reads again.
    takes.catch(() => {
      if (this.cache.get(listPath) === takes) this.cache.delete(listPath);
    });
  }

  private async listFolder(listPath: string): Promise<{ ws: string; folder: string } | undefined> {
    const ws = this.opts.workspaceUri();
    if (!ws) return undefined;
    return { ws, folder: `${(await this.opts.assetsFolder()).replace(/\/+$/, '')}/${listNameOf(listPath)}` };
  }

  private async scan(listPath: string): Promise<ShotTakes> {
    const out = new Map<string, ShotTakeFile[]>();
    const where = await this.listFolder(listPath);
    if (!where) return out;
    const shots = await this.opts.fs.readDirectory(joinUri(where.ws, where.folder)).catch(() => []);
    for (const [shotId, kind] of shots) {
      if (kind !== 'directory') continue;
      const takes = await this.scanShot(where.ws, where.folder, listPath, shotId);
      if (takes.length > 0) out.set(shotId, takes);
    }
    return out;
  }

  private async scanShot(ws: string, listFolder: string, listPath: string, shotId: string): Promise<ShotTakeFile[]> {
    const fs = this.opts.fs;
    const folder = `${listFolder}/${shotId}`;
    const names = new Set((await fs.readDirectory(joinUri(ws, folder)).catch(() => [])).map(([n]) => n));
    const takes: ShotTakeFile[] = [];
    for (const name of names) {
      const take = parseTakeFileName(name);
      if (take === undefined) continue;
      const path = `${folder}/${name}`;
      const file: ShotTakeFile = { take, path, uri: joinUri(ws, path) };
      if (names.has(`${name}${SIDECAR_SUFFIX}`)) {
        const info = await readSidecar(fs, joinUri(ws, `${path}${SIDECAR_SUFFIX}`));
        // Another list of the same name (in another folder) shares the folder: not this list's take.
        if (info?.list !== undefined && info.list !== listPath) continue;
        Object.assign(file, info?.take);
      }
      takes.push(file);
    }
    return takes.sort((a, b) => a.take - b.take);
  }
}

type SidecarTakeInfo = Pick<ShotTakeFile, 'fingerprint' | 'costLabel' | 'generationMs' | 'createdAt' | 'jobId'>;

/** What the takes view shows from a sidecar; undefined when it cannot be read (the take still counts). */
async function readSidecar(
  fs: HostFileSystem,
  uri: string,
): Promise<{ list?: string; take: SidecarTakeInfo } | undefined> {
  let data: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(await fs.readFile(uri)));
    if (!parsed || typeof parsed !== 'object') return undefined;
    data = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const take: SidecarTakeInfo = {};
  const shot = record(data.shot);
  if (typeof shot?.fingerprint === 'string') take.fingerprint = shot.fingerprint;
  if (typeof data.jobId === 'string') take.jobId = data.jobId;
  const cost = record(data.cost);
  const label = record(cost?.actual)?.label ?? record(cost?.estimate)?.label;
  if (typeof label === 'string') take.costLabel = label;
  const timings = record(data.timings);
  if (typeof timings?.createdAt === 'number') take.createdAt = timings.createdAt;
  const start = numberOr(timings?.submitting, timings?.createdAt);
  const end = numberOr(timings?.downloading, timings?.importing);
  if (start !== undefined && end !== undefined && end >= start) take.generationMs = end - start;
  const list = typeof shot?.list === 'string' ? shot.list : undefined;
  return list === undefined ? { take } : { list, take };
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function numberOr(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number') return a;
  return typeof b === 'number' ? b : undefined;
}
