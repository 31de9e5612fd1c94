// The headless job engine: owns timing (slots, request budgets, backoff, polling or streaming),
// persistence order (submitting and the request id are durable before any wait on a provider)
// and the job lifecycle. Adapters translate; the engine decides; the steps live in jobSteps.ts.
// No vscode import.
import { DEFAULT_BACKOFF } from './backoff';
import { type Clock, systemClock, type TimerHandle } from './clock';
import { actualCost, estimateCost } from './cost';
import { DurationHistory } from './durationEstimates';
import type { JobChange, JobEngineApi } from './engineApi';
import { type EngineLimits, resolveLimits } from './engineLimits';
import { closedWhileSubmitting } from './engineMessages';
import type { Costing, JobEngineOptions } from './engineOptions';
import { createJob, newJobId, specOf } from './jobFactory';
import { JobRegistry } from './jobRegistry';
import {
  DEFAULT_POLL_WINDOW_MS,
  type JobRuntime,
  newRuntime,
  PROVIDER_STATES,
  SLOT_STATES,
  type StepKind,
} from './jobRuntime';
import { JobSteps } from './jobSteps';
import { isTerminal, type Job, type JobSpec, type ProviderId } from './jobTypes';
import type { ProviderAdapter } from './providerPort';
import { ProviderThrottle, throttledAdapter } from './providerThrottle';
import { RateBudget, type RequestKind } from './rateBudget';
import { createTakeDownloader } from './takeDownloader';
import { releaseHeld } from './takeSpool';

const UNDRIVEN_RECHECK_MS = 5_000;

const defaultCosting: Costing = { estimate: estimateCost, actual: actualCost };

export class JobEngine implements JobEngineApi {
  private readonly clock: Clock;
  private readonly registry: JobRegistry;
  private readonly steps: JobSteps;
  private readonly runtime = new Map<string, JobRuntime>();
  private readonly budgets = new Map<ProviderId, RateBudget>();
  private readonly limits = new Map<ProviderId, EngineLimits>();
  private readonly throttles = new Map<ProviderId, ProviderThrottle>();
  private readonly watched = new WeakMap<ProviderAdapter, ProviderAdapter>();
  private readonly random: () => number;
  private wake: { handle: TimerHandle; at: number } | undefined;
  private started = false;
  private disposed = false;
  private pumpQueued = false;

  constructor(private readonly opts: JobEngineOptions) {
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.registry = new JobRegistry({
      store: opts.store,
      history: opts.history,
      clock: this.clock,
      saveDelayMs: opts.saveDelayMs,
      maxFinishedJobs: opts.maxFinishedJobs,
      durations: () => this.steps.durations.toJSON(),
      log: opts.log,
      secrets: opts.secrets,
    });
    this.steps = new JobSteps({
      registry: this.registry,
      clock: this.clock,
      opts,
      costing: opts.costing ?? defaultCosting,
      download: opts.download ?? createTakeDownloader(),
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      random: this.random,
      isDisposed: () => this.disposed,
      log: (level, message) => this.log(level, message),
    });
  }

  // ---- lifecycle -------------------------------------------------------------------------

  async start(): Promise<void> {
    if (this.started) return;
    const loaded = await this.registry.load();
    if (!this.opts.durations) this.steps.setDurations(DurationHistory.fromJSON(loaded.durations));
    // Prepared lazily, when this engine first drives each job: another window may be driving it.
    for (const job of this.registry.list()) {
      if (!isTerminal(job.state)) this.rt(job.id).resume = true;
    }
    this.started = true;
    this.schedulePump();
  }

  /**
   * The job, its persisted copy resumed first if still pending: a user command (cancel, check
   * again, submit again) acts on the resumed state and its own timing is not undone later.
   */
  private resumedJob(id: string): Job | undefined {
    const job = this.registry.get(id);
    const rt = this.runtime.get(id);
    if (!job || !rt?.resume || isTerminal(job.state)) return job;
    rt.resume = false;
    this.prepareResume(job, rt, this.clock.now());
    return this.registry.get(id);
  }

  /** Resume a job known only from its persisted form (a restart, or a takeover from another window). */
  private prepareResume(job: Job, rt: JobRuntime, now: number): void {
    rt.windowStart = job.stateAt.submitting ?? job.createdAt;
    rt.dueAt = now;
    if (job.state === 'submitting') {
      // Persisted before the create was sent; whether it arrived is unknown unless we have its id.
      if (job.requestId) this.registry.transition(job.id, 'queued');
      else
        this.registry.transition(job.id, 'unknown', {
          error: closedWhileSubmitting(job.provider),
          submitUnconfirmed: true,
        });
    } else if (job.state === 'downloading' || job.state === 'importing') {
      rt.needResult = job.takes.length === 0 || job.takes.some((t) => !t.localPath && !t.remoteUrl);
    }
  }

  async flush(): Promise<void> {
    await this.registry.flush();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.wake) this.clock.clearTimeout(this.wake.handle);
    this.wake = undefined;
    for (const rt of this.runtime.values()) rt.controller?.abort();
    this.registry.stopTimers();
    await this.registry.flush();
  }

  // ---- commands ---------------------------------------------------------------------------

  submit(spec: JobSpec): Job {
    if (this.disposed) throw new Error('GenQueue is shutting down; submit the job again once it has restarted.');
    const adapter = this.opts.providers[spec.provider];
    if (!adapter) {
      throw new Error(`The provider "${spec.provider}" is not set up. Choose another provider or add its key.`);
    }
    const now = this.clock.now();
    const job = createJob(spec, newJobId(now, this.random), now);
    try {
      const estimate =
        adapter.estimate?.(job.model, job.input) ?? this.costing().estimate(job.provider, job.model, job.input);
      if (estimate) job.cost = { estimate };
    } catch (err) {
      this.log('warn', `job ${job.id}: could not estimate the cost: ${String(err)}`);
    }
    this.registry.add(job);
    // Created here: ours until shouldDrive says otherwise (so `adopt` never overwrites it meanwhile).
    Object.assign(this.rt(job.id), { dueAt: now, driving: true });
    this.registry
      .saveNow()
      .catch((err: unknown) => this.log('error', `Saving new job ${job.id} failed: ${String(err)}`));
    this.schedulePump();
    return job;
  }

  submitBatch(specs: readonly JobSpec[]): Job[] {
    const batchId = specs.find((s) => s.batchId)?.batchId ?? `b-${newJobId(this.clock.now(), this.random)}`;
    return specs.map((s) => this.submit({ ...s, batchId: s.batchId ?? batchId }));
  }

  async cancel(id: string): Promise<void> {
    const job = this.resumedJob(id);
    if (!job || isTerminal(job.state)) return;
    const rt = this.rt(id);
    switch (job.state) {
      case 'waiting':
        this.registry.transition(id, 'canceled', { cancelRequested: true });
        break;
      case 'unknown':
        // Wait for reconcile to say whether there is something to cancel remotely, unless it cannot.
        if (rt.parked || rt.resubmit) this.registry.transition(id, 'canceled', { cancelRequested: true });
        else this.registry.update(id, { cancelRequested: true });
        break;
      case 'submitting':
        this.registry.update(id, { cancelRequested: true });
        break;
      case 'queued':
      case 'running':
        // A status read in flight is safe to abort; the cancel request goes next.
        if (rt.step === 'poll') rt.controller?.abort();
        this.registry.transition(id, 'cancelling', { cancelRequested: true, stale: undefined, staleReason: undefined });
        Object.assign(rt, { cancelSent: false, dueAt: this.clock.now(), pollsSinceResume: 0 });
        rt.windowStart = this.clock.now();
        break;
      default:
        // cancelling, downloading, importing: already finished or on its way; nothing to stop.
        this.log('info', `job ${id}: cancel ignored in state ${job.state}`);
        return;
    }
    this.schedulePump();
    await this.registry.flush();
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
    this.dropRuntime(id);
  }

  clearFinished(): void {
    const ids = this.registry
      .list()
      .filter((j) => isTerminal(j.state))
      .map((j) => j.id);
    this.registry.remove(ids);
    for (const id of ids) this.dropRuntime(id);
  }

  checkAgain(id: string): void {
    const job = this.resumedJob(id);
    if (!job || isTerminal(job.state)) return;
    const rt = this.rt(id);
    const now = this.clock.now();
    Object.assign(rt, { parked: false, dueAt: now, windowStart: now, pollsSinceResume: 0 });
    if (job.stale) this.registry.update(id, { stale: undefined, staleReason: undefined, error: undefined });
    this.schedulePump();
  }

  resubmitUnknown(id: string): void {
    const job = this.resumedJob(id);
    if (job?.state !== 'unknown') throw new Error('Only a job whose outcome is unknown can be submitted again.');
    Object.assign(this.rt(id), { parked: false, resubmit: true, dueAt: this.clock.now() });
    this.schedulePump();
  }

  /** Re-evaluate which jobs this window drives (call when the lease changes). */
  refresh(): void {
    this.schedulePump();
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
    const copies: Job[] = [];
    const seen = new Set<string>();
    for (const incoming of jobs) {
      if (!incoming || typeof incoming.id !== 'string' || seen.has(incoming.id)) continue;
      seen.add(incoming.id);
      const local = this.registry.get(incoming.id);
      if (local) {
        if (this.drivesHere(local.id)) continue;
        if (incoming.updatedAt < local.updatedAt) continue;
        if (isTerminal(local.state) && !isTerminal(incoming.state)) continue;
      }
      copies.push(structuredClone(incoming));
    }
    const drop: string[] = [];
    for (const id of opts.removed ?? []) {
      const local = this.registry.get(id);
      if (!local || seen.has(id)) continue;
      const rt = this.runtime.get(id);
      if (rt?.controller || (rt?.driving && !isTerminal(local.state))) continue;
      drop.push(id);
    }
    if (!copies.length && !drop.length) return;
    for (const job of copies) {
      this.dropRuntime(job.id);
      if (!isTerminal(job.state)) this.rt(job.id).resume = true;
    }
    for (const id of drop) this.dropRuntime(id);
    this.registry.adopt(copies, drop);
    this.schedulePump();
  }

  /** This engine drives the job: a request is in flight, or shouldDrive last said yes. */
  private drivesHere(id: string): boolean {
    const rt = this.runtime.get(id);
    return rt !== undefined && (rt.controller !== undefined || rt.driving);
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

  // ---- scheduler --------------------------------------------------------------------------

  /** Forget a job's runtime, removing any temp files it still holds (e.g. it failed mid-import). */
  private dropRuntime(id: string): void {
    const rt = this.runtime.get(id);
    if (rt) releaseHeld(rt.data);
    this.runtime.delete(id);
  }

  private rt(id: string): JobRuntime {
    let rt = this.runtime.get(id);
    if (!rt) {
      rt = newRuntime(this.clock.now());
      this.runtime.set(id, rt);
    }
    return rt;
  }

  private schedulePump(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  private budget(p: ProviderId): RateBudget {
    let b = this.budgets.get(p);
    if (!b) {
      b = new RateBudget(this.limitsOf(p));
      this.budgets.set(p, b);
    }
    return b;
  }

  private throttle(p: ProviderId): ProviderThrottle {
    let t = this.throttles.get(p);
    if (!t) {
      t = new ProviderThrottle(this.opts.backoff ?? DEFAULT_BACKOFF, this.random);
      this.throttles.set(p, t);
    }
    return t;
  }

  /** The adapter with its 429s pausing the whole provider (see providerThrottle.ts). */
  private watch(p: ProviderId, adapter: ProviderAdapter): ProviderAdapter {
    let w = this.watched.get(adapter);
    if (!w) {
      w = throttledAdapter(adapter, this.throttle(p), () => this.clock.now());
      this.watched.set(adapter, w);
    }
    return w;
  }

  private limitsOf(p: ProviderId): EngineLimits {
    let l = this.limits.get(p);
    if (!l) {
      l = resolveLimits(p, this.opts.limits?.[p]);
      this.limits.set(p, l);
    }
    return l;
  }

  /** The next step a job needs, or undefined when it needs nothing from this engine now. */
  private nextStep(job: Job, rt: JobRuntime): StepKind | undefined {
    switch (job.state) {
      case 'waiting':
        return 'submit';
      case 'unknown':
        return rt.resubmit ? 'submit' : 'reconcile';
      case 'queued':
      case 'running':
        return 'poll';
      case 'cancelling':
        return rt.cancelSent ? 'poll' : 'cancel';
      case 'downloading':
      case 'importing':
        return 'fetch';
      default:
        return undefined;
    }
  }

  private requestKind(step: StepKind, job: Job, rt: JobRuntime): RequestKind | undefined {
    if (step === 'submit') return 'create';
    if (step === 'fetch') return rt.needResult || job.takes.length === 0 ? 'other' : undefined;
    return 'other';
  }

  /** Start every step that is due and allowed; arm one timer for the next one. */
  private pump(): void {
    if (!this.started || this.disposed) return;
    const now = this.clock.now();
    const shouldDrive = this.opts.shouldDrive ?? (() => true);
    const jobs = this.registry.list().reverse(); // oldest first: first come, first served
    const busy = new Map<ProviderId, number>();
    for (const j of jobs) {
      if (SLOT_STATES.has(j.state) && !j.stale && !this.runtime.get(j.id)?.parked) {
        busy.set(j.provider, (busy.get(j.provider) ?? 0) + 1);
      }
    }
    let nextAt = Number.POSITIVE_INFINITY;
    for (let job of jobs) {
      if (isTerminal(job.state)) {
        this.dropRuntime(job.id);
        continue;
      }
      if (job.stale) continue;
      let rt = this.rt(job.id);
      if (rt.controller || rt.parked) continue;
      rt.driving = shouldDrive(job);
      if (!rt.driving) {
        nextAt = Math.min(nextAt, now + UNDRIVEN_RECHECK_MS);
        continue;
      }
      if (rt.resume) {
        // First drive of a persisted copy (a restart, or another window closed): resume it.
        rt.resume = false;
        this.prepareResume(job, rt, now);
        const fresh = this.registry.get(job.id);
        if (!fresh) continue;
        job = fresh;
        rt = this.rt(job.id);
      }
      if (rt.dueAt > now) {
        nextAt = Math.min(nextAt, rt.dueAt);
        continue;
      }
      const step = this.nextStep(job, rt);
      if (!step) continue;
      if (step === 'poll' && this.pastWindow(job, rt, now)) {
        this.markStale(job);
        continue;
      }
      const adapter = this.opts.providers[job.provider];
      if (!adapter) {
        this.failNoAdapter(job);
        continue;
      }
      if (step === 'submit') {
        const inUse = busy.get(job.provider) ?? 0;
        // A job already holding a slot (unknown → submit again) does not need another.
        const holds = SLOT_STATES.has(job.state);
        if (!holds && inUse >= this.limitsOf(job.provider).concurrency) continue; // woken when a slot frees
        if (!holds) busy.set(job.provider, inUse + 1);
      }
      const kind = this.requestKind(step, job, rt);
      if (kind) {
        const wait = Math.max(this.budget(job.provider).waitMs(kind, now), this.throttle(job.provider).waitMs(now));
        if (wait > 0) {
          nextAt = Math.min(nextAt, now + wait);
          if (step === 'submit' && !SLOT_STATES.has(job.state))
            busy.set(job.provider, (busy.get(job.provider) ?? 1) - 1);
          continue;
        }
        this.budget(job.provider).take(kind, now);
      }
      this.run(job, step, this.watch(job.provider, adapter));
    }
    this.armWake(nextAt);
  }

  private armWake(at: number): void {
    if (this.wake && this.wake.at === at) return;
    if (this.wake) this.clock.clearTimeout(this.wake.handle);
    this.wake = undefined;
    if (!Number.isFinite(at)) return;
    const handle = this.clock.setTimeout(
      () => {
        this.wake = undefined;
        this.pump();
      },
      Math.max(0, at - this.clock.now()),
    );
    this.wake = { handle, at };
  }

  private pastWindow(job: Job, rt: JobRuntime, now: number): boolean {
    // At least one check after every (re)start or "Check again" before giving up on a job.
    if (rt.pollsSinceResume < 1) return false;
    return now - rt.windowStart > (job.pollWindowMs ?? this.opts.pollWindowMs ?? DEFAULT_POLL_WINDOW_MS);
  }

  private markStale(job: Job): void {
    this.log('warn', `job ${job.id}: polling window passed; still ${job.state} at the provider, stopped checking`);
    // Not an error: the job may well finish; only the UI's wording and "Check again" apply.
    this.registry.update(job.id, { stale: true, staleReason: 'window', error: undefined });
  }

  private failNoAdapter(job: Job): void {
    const error = {
      category: 'auth' as const,
      message: `The provider "${job.provider}" is not set up in this window. Add its key.`,
      retryable: false,
    };
    // Never sent: fail with the reason. Possibly at the provider: keep it, stop, wait for "Check again".
    if (job.state === 'waiting') this.registry.transition(job.id, 'failed', { error });
    else
      this.registry.update(job.id, {
        stale: true,
        staleReason: 'error',
        error: { ...error, message: `${error.message} Then choose "Check again".` },
      });
  }

  private run(job: Job, step: StepKind, adapter: ProviderAdapter): void {
    const rt = this.rt(job.id);
    const controller = new AbortController();
    rt.controller = controller;
    rt.step = step;
    const signal = controller.signal;
    const task = this.steps.run(step, job.id, adapter, rt, signal);
    void task.finally(() => {
      if (rt.controller === controller) {
        rt.controller = undefined;
        rt.step = undefined;
      }
      this.schedulePump();
    });
  }

  private costing(): Costing {
    return this.opts.costing ?? defaultCosting;
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.opts.log?.(level, message);
  }
}
