// The JobStore of the extension: the job registry in globalState, kept compact and bounded
// (VS Code rewrites an extension's whole state as one JSON string on every update and warns
// above 512 KB). Active jobs are always kept; only the most recent finished ones stay, the rest
// go to the history files. A tiny separate key (`genqueue.activeCount`) lets activation decide
// without parsing the registry whether there is anything to resume.
//
// Two windows save the same key. A save merges with what is stored: a job another window
// advanced (newer `updatedAt`, not driven here) keeps the other window's version, and a job
// another window created is kept. Removed ids are remembered (bounded) so a dismissed job does
// not come back from the other window's copy.
//
// VS Code keeps an extension's globalState as ONE value that each window writes whole (last
// writer wins), and a change event from another window replaces this window's copy, an update not
// yet written included. So a write is checked once it has landed (the window's copy then holds
// what storage holds) and merged and written again when another window's write replaced it.
// Durability does not depend on this registry: job files hold the jobs (jobFiles.ts).
import { isTerminal, type Job } from '../../core/jobTypes';
import { decodeRegistry, encodeRegistry, type PackedRegistry } from '../../core/persistedForm';
import type { HistorySink, JobStore, PersistedRegistry } from '../../core/storePort';
import type { MementoLike } from './mementoPort';

export const REGISTRY_KEY = 'genqueue.registry';
export const ACTIVE_COUNT_KEY = 'genqueue.activeCount';
export const DEFAULT_MAX_FINISHED = 100;
const MAX_REMOVED_IDS = 500;
const MAX_LOG_LINE_CHARS = 300;
const MAX_DURATION_SAMPLES = 20;
const MAX_DURATION_MODELS = 60;
/** Merge-and-write attempts when another window's write keeps replacing ours. */
const MAX_WRITE_ATTEMPTS = 3;

/** What is stored: the engine's packed form (persistedForm.ts) plus removed ids. */
export interface StoredRegistry extends PackedRegistry {
  /** Ids removed from the registry (dismissed, cleared, evicted), newest last. */
  removed?: string[];
}

/** The stored registry, decoded. */
export interface ReadRegistry {
  jobs: Job[];
  durations?: Record<string, number[]>;
  removed: string[];
}

export interface MementoJobStoreOptions {
  memento: MementoLike;
  history?: HistorySink;
  maxFinished?: number;
  /** Jobs this window drives: its own copy always wins for them. */
  drivenHere?: (jobId: string) => boolean;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** A job as persisted: long log lines cut (the encoder keeps the last lines). */
export function compactJob(job: Job): Job {
  return {
    ...job,
    logs: job.logs.map((l) => (l.length > MAX_LOG_LINE_CHARS ? `${l.slice(0, MAX_LOG_LINE_CHARS)}…` : l)),
  };
}

function compactDurations(d: Record<string, number[]> | undefined): Record<string, number[]> | undefined {
  if (!d) return undefined;
  const entries = Object.entries(d)
    .filter(([, v]) => Array.isArray(v) && v.length > 0)
    .slice(-MAX_DURATION_MODELS)
    .map(([k, v]) => [k, v.slice(-MAX_DURATION_SAMPLES)] as const);
  return Object.fromEntries(entries);
}

/**
 * Bound a job list: every active job, plus the `maxFinished` most recently updated finished ones.
 * Returns the kept jobs (newest first) and the evicted finished ones.
 */
export function boundJobs(jobs: readonly Job[], maxFinished: number): { kept: Job[]; evicted: Job[] } {
  const active = jobs.filter((j) => !isTerminal(j.state));
  const finished = jobs.filter((j) => isTerminal(j.state)).sort((a, b) => b.updatedAt - a.updatedAt);
  const kept = [...active, ...finished.slice(0, maxFinished)].sort((a, b) => b.createdAt - a.createdAt);
  return { kept, evicted: finished.slice(maxFinished) };
}

export class MementoJobStore implements JobStore {
  private readonly maxFinished: number;
  /** Every id this window has loaded or saved: an id we knew and no longer have was removed here. */
  private readonly known = new Set<string>();
  private readonly archived = new Set<string>();
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: MementoJobStoreOptions) {
    this.maxFinished = opts.maxFinished ?? DEFAULT_MAX_FINISHED;
  }

  /** The stored registry, decoded (a corrupt value is logged and treated as empty, never thrown). */
  read(): ReadRegistry | undefined {
    const raw = this.opts.memento.get<unknown>(REGISTRY_KEY);
    if (raw === undefined) return undefined;
    if (!raw || typeof raw !== 'object') {
      this.opts.log?.('error', 'The stored job registry is not readable; starting with an empty registry.');
      return undefined;
    }
    return decodeStored(raw as StoredRegistry, this.opts.log);
  }

  async load(): Promise<PersistedRegistry | undefined> {
    const reg = this.read();
    if (!reg) return undefined;
    for (const j of reg.jobs) this.known.add(j.id);
    // Plain jobs: the engine reads them with or without decodeRegistry.
    return { v: 1, jobs: reg.jobs, ...(reg.durations ? { durations: reg.durations } : {}) };
  }

  save(registry: PersistedRegistry): Promise<void> {
    // Serialised: each save reads the result of the previous one.
    const run = () => this.untilLanded(() => this.saveNow(registry), 'the job registry');
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  /** Write, and write again (merged anew) while another window's write replaced ours. */
  private async untilLanded(once: () => Promise<boolean>, what: string): Promise<void> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      if (await once()) return;
    }
    this.opts.log?.(
      'warn',
      `Another window kept overwriting ${what} in globalState; it is written again on the next save.`,
    );
  }

  /** Update a key; true when storage holds our value once the write has landed. */
  private async write(key: string, value: unknown): Promise<boolean> {
    await this.opts.memento.update(key, value);
    return JSON.stringify(this.opts.memento.get(key)) === JSON.stringify(value);
  }

  /**
   * Remove a job this window's engine does not drive (dismissing another window's finished job):
   * only the stored copy changes, and its id joins the removed list so no window brings it back.
   */
  markRemoved(id: string): Promise<void> {
    const once = async (): Promise<boolean> => {
      const stored = this.read();
      if (!stored) return true;
      const removed = [...new Set([...stored.removed, id])].slice(-MAX_REMOVED_IDS);
      const value: StoredRegistry = {
        ...encodeRegistry(
          stored.jobs.filter((j) => j.id !== id),
          stored.durations,
        ),
        removed,
      };
      return this.write(REGISTRY_KEY, value);
    };
    const run = () => this.untilLanded(once, 'the removal of a job');
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  private async saveNow(registry: PersistedRegistry): Promise<boolean> {
    const stored = this.read();
    const removed = new Set(stored?.removed ?? []);
    // The engine may hand over plain jobs or its packed form.
    const decoded = decodeRegistry(registry);
    const ourJobs = decoded.jobs;
    const ours = new Map(ourJobs.map((j) => [j.id, j]));
    const drivenHere = (id: string) => this.opts.drivenHere?.(id) ?? true;
    for (const id of this.known) if (!ours.has(id)) removed.add(id);
    // A job this window drives is live here; a removal elsewhere of a copy we merely show stands.
    for (const id of ours.keys()) if (drivenHere(id)) removed.delete(id);

    const merged = new Map<string, Job>();
    for (const job of ourJobs) if (!removed.has(job.id)) merged.set(job.id, job);
    for (const theirs of stored?.jobs ?? []) {
      if (removed.has(theirs.id)) continue;
      const mine = ours.get(theirs.id);
      if (mine) {
        if (!drivenHere(theirs.id) && theirs.updatedAt > mine.updatedAt) merged.set(theirs.id, theirs);
      } else if (!this.known.has(theirs.id)) {
        merged.set(theirs.id, theirs);
      }
    }

    const { kept, evicted } = boundJobs([...merged.values()], this.maxFinished);
    for (const j of evicted) removed.add(j.id);
    const toArchive = evicted.filter((j) => !this.archived.has(j.id));
    if (toArchive.length > 0 && this.opts.history) {
      try {
        await this.opts.history.append(toArchive);
        for (const j of toArchive) this.archived.add(j.id);
      } catch (err) {
        this.opts.log?.('error', `Could not write ${toArchive.length} job(s) to history: ${String(err)}`);
      }
    }

    const durations = compactDurations(decoded.durations ?? stored?.durations);
    const value: StoredRegistry = {
      ...encodeRegistry(kept.map(compactJob), durations),
      removed: [...removed].slice(-MAX_REMOVED_IDS),
    };
    for (const j of kept) this.known.add(j.id);
    // One update turn: VS Code writes both keys in one whole-object write.
    const active = kept.filter((j) => !isTerminal(j.state)).length;
    const [landed] = await Promise.all([this.write(REGISTRY_KEY, value), this.write(ACTIVE_COUNT_KEY, active)]);
    return landed;
  }
}

/** Activation's one cheap read: is anything left to resume? */
export function storedActiveCount(memento: MementoLike): number {
  const n = memento.get<unknown>(ACTIVE_COUNT_KEY);
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/**
 * Jobs another window changed or created that this window's engine does not show (or shows
 * an older copy of): the host overlays them on the panel and status bar.
 */
export function foreignJobs(
  stored: ReadRegistry | undefined,
  local: readonly Job[],
): { jobs: Job[]; removed: Set<string> } {
  const removed = new Set(stored?.removed ?? []);
  if (!stored) return { jobs: [], removed };
  const byId = new Map(local.map((j) => [j.id, j]));
  const jobs = stored.jobs.filter((j) => {
    const mine = byId.get(j.id);
    return !mine || j.updatedAt > mine.updatedAt;
  });
  return { jobs, removed };
}

/** The registry as displayed: local jobs, overlaid with newer copies from other windows, newest first. */
export function mergeForDisplay(
  local: readonly Job[],
  foreign: { jobs: Job[]; removed: Set<string> },
  drivenHere: (id: string) => boolean = () => true,
): Job[] {
  const byId = new Map<string, Job>();
  for (const j of local) byId.set(j.id, j);
  for (const j of foreign.jobs) byId.set(j.id, j);
  // A job removed elsewhere disappears here too, unless this window is still working on it.
  for (const id of foreign.removed) {
    const j = byId.get(id);
    if (j && (isTerminal(j.state) || !drivenHere(id))) byId.delete(id);
  }
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}

function decodeStored(
  raw: StoredRegistry,
  log?: (level: 'info' | 'warn' | 'error', message: string) => void,
): ReadRegistry {
  let decoded: ReturnType<typeof decodeRegistry>;
  try {
    decoded = decodeRegistry(raw);
  } catch (err) {
    log?.('error', `The stored job registry is not readable (${String(err)}); starting with an empty registry.`);
    return { jobs: [], removed: [] };
  }
  for (const p of decoded.problems) log?.('warn', p);
  const jobs = decoded.jobs.filter(
    (j): j is Job => !!j && typeof j === 'object' && typeof j.id === 'string' && typeof j.state === 'string',
  );
  const out: ReadRegistry = {
    jobs,
    removed: Array.isArray(raw.removed) ? raw.removed.filter((x) => typeof x === 'string') : [],
  };
  if (decoded.durations) out.durations = decoded.durations;
  return out;
}
