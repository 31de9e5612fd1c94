// The registry: every job the engine knows, its queries, change events and persistence.
// Jobs are replaced, never mutated, so a snapshot handed to a listener never changes under it.
// Writes are coalesced (saveDelayMs); `saveNow` is for the moments that must be durable before
// the engine waits on a provider (state submitting, a new request id).
import type { Clock } from './clock';
import type { JobChange } from './engineApi';
import { isTerminal, type Job, type JobState } from './jobTypes';
import { decodeRegistry, encodeRegistry } from './persistedForm';
import { redactJobText } from './redact';
import { assertTransition } from './stateMachine';
import type { HistorySink, JobStore } from './storePort';

export interface JobRegistryOptions {
  store: JobStore;
  history?: HistorySink;
  clock: Clock;
  saveDelayMs?: number;
  maxFinishedJobs?: number;
  /** Durations to persist alongside the jobs. */
  durations?: () => Record<string, number[]> | undefined;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Keys to mask in a job's error and logs before they are stored (key-shaped text is masked anyway). */
  secrets?: () => readonly (string | undefined)[];
  /** Told synchronously when a job fails, before anything else is scheduled (batch blocking). */
  onFailed?: (job: Job) => void;
  /** Told when jobs leave the registry for history (a batch's counts still include them). */
  onRemoved?: (jobs: readonly Job[]) => void;
}

type Listener = (change: JobChange) => void;

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<Listener>();
  private pendingChanged = new Set<string>();
  private pendingAdopted = new Set<string>();
  private emitQueued = false;
  private saveTimer: ReturnType<Clock['setTimeout']> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private failedSaves = 0;
  private stopped = false;
  private readonly saveDelayMs: number;
  private readonly maxFinished: number;

  constructor(private readonly opts: JobRegistryOptions) {
    this.saveDelayMs = opts.saveDelayMs ?? 250;
    this.maxFinished = opts.maxFinishedJobs ?? 200;
  }

  /** Load persisted jobs; returns them and the persisted durations. */
  async load(): Promise<{ jobs: Job[]; durations?: Record<string, number[]> }> {
    const decoded = decodeRegistry(await this.opts.store.load());
    for (const p of decoded.problems) this.opts.log?.('warn', p);
    const jobs = decoded.jobs.map((job) => this.masked(job));
    for (const job of jobs) this.jobs.set(job.id, job);
    return { jobs, durations: decoded.durations };
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** Every job, newest first. */
  list(): Job[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  active(): Job[] {
    return this.list().filter((j) => !isTerminal(j.state));
  }

  recentSuccesses(limit = 20): Job[] {
    return this.list()
      .filter((j) => j.state === 'succeeded')
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .slice(0, limit);
  }

  failed(): Job[] {
    return this.list().filter((j) => j.state === 'failed');
  }

  byBatch(batchId: string): Job[] {
    return this.list().filter((j) => j.batchId === batchId);
  }

  add(job: Job): Job {
    if (this.jobs.has(job.id)) throw new Error(`A job with id ${job.id} already exists.`);
    const stored = this.masked(job);
    this.jobs.set(job.id, stored);
    this.changed(job.id, true);
    return stored;
  }

  /** Replace fields of a job (not its state: use transition). */
  update(id: string, patch: Partial<Job>): Job {
    const job = this.require(id);
    if (patch.state !== undefined && patch.state !== job.state) throw new Error('Use transition() to change state.');
    const next = this.masked({ ...job, ...patch, updatedAt: this.opts.clock.now() }, job);
    this.jobs.set(id, next);
    // Parking a job stale (or resuming it) is a change the user is told about, like a state change.
    this.changed(id, !!next.stale !== !!job.stale);
    return next;
  }

  /** Move a job to another state (legal moves only) and stamp the time. */
  transition(id: string, to: JobState, patch: Partial<Job> = {}): Job {
    const job = this.require(id);
    assertTransition(job.state, to);
    const now = this.opts.clock.now();
    const next = this.masked(
      { ...job, ...patch, state: to, stateAt: { ...job.stateAt, [to]: now }, updatedAt: now },
      job,
    );
    this.jobs.set(id, next);
    this.opts.log?.('info', `job ${id} ${job.state} → ${to}${next.requestId ? ` (request ${next.requestId})` : ''}`);
    this.changed(id, true);
    if (to === 'failed') this.opts.onFailed?.(next);
    if (isTerminal(to)) this.trimFinished();
    return next;
  }

  /** Take jobs out of the registry into history (dismiss, clear finished, the finished-jobs cap). */
  remove(ids: readonly string[]): void {
    const gone = ids.map((id) => this.jobs.get(id)).filter((j): j is Job => j !== undefined);
    if (!gone.length) return;
    for (const j of gone) this.jobs.delete(j.id);
    this.opts.onRemoved?.(gone);
    this.queueEmit();
    this.scheduleSave();
    const history = this.opts.history;
    if (!history) return;
    history.append(gone).catch((err: unknown) => {
      // Never lose a job because history could not be written: put it back.
      this.opts.log?.('error', `Could not write ${gone.length} job(s) to history: ${String(err)}; kept them.`);
      for (const j of gone) if (!this.jobs.has(j.id)) this.jobs.set(j.id, j);
      this.queueEmit();
      this.scheduleSave();
    });
  }

  /**
   * Put in other windows' copies and drop jobs removed elsewhere (multi-window). Not saved here
   * (the other window owns those writes) and not reported in `changed` (no second notification);
   * listeners get one event listing them in `adopted` so the UI refreshes.
   */
  adopt(copies: readonly Job[], dropIds: readonly string[]): void {
    for (const job of copies) {
      this.jobs.set(job.id, job);
      this.pendingAdopted.add(job.id);
    }
    for (const id of dropIds) {
      if (this.jobs.delete(id)) this.pendingAdopted.add(id);
    }
    if (copies.length || dropIds.length) this.queueEmit();
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Persist soon (coalesced). */
  scheduleSave(): void {
    this.dirty = true;
    if (this.saveTimer !== undefined || this.stopped) return;
    this.saveTimer = this.opts.clock.setTimeout(() => {
      this.saveTimer = undefined;
      this.saveNow().catch(() => undefined); // logged and retried by saveNow
    }, this.saveDelayMs);
  }

  /** Persist now; resolves once the store has the current state. Saves never overlap. */
  saveNow(): Promise<void> {
    if (this.saveTimer !== undefined) {
      this.opts.clock.clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    this.dirty = false;
    const write = this.saving.then(() => this.opts.store.save(encodeRegistry(this.list(), this.opts.durations?.())));
    this.saving = write.then(
      () => {
        this.failedSaves = 0;
      },
      (err: unknown) => {
        this.dirty = true;
        this.retrySaveLater(err);
      },
    );
    return write;
  }

  /** A failed write is tried again on its own (backing off), so an idle registry still gets saved. */
  private retrySaveLater(err: unknown): void {
    this.failedSaves++;
    if (this.stopped || this.saveTimer !== undefined) return;
    const delay = Math.min(60_000, 1_000 * 2 ** Math.min(6, this.failedSaves - 1));
    this.opts.log?.('error', `Saving jobs failed (${String(err)}); trying again in ${delay / 1000} s.`);
    this.saveTimer = this.opts.clock.setTimeout(() => {
      this.saveTimer = undefined;
      this.saveNow().catch(() => undefined);
    }, delay);
  }

  /** Write pending changes, if any. */
  async flush(): Promise<void> {
    if (this.dirty || this.saveTimer !== undefined) await this.saveNow();
    else await this.saving;
  }

  /** Stop the coalescing timer (dispose). */
  stopTimers(): void {
    this.stopped = true;
    if (this.saveTimer !== undefined) this.opts.clock.clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
  }

  /** Error text and logs with keys masked, before anything stores them (only when they changed). */
  private masked(next: Job, prev?: Job): Job {
    if (prev ? next.error === prev.error && next.logs === prev.logs : !next.error && !next.logs.length) return next;
    return redactJobText(next, this.opts.secrets?.() ?? []);
  }

  private require(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`No job with id ${id}.`);
    return job;
  }

  private trimFinished(): void {
    const all = this.list();
    // A batch still running keeps its finished jobs here: its counts, spend and blocking rules need them.
    const running = new Set(all.filter((j) => j.batchId !== undefined && !isTerminal(j.state)).map((j) => j.batchId));
    const finished = all
      .filter((j) => isTerminal(j.state) && !running.has(j.batchId))
      .sort((a, b) => b.updatedAt - a.updatedAt);
    if (finished.length > this.maxFinished) this.remove(finished.slice(this.maxFinished).map((j) => j.id));
  }

  private changed(id: string, stateChanged: boolean): void {
    if (stateChanged) this.pendingChanged.add(id);
    this.queueEmit();
    this.scheduleSave();
  }

  /** Events are batched per microtask turn: one event for a burst of updates. */
  private queueEmit(): void {
    if (this.emitQueued) return;
    this.emitQueued = true;
    queueMicrotask(() => {
      this.emitQueued = false;
      const change: JobChange = { jobs: this.list(), changed: [...this.pendingChanged] };
      if (this.pendingAdopted.size) change.adopted = [...this.pendingAdopted];
      this.pendingChanged = new Set();
      this.pendingAdopted = new Set();
      for (const l of this.listeners) {
        try {
          l(change);
        } catch (err) {
          this.opts.log?.('error', `A job change listener threw: ${String(err)}`);
        }
      }
    });
  }
}
