// The extension's JobStore: job files (jobFiles.ts) for durability, the compact registry in
// globalState (mementoJobStore.ts) for activation and the cross-window display.
// A save writes this window's job files first and only then globalState: once `save` resolves,
// the job is on disk whatever another window writes into globalState at the same moment. Loading
// and the display merge both sources, the newer copy of a job winning.

import { isTerminal, type Job } from '../../core/jobTypes';
import { decodeRegistry } from '../../core/persistedForm';
import type { JobStore, PersistedRegistry } from '../../core/storePort';
import type { JobFiles } from './jobFiles';
import type { MementoJobStore, ReadRegistry } from './mementoJobStore';

export interface DurableJobStoreOptions {
  registry: MementoJobStore;
  files: JobFiles;
  /** Jobs this window drives: only their files are written here. */
  drivenHere: (jobId: string) => boolean;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Registry jobs overlaid with newer job files; finished files of jobs removed elsewhere stay out. */
function withFiles(reg: ReadRegistry | undefined, files: readonly Job[]): ReadRegistry {
  const out: ReadRegistry = { jobs: [...(reg?.jobs ?? [])], removed: [...(reg?.removed ?? [])] };
  if (reg?.durations) out.durations = reg.durations;
  const removed = new Set(out.removed);
  const index = new Map(out.jobs.map((j, i) => [j.id, i]));
  for (const f of files) {
    const i = index.get(f.id);
    if (i === undefined) {
      // An unfinished job is never dropped: a removal list cannot undo a paid request.
      if (!removed.has(f.id) || !isTerminal(f.state)) out.jobs.push(f);
    } else if (f.updatedAt >= (out.jobs[i]?.updatedAt ?? 0)) {
      // Equal times: the file is what the driving window wrote last.
      out.jobs[i] = f;
    }
  }
  return out;
}

export class DurableJobStore implements JobStore {
  constructor(private readonly opts: DurableJobStoreOptions) {}

  private filesOrNone(): Job[] {
    try {
      return this.opts.files.readAll();
    } catch (err) {
      this.opts.log('error', `Could not read the job files: ${String(err)}`);
      return [];
    }
  }

  /** What every window shows: the shared registry and the job files. */
  read(): ReadRegistry | undefined {
    const reg = this.opts.registry.read();
    const files = this.filesOrNone();
    return reg || files.length ? withFiles(reg, files) : undefined;
  }

  async load(): Promise<PersistedRegistry | undefined> {
    const loaded = await this.opts.registry.load();
    const files = this.filesOrNone();
    if (!loaded && files.length === 0) return undefined;
    const reg = withFiles(
      loaded && { ...decodeRegistry(loaded), removed: this.opts.registry.read()?.removed ?? [] },
      files,
    );
    return { v: 1, jobs: reg.jobs, ...(reg.durations ? { durations: reg.durations } : {}) };
  }

  async save(registry: PersistedRegistry): Promise<void> {
    // Throws when the files cannot be written: the engine keeps the job dirty and tries again.
    this.opts.files.write(decodeRegistry(registry).jobs, this.opts.drivenHere);
    try {
      await this.opts.registry.save(registry);
    } catch (err) {
      // The jobs are safe in their files; the shared registry catches up on the next save.
      this.opts.log('warn', `Could not update the shared job registry: ${String(err)}`);
    }
  }

  markRemoved(id: string): Promise<void> {
    return this.opts.registry.markRemoved(id);
  }
}
