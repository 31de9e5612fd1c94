// The takes on disk of a shot list: `<assets>/<list name>/<shot id>/take-<n>.<ext>`, each described
// by its sidecar. Every shot folder counts, also one whose shot left the file (orphan takes are
// kept and shown). Read once per list and cached until a take is imported or chosen.
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
      this.cache.set(listPath, takes);
      // A failed scan is not kept: the next call reads again.
      takes.catch(() => this.cache.delete(listPath));
    }
    return takes;
  }

  /** The take files of one shot, newest number last. */
  async takesOf(listPath: string, shotId: string): Promise<readonly ShotTakeFile[]> {
    return (await this.takesFor(listPath)).get(shotId) ?? [];
  }

  invalidate(listPath: string): void {
    this.cache.delete(listPath);
  }

  private async scan(listPath: string): Promise<ShotTakes> {
    const out = new Map<string, ShotTakeFile[]>();
    const ws = this.opts.workspaceUri();
    if (!ws) return out;
    const listFolder = `${(await this.opts.assetsFolder()).replace(/\/+$/, '')}/${listNameOf(listPath)}`;
    const fs = this.opts.fs;
    const shots = await fs.readDirectory(joinUri(ws, listFolder)).catch(() => []);
    for (const [shotId, kind] of shots) {
      if (kind !== 'directory') continue;
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
      if (takes.length > 0)
        out.set(
          shotId,
          takes.sort((a, b) => a.take - b.take),
        );
    }
    return out;
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
