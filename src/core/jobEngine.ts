// The headless job engine: owns timing (slots, request budgets, backoff, polling or streaming),
// persistence order (submitting and the request id are durable before any wait on a provider)
// and the job lifecycle. Adapters translate; the engine decides. This class is the public API;
// the scheduler is in jobScheduler.ts, the steps in jobSteps.ts. No vscode import.
import { DEFAULT_BACKOFF } from './backoff';
import { BatchControl } from './batches/batchControl';
import type { BatchSummary } from './batches/batchSummary';
import { type Clock, systemClock } from './clock';
import { actualCost, estimateCost } from './cost';
import { DurationHistory } from './durationEstimates';
import type { JobChange, JobEngineApi } from './engineApi';
import type { Costing, JobEngineOptions } from './engineOptions';
import { adoptOtherWindowsJobs } from './jobAdopt';
import { requestCancel } from './jobCancel';
import { createJobs } from './jobCreation';
import { newJobId, specOf } from './jobFactory';
import { JobRegistry } from './jobRegistry';
import { prepareResume } from './jobResume';
import { PROVIDER_STATES } from './jobRuntime';
import { JobRuntimes } from './jobRuntimes';
import { JobScheduler } from './jobScheduler';
import { JobSteps } from './jobSteps';
import { isTerminal, type Job, type JobSpec } from './jobTypes';
import { ReferenceUploads } from './references/referenceUploads';
import { createTakeDownloader } from './takeDownloader';

const defaultCosting: Costing = {
  estimate: (provider, model, input, audioSec) => estimateCost(provider, model, input, { audioSec }),
  actual: (provider, model, input, result, audioSec) => actualCost(provider, model, input, result, { audioSec }),
};

export class JobEngine implements JobEngineApi {
  private readonly clock: Clock;
  private readonly registry: JobRegistry;
  private readonly steps: JobSteps;
  private readonly runtimes: JobRuntimes;
  private readonly scheduler: JobScheduler;
  private readonly batches: BatchControl;
  private readonly random: () => number;
  private disposed = false;

  constructor(private readonly opts: JobEngineOptions) {
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.runtimes = new JobRuntimes(this.clock);
    this.registry = new JobRegistry({
      store: opts.store,
      history: opts.history,
      clock: this.clock,
      saveDelayMs: opts.saveDelayMs,
      maxFinishedJobs: opts.maxFinishedJobs,
      durations: () => this.steps.durations.toJSON(),
      log: opts.log,
      secrets: opts.secrets,
      onFailed: (job) => this.batches.onFailed(job),
      onRemoved: (jobs) => this.batches.onRemoved(jobs),
    });
    this.steps = new JobSteps({
      registry: this.registry,
      clock: this.clock,
      opts,
      costing: opts.costing ?? defaultCosting,
      download: opts.download ?? createTakeDownloader(),
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      random: this.random,
      references: new ReferenceUploads(
        opts.references,
        () => this.clock.now(),
        (level, message) => this.log(level, message),
      ),
      isDisposed: () => this.disposed,
      log: (level, message) => this.log(level, message),
    });
    this.batches = new BatchControl({
      registry: this.registry,
      opts,
      cancelOne: (id) => this.cancelNow(id),
      schedule: () => this.scheduler.schedule(),
      flush: () => this.registry.flush(),
      log: (level, message) => this.log(level, message),
    });
    this.scheduler = new JobScheduler({
      registry: this.registry,
      admits: (job) => this.batches.admits(job),
      runtimes: this.runtimes,
      steps: this.steps,
      opts,
      clock: this.clock,
      random: this.random,
      isDisposed: () => this.disposed,
      log: (level, message) => this.log(level, message),
    });
  }

  // ---- lifecycle -------------------------------------------------------------------------

  async start(): Promise<void> {
    if (this.scheduler.started) return;
    const loaded = await this.registry.load();
    if (!this.opts.durations) this.steps.setDurations(DurationHistory.fromJSON(loaded.durations));
    // Prepared lazily, when this engine first drives each job: another window may be driving it.
    for (const job of this.registry.list()) {
      if (!isTerminal(job.state)) this.runtimes.of(job.id).resume = true;
    }
    this.scheduler.start();
  }

  /**
   * The job, its persisted copy resumed first if still pending: a user command (cancel, check
   * again, submit again) acts on the resumed state and its own timing is not undone later.
   */
  private resumedJob(id: string): Job | undefined {
    const job = this.registry.get(id);
    const rt = this.runtimes.get(id);
    if (!job || !rt?.resume || isTerminal(job.state)) return job;
    rt.resume = false;
    prepareResume(this.registry, job, rt, this.clock.now());
    return this.registry.get(id);
  }

  async flush(): Promise<void> {
    await this.registry.flush();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.scheduler.stop();
    for (const rt of this.runtimes.values()) rt.controller?.abort();
    this.registry.stopTimers();
    await this.registry.flush();
  }

  // ---- commands ---------------------------------------------------------------------------

  submit(spec: JobSpec): Job {
    return this.add([spec])[0] as Job;
  }

  submitBatch(specs: readonly JobSpec[]): Job[] {
    const batchId = specs.find((s) => s.batchId)?.batchId ?? `b-${newJobId(this.clock.now(), this.random)}`;
    return this.add(specs.map((s) => ({ ...s, batchId: s.batchId ?? batchId })));
  }

  /** Add jobs (all or none), persisted at once in one write, and schedule them. */
  private add(specs: readonly JobSpec[]): Job[] {
    if (this.disposed) throw new Error('GenQueue is shutting down; submit the job again once it has restarted.');
    const log = (level: 'info' | 'warn' | 'error', message: string) => this.log(level, message);
    const jobs = createJobs(
      { opts: this.opts, clock: this.clock, random: this.random, costing: this.costing(), log },
      specs,
    );
    for (const job of jobs) {
      this.registry.add(job);
      // Created here: ours until shouldDrive says otherwise (so `adopt` never overwrites it meanwhile).
      Object.assign(this.runtimes.of(job.id), { dueAt: job.createdAt, driving: true });
    }
    this.registry
      .saveNow()
      .catch((err: unknown) => this.log('error', `Saving ${jobs.length} new job(s) failed: ${String(err)}`));
    this.scheduler.schedule();
    return jobs;
  }

  async cancel(id: string): Promise<void> {
    if (!this.cancelNow(id)) return;
    this.scheduler.schedule();
    await this.registry.flush();
  }

  /** The cancel of one job, its persisted copy resumed first; no save (see jobCancel.ts). */
  private cancelNow(id: string): boolean {
    const deps = { registry: this.registry, runtimes: this.runtimes, clock: this.clock, log: this.opts.log };
    return this.resumedJob(id) !== undefined && requestCancel(deps, id);
  }

  pauseBatch(batchId: string): void {
    this.batches.pause(batchId);
  }

  resumeBatch(batchId: string): void {
    this.batches.resume(batchId);
  }

  cancelBatch(batchId: string): Promise<void> {
    return this.batches.cancel(batchId);
  }

  batchSummary(batchId: string): BatchSummary | undefined {
    return this.batches.summary(batchId);
  }

  retry(id: string, edits?: Record<string, unknown>): Job {
    const job = this.registry.get(id);
    if (!job) throw new Error(`No job with id ${id}.`);
    if (!isTerminal(job.state)) throw new Error('Only a finished job can be retried; cancel it first.');
    return this.submit(specOf(job, edits));
  }

  retryAllFailed(): Job[] {
    const all = this.registry.list();
    const retried = new Set(all.map((j) => j.retriedFrom).filter((x) => x !== undefined));
    return this.registry
      .failed()
      .filter((j) => !retried.has(j.id))
      .reverse()
      .map((j) => this.retry(j.id));
  }

  dismiss(id: string): void {
    const job = this.registry.get(id);
    if (!job) return;
    if (!isTerminal(job.state)) throw new Error('Only a finished job can be dismissed; cancel it first.');
    this.registry.remove([id]);
    this.runtimes.drop(id);
  }

  clearFinished(): void {
    const ids = this.registry
      .list()
      .filter((j) => isTerminal(j.state))
      .map((j) => j.id);
    this.registry.remove(ids);
    for (const id of ids) this.runtimes.drop(id);
  }

  checkAgain(id: string): void {
    const job = this.resumedJob(id);
    if (!job || isTerminal(job.state)) return;
    const rt = this.runtimes.of(id);
    const now = this.clock.now();
    Object.assign(rt, { parked: false, dueAt: now, windowStart: now, pollsSinceResume: 0 });
    if (job.stale) this.registry.update(id, { stale: undefined, staleReason: undefined, error: undefined });
    this.scheduler.schedule();
  }

  resubmitUnknown(id: string): void {
    const job = this.resumedJob(id);
    if (job?.state !== 'unknown') throw new Error('Only a job whose outcome is unknown can be submitted again.');
    Object.assign(this.runtimes.of(id), { parked: false, resubmit: true, dueAt: this.clock.now() });
    this.scheduler.schedule();
  }

  /** Re-evaluate which jobs this window drives (call when the lease changes). */
  refresh(): void {
    this.scheduler.schedule();
  }

  /**
   * Multi-window: take other windows' copies of jobs this engine does not drive (added, or
   * replacing an older copy), and drop the ids in `opts.removed` (dismissed or archived
   * elsewhere) unless this engine drives them. A job this engine drives or has a request in flight
   * for is never touched; a finished copy is never replaced by an unfinished one; an older copy
   * never replaces a newer one. Nothing is saved. Listeners get one event with the ids in
   * `adopted` and none in `changed`. An adopted unfinished job is resumed like after a restart as
   * soon as shouldDrive says this window holds it (after `refresh()` or the next scheduler turn).
   */
  adopt(jobs: readonly Job[], opts: { removed?: Iterable<string> } = {}): void {
    if (this.disposed) return;
    if (adoptOtherWindowsJobs(this.registry, this.runtimes, jobs, opts.removed ?? [])) this.scheduler.schedule();
  }

  // ---- queries ----------------------------------------------------------------------------

  get(id: string): Job | undefined {
    return this.registry.get(id);
  }

  list(): readonly Job[] {
    return this.registry.list();
  }

  activeJobs(): Job[] {
    return this.registry.active();
  }

  failedJobs(): Job[] {
    return this.registry.failed();
  }

  recentSuccesses(limit?: number): Job[] {
    return this.registry.recentSuccesses(limit);
  }

  jobsInBatch(batchId: string): Job[] {
    return this.registry.byBatch(batchId);
  }

  estimateDurationMs(model: string): number | undefined {
    return this.steps.durations.estimate(model);
  }

  phaseHint(job: Job): string | undefined {
    if (!PROVIDER_STATES.has(job.state)) return undefined;
    const since = job.stateAt.submitting ?? job.createdAt;
    return this.steps.durations.phaseHint(this.clock.now() - since, this.steps.durations.estimate(job.model));
  }

  onDidChange(listener: (change: JobChange) => void): { dispose(): void } {
    return this.registry.onDidChange(listener);
  }

  private costing(): Costing {
    return this.opts.costing ?? defaultCosting;
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.opts.log?.(level, message);
  }
}
