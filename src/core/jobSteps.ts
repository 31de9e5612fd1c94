// The engine's steps: one provider request (or download/import) each, for one job at a time.
// Each step re-reads the job after every await (the user may have cancelled meanwhile) and
// records what it learnt; errors are classified here into retry, unknown, stale or failed.

import { type BackoffPolicy, backoffDelayMs } from './backoff';
import { cancelTookEffect } from './cancelRule';
import type { Clock } from './clock';
import { DurationHistory } from './durationEstimates';
import {
  cannotReconcile,
  gaveUpRetrying,
  noOutputs,
  notSaved,
  reconcileFailed,
  resultNotFetched,
  stoppedChecking,
  submitOutcomeUnknown,
} from './engineMessages';
import type { Costing, JobEngineOptions } from './engineOptions';
import { isProviderError, toJobError } from './errors';
import { expectedDuration } from './expectedDuration';
import type { JobRegistry } from './jobRegistry';
import { DEFAULT_POLL_WINDOW_MS, type JobRuntime, PROVIDER_STATES, type StepKind } from './jobRuntime';
import { type CostFigure, isTerminal, type Job, type Take } from './jobTypes';
import { requireUsableTake } from './mediaValidation';
import { type FinishWindow, finishWindow, MIN_POLL_DELAY_MS, nextPollDelayMs } from './pollPlan';
import type { ProviderAdapter, ProviderJobRef, ProviderResult, ProviderStatus, SubmitRequest } from './providerPort';
import { isRateLimit } from './providerThrottle';
import { planStatus } from './statusPlan';
import { SYNC_WAIT_UNDER_MS, syncWaitSeconds } from './syncWait';
import type { TakeDownload } from './takeDownloader';
import { discardSpooled, releaseHeld } from './takeSpool';

const STREAM_MIN_WAIT_MS = 120_000;
const STREAM_MAX_WAIT_MS = 15 * 60_000;
const DEFAULT_RECONCILE_DELAY_MS = 2_000;

export interface StepContext {
  registry: JobRegistry;
  clock: Clock;
  opts: JobEngineOptions;
  costing: Costing;
  download: TakeDownload;
  backoff: BackoffPolicy;
  random: () => number;
  isDisposed(): boolean;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export class JobSteps {
  /** Replaced on start() by the persisted history. */
  durations: DurationHistory;
  private readonly registry: JobRegistry;
  private readonly clock: Clock;
  private readonly opts: JobEngineOptions;
  private readonly costing: Costing;
  private readonly download: TakeDownload;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private readonly windows = new Map<string, FinishWindow | undefined>();

  constructor(private readonly ctx: StepContext) {
    this.registry = ctx.registry;
    this.clock = ctx.clock;
    this.opts = ctx.opts;
    this.costing = ctx.costing;
    this.download = ctx.download;
    this.backoff = ctx.backoff;
    this.random = ctx.random;
    this.durations = ctx.opts.durations ?? new DurationHistory();
  }

  setDurations(d: DurationHistory): void {
    this.durations = d;
    this.windows.clear();
  }

  /** Run one step; never throws (errors end in retry, unknown, stale or failed). */
  async run(step: StepKind, id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    try {
      if (step === 'submit') await this.submitStep(id, adapter, rt, signal);
      else if (step === 'reconcile') await this.reconcileStep(id, adapter, rt, signal);
      else if (step === 'poll') await this.pollStep(id, adapter, rt, signal);
      else if (step === 'cancel') await this.cancelStep(id, adapter, rt, signal);
      else await this.fetchStep(id, adapter, rt, signal);
    } catch (err) {
      this.onStepError(id, step, err, rt, signal);
    }
  }

  private ref(job: Job): ProviderJobRef {
    // Modality and input ride along so an in-memory provider can rebuild a job after a restart.
    return { model: job.model, requestId: job.requestId ?? '', modality: job.modality, input: job.input };
  }

  private get reconcileDelayMs(): number {
    return this.opts.reconcileDelayMs ?? DEFAULT_RECONCILE_DELAY_MS;
  }

  private get minPollGapMs(): number {
    const v = this.opts.minPollGapMs;
    return v !== undefined && v >= 0 && Number.isFinite(v) ? v : MIN_POLL_DELAY_MS;
  }

  /** Request ids of this provider that other jobs already own (a reconcile must not adopt them). */
  private ownedByOthers(job: Job): Set<string> {
    const owned = new Set<string>();
    for (const j of this.registry.list()) {
      if (j.id !== job.id && j.provider === job.provider && j.requestId) owned.add(j.requestId);
    }
    return owned;
  }

  private submitRequest(job: Job): SubmitRequest {
    return { jobId: job.id, model: job.model, modality: job.modality, input: job.input };
  }

  private async submitStep(id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    if (this.registry.get(id)?.cancelRequested) {
      // Cancelled while it waited to be (re)sent: nothing is at the provider, so cancel here.
      this.registry.transition(id, 'canceled');
      return;
    }
    const job = this.registry.transition(id, 'submitting', {
      requestId: undefined,
      error: undefined,
      queuePosition: undefined,
    });
    rt.resubmit = false;
    try {
      // Durable before it is sent: after a crash this job is reconciled, never silently lost.
      await this.registry.saveNow();
    } catch (err) {
      this.log('error', `job ${id}: not sent, saving failed: ${String(err)}`);
      this.retryLater(id, rt, 'waiting', err, notSaved(err));
      return;
    }
    if (signal.aborted) {
      // Disposed before the create was sent: it never left, so it is simply waiting again.
      if (this.registry.get(id)?.state === 'submitting') this.registry.transition(id, 'waiting');
      await this.registry.saveNow().catch(() => undefined);
      return;
    }
    if (this.registry.get(id)?.cancelRequested) {
      // Cancelled during the save: the create was never sent, so nothing is at the provider.
      this.registry.transition(id, 'waiting');
      this.registry.transition(id, 'canceled');
      return;
    }
    // The user's history, else the catalog's typical time: short models wait in the create itself.
    const expected = expectedDuration(this.durations, job.provider, job.model)?.ms;
    const sync = adapter.capabilities.syncWait && expected !== undefined && expected < SYNC_WAIT_UNDER_MS;
    rt.observedSubmit = true;
    let res: Awaited<ReturnType<ProviderAdapter['submit']>>;
    try {
      res = await adapter.submit(
        this.submitRequest(job),
        signal,
        sync ? { waitSeconds: syncWaitSeconds(expected) } : undefined,
      );
    } catch (err) {
      if (this.ctx.isDisposed()) return; // stays submitting on disk: reconciled on the next start
      this.onSubmitError(id, err, rt);
      return;
    }
    const now = this.clock.now();
    Object.assign(rt, { windowStart: now, pollsSinceResume: 0, dueAt: now });
    this.registry.update(id, { requestId: res.requestId, attempts: 0 });
    this.log('info', `job ${id}: created at ${adapter.id} as ${res.requestId}`);
    this.applyStatus(id, res.status, rt);
    try {
      await this.registry.saveNow(); // the request id, before anything polls
    } catch (err) {
      this.log('error', `job ${id}: saving request id ${res.requestId} failed: ${String(err)}`);
    }
    this.startCancelIfAsked(id, rt);
  }

  private onSubmitError(id: string, err: unknown, rt: JobRuntime): void {
    const job = this.registry.get(id);
    if (job?.state !== 'submitting') return;
    // Anything but a clear rejection may have created the remote job: reconcile, never re-send blind.
    if (!isProviderError(err) || err.outcomeUnknown) {
      const error = submitOutcomeUnknown(job.provider, err);
      this.registry.transition(id, 'unknown', { error, attempts: 0, submitUnconfirmed: true });
      rt.dueAt = this.clock.now() + this.reconcileDelayMs;
      this.registry.saveNow().catch(() => undefined);
      return;
    }
    if (job.cancelRequested) {
      // The create was refused and the user had asked to cancel: done, nothing was created.
      this.registry.transition(id, 'waiting');
      this.registry.transition(id, 'canceled');
      return;
    }
    if (err.retryable && (isRateLimit(err) || job.attempts + 1 < this.backoff.maxAttempts)) {
      this.retryLater(id, rt, 'waiting', err, err.toJobError());
      return;
    }
    const error = err.retryable ? gaveUpRetrying(job.attempts + 1, err) : err.toJobError();
    this.registry.transition(id, 'failed', { error });
  }

  private async reconcileStep(
    id: string,
    adapter: ProviderAdapter,
    rt: JobRuntime,
    signal: AbortSignal,
  ): Promise<void> {
    const job = this.registry.get(id);
    if (!job) return;
    const outcome = await adapter.reconcile(this.submitRequest(job), job.stateAt.submitting ?? job.createdAt, signal, {
      exclude: this.ownedByOthers(job),
    });
    const now = this.clock.now();
    const current = this.registry.get(id);
    if (current?.state !== 'unknown') return;
    if (outcome.kind === 'found' && this.ownedByOthers(current).has(outcome.requestId)) {
      // A twin job (same input) adopted it while we asked: ask again, now excluding it.
      this.log('info', `job ${id}: ${outcome.requestId} was adopted by another job meanwhile; reconciling again`);
      rt.dueAt = now + this.reconcileDelayMs;
      return;
    }
    if (outcome.kind === 'found') {
      const found = { requestId: outcome.requestId, error: undefined, attempts: 0, submitUnconfirmed: undefined };
      this.registry.transition(id, 'queued', found);
      Object.assign(rt, { windowStart: now, pollsSinceResume: 0, dueAt: now });
      this.log('info', `job ${id}: reconciled, the provider has it as ${outcome.requestId}`);
      await this.registry.saveNow().catch(() => undefined);
      this.startCancelIfAsked(id, rt);
    } else if (outcome.kind === 'absent') {
      this.registry.update(id, { submitUnconfirmed: undefined }); // certain: it never arrived
      if (current.cancelRequested) {
        this.registry.transition(id, 'canceled', { error: undefined });
        return;
      }
      this.log('info', `job ${id}: reconciled, the provider does not have it; submitting again`);
      Object.assign(rt, { resubmit: true, dueAt: now });
    } else {
      rt.parked = true;
      if (current.cancelRequested) this.registry.transition(id, 'canceled');
      else this.registry.update(id, { error: cannotReconcile(current.provider) });
    }
  }

  private async pollStep(id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    const before = this.registry.get(id);
    if (!before) return;
    const streaming = adapter.capabilities.statusStream && adapter.waitForChange !== undefined;
    const startedAt = this.clock.now();
    const status: ProviderStatus =
      streaming && adapter.waitForChange
        ? await adapter.waitForChange(this.ref(before), signal, this.streamWaitMs(before, rt, startedAt), (s) =>
            this.applyStreamUpdate(id, s, rt, signal),
          )
        : await adapter.status(this.ref(before), signal);
    rt.pollsSinceResume++;
    const fresh = this.registry.get(id);
    if (fresh && (fresh.attempts || (fresh.error && !isTerminal(fresh.state)))) {
      this.registry.update(id, { attempts: 0, error: undefined });
    }
    this.applyStatus(id, status, rt);
    const after = this.registry.get(id);
    if (!after || !PROVIDER_STATES.has(after.state)) return;
    const now = this.clock.now();
    if (streaming) {
      // Guard against a stream that returns at once without news: never spin.
      const gap = this.minPollGapMs;
      const quick = now - startedAt < Math.max(gap, 1) && after.state === before.state;
      rt.quickWaits = quick ? rt.quickWaits + 1 : 0;
      rt.dueAt = now + (rt.quickWaits >= 2 ? gap : 0);
    } else {
      const since = after.stateAt.submitting ?? after.createdAt;
      // The ladder is in units of the default 1 s gap; a smaller gap (tests) shrinks it all.
      const scale = this.minPollGapMs / MIN_POLL_DELAY_MS;
      rt.dueAt = now + Math.round(nextPollDelayMs(now - since, this.finishWindowOf(after)) * scale);
    }
  }

  /** A change the open status stream reported (queue position, state, logs, progress): shown at once. */
  private applyStreamUpdate(id: string, status: ProviderStatus, rt: JobRuntime, signal: AbortSignal): void {
    if (signal.aborted || (status.phase !== 'queued' && status.phase !== 'running')) return;
    const job = this.registry.get(id);
    if (job && PROVIDER_STATES.has(job.state)) this.applyStatus(id, status, rt);
  }

  /**
   * Where a model's runs usually finish: its past runs, else the catalog's typical time (cached;
   * past runs change only when one is recorded).
   */
  private finishWindowOf(job: Job): FinishWindow | undefined {
    if (this.windows.has(job.model)) return this.windows.get(job.model);
    const estimate = expectedDuration(this.durations, job.provider, job.model)?.ms;
    const w = estimate === undefined ? undefined : finishWindow(estimate, this.durations.toJSON()[job.model]);
    this.windows.set(job.model, w);
    return w;
  }

  private streamWaitMs(job: Job, rt: JobRuntime, now: number): number {
    const expected = expectedDuration(this.durations, job.provider, job.model)?.ms ?? 0;
    const elapsed = now - (job.stateAt.submitting ?? job.createdAt);
    // The stream reports every change as it comes, so one wait should cover the whole run; a run
    // that outlasts it gets a wait as long as it has taken so far (a stalled stream is noticed).
    const wanted = Math.max(expected * 2 - elapsed, elapsed);
    const cap = this.opts.maxStreamWaitMs ?? STREAM_MAX_WAIT_MS;
    const windowLeft = rt.windowStart + (job.pollWindowMs ?? this.opts.pollWindowMs ?? DEFAULT_POLL_WINDOW_MS) - now;
    return Math.max(1_000, Math.min(cap, windowLeft, Math.max(STREAM_MIN_WAIT_MS, wanted)));
  }

  private async cancelStep(id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    const job = this.registry.get(id);
    if (!job) return;
    await adapter.cancel(this.ref(job), signal);
    this.registry.update(id, { cancelAccepted: true });
    Object.assign(rt, { cancelSent: true, dueAt: this.clock.now() });
    this.log('info', `job ${id}: cancel sent to ${adapter.id}`);
  }

  private async fetchStep(id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    let job = this.registry.get(id);
    if (!job) return;
    if (rt.needResult || job.takes.length === 0) {
      const result = await adapter.result(this.ref(job), signal);
      if (!(await this.adoptResult(id, result, rt))) return;
      job = this.registry.get(id);
      if (!job) return;
    }
    for (const take of job.takes) {
      if (take.localPath || rt.data.has(take.index)) continue;
      if (!take.remoteUrl) {
        // Bytes that were in memory before a restart: ask for the result again.
        return this.needFreshResult(id, rt, new Error('take has neither data nor URL'));
      }
      let got: Awaited<ReturnType<TakeDownload>>;
      try {
        got = await this.download(take.remoteUrl, signal);
      } catch (err) {
        if (isProviderError(err) && (err.httpStatus === 404 || err.httpStatus === 410) && !rt.refetchedResult) {
          return this.needFreshResult(id, rt, err);
        }
        throw err;
      }
      rt.data.set(take.index, 'file' in got ? got.file : got.data);
      if (got.contentType && !take.contentType) this.replaceTake(id, { ...take, contentType: got.contentType });
    }
    if (signal.aborted) return;
    // Every take is checked (right kind, intact container) before any is imported or called a success.
    try {
      for (const take of this.registry.get(id)?.takes ?? []) {
        const data = rt.data.get(take.index);
        if (!data || take.localPath) continue;
        const type = await requireUsableTake(job.modality, data, take.contentType);
        if (type !== take.contentType) this.replaceTake(id, { ...take, contentType: type });
      }
    } catch (err) {
      await discardSpooled(rt.data);
      throw err;
    }
    if (this.registry.get(id)?.state === 'downloading') this.registry.transition(id, 'importing');
    for (const take of this.registry.get(id)?.takes ?? []) {
      const data = rt.data.get(take.index);
      if (take.localPath || !data) continue;
      const current = this.registry.get(id);
      if (!current || signal.aborted) return;
      const imported = await this.opts.assets.importTake(current, take, data).catch(async (err) => {
        await discardSpooled(rt.data); // its temp file may be half-moved: download it again
        throw err;
      });
      this.replaceTake(id, { ...take, localPath: imported.localPath, bytes: imported.bytes });
    }
    rt.data.clear();
    this.registry.transition(id, 'succeeded', { error: undefined, attempts: 0 });
    await this.registry.saveNow().catch(() => undefined);
  }

  /** Store a result's takes (URLs persisted at once); false when the job cannot continue. */
  private async adoptResult(id: string, result: ProviderResult, rt: JobRuntime): Promise<boolean> {
    const job = this.registry.get(id);
    if (!job || isTerminal(job.state)) return false;
    rt.needResult = false;
    releaseHeld(rt.data);
    const takes: Take[] = result.takes.map((t, index) => {
      const prev = job.takes[index];
      const take: Take = { index };
      if (t.url) take.remoteUrl = t.url;
      if (t.contentType) take.contentType = t.contentType;
      if (t.suggestedName) take.suggestedName = t.suggestedName;
      if (t.width !== undefined) take.width = t.width;
      if (t.height !== undefined) take.height = t.height;
      if (t.durationSec !== undefined) take.durationSec = t.durationSec;
      if (prev?.localPath) Object.assign(take, { localPath: prev.localPath, bytes: prev.bytes });
      if (t.data) rt.data.set(index, t.data);
      return take;
    });
    if (takes.length === 0) {
      if (this.endCanceled(job, 'no outputs')) return false;
      this.registry.transition(id, 'failed', { error: noOutputs(job.provider) });
      return false;
    }
    const metrics = { ...job.metrics, ...result.metrics };
    let actual: CostFigure | undefined;
    try {
      actual = this.costing.actual(job.provider, job.model, job.input, { ...result, metrics });
    } catch (err) {
      // A pricing problem must never cost the user their result.
      this.log('warn', `job ${id}: could not work out the cost: ${String(err)}`);
    }
    const patch: Partial<Job> = { takes, metrics, cost: actual ? { ...job.cost, actual } : job.cost, attempts: 0 };
    // Provenance: what the provider says it ran with (sidecars and re-runs read these).
    if (typeof result.seed === 'number' && Number.isFinite(result.seed)) patch.seed = result.seed;
    if (typeof result.version === 'string' && result.version) patch.version = result.version;
    this.registry.update(id, patch);
    await this.registry.saveNow().catch(() => undefined);
    return true;
  }

  private needFreshResult(id: string, rt: JobRuntime, why: unknown): void {
    if (rt.refetchedResult) throw why;
    this.log('info', `job ${id}: asking the provider for the result again (${String(why)})`);
    Object.assign(rt, { refetchedResult: true, needResult: true, dueAt: this.clock.now() });
  }

  private replaceTake(id: string, take: Take): void {
    const job = this.registry.get(id);
    if (!job) return;
    this.registry.update(id, { takes: job.takes.map((t) => (t.index === take.index ? take : t)) });
  }

  // ---- status and errors ------------------------------------------------------------------

  applyStatus(id: string, status: ProviderStatus, rt: JobRuntime): void {
    const job = this.registry.get(id);
    if (!job || isTerminal(job.state)) return;
    const plan = planStatus(job, status);
    if (plan.path.length === 0) {
      if (Object.keys(plan.patch).length) this.registry.update(id, plan.patch);
      return;
    }
    let patch = plan.patch;
    for (const to of plan.path) {
      if (to === 'downloading') this.recordDuration(job, rt);
      this.registry.transition(id, to, patch);
      patch = {};
    }
    const now = this.clock.now();
    const after = this.registry.get(id);
    if (after?.state === 'downloading') Object.assign(rt, { dueAt: now, needResult: true });
    if (after && isTerminal(after.state)) releaseHeld(rt.data);
  }

  private recordDuration(job: Job, rt: JobRuntime): void {
    const since = job.stateAt.submitting;
    // Only runs seen from submit to finish in this session are fair samples.
    if (rt.observedSubmit && since !== undefined) {
      this.durations.record(job.model, this.clock.now() - since);
      this.windows.delete(job.model);
    }
  }

  startCancelIfAsked(id: string, rt: JobRuntime): void {
    const job = this.registry.get(id);
    if (!job?.cancelRequested || (job.state !== 'queued' && job.state !== 'running')) return;
    this.registry.transition(id, 'cancelling');
    Object.assign(rt, { cancelSent: false, dueAt: this.clock.now() });
  }

  /** Back off and try the same step again (or move to `to` first, for a rejected create). */
  private retryLater(id: string, rt: JobRuntime, to: 'waiting' | undefined, err: unknown, error?: Job['error']): void {
    const job = this.registry.get(id);
    if (!job) return;
    // Waiting on a rate limit is not a failed attempt (the engine pauses the whole provider).
    const attempts = isRateLimit(err) ? job.attempts : job.attempts + 1;
    const retryAfter = isProviderError(err) ? err.retryAfterMs : undefined;
    // One delay, logged as computed: re-reading the clock for the log could print a negative wait.
    const delayMs = Math.max(0, backoffDelayMs(Math.max(1, attempts), retryAfter, this.random, this.backoff));
    rt.dueAt = this.clock.now() + delayMs;
    const patch: Partial<Job> = { attempts };
    if (error) patch.error = error;
    if (to && job.state !== to) this.registry.transition(id, to, patch);
    else this.registry.update(id, patch);
    this.log('warn', `job ${id}: attempt ${attempts} failed (${String(err)}); next try in ${delayMs} ms`);
  }

  private onStepError(id: string, step: StepKind, err: unknown, rt: JobRuntime, signal: AbortSignal): void {
    if (signal.aborted || this.ctx.isDisposed()) return; // cancel or dispose took over; state stays resumable
    const job = this.registry.get(id);
    if (!job || isTerminal(job.state)) return;
    // Unclassified errors from reads are treated as transient (bounded); adapters should classify.
    const retryable = isProviderError(err) ? err.retryable : true;
    if (retryable && (isRateLimit(err) || job.attempts + 1 < this.backoff.maxAttempts)) {
      this.retryLater(id, rt, undefined, err);
      return;
    }
    const exhausted = retryable;
    const category = isProviderError(err) ? err.category : 'transient';
    if (step === 'reconcile') {
      rt.parked = true;
      this.registry.update(id, { error: reconcileFailed(job.provider, err), attempts: 0 });
      return;
    }
    if (step === 'cancel') {
      // e.g. "already completed": keep watching; the status decides how it ends.
      Object.assign(rt, { cancelSent: true, dueAt: this.clock.now() });
      this.registry.update(id, { attempts: 0 });
      this.log('warn', `job ${id}: cancel request failed (${String(err)}); watching its status`);
      return;
    }
    if ((step === 'poll' || step === 'fetch') && (exhausted || category === 'auth')) {
      // The job may still be running, or finished and paid for: stop, keep it, never call it failed.
      const error = step === 'poll' ? stoppedChecking(job.provider, err) : resultNotFetched(err);
      this.registry.update(id, { stale: true, staleReason: 'error', error, attempts: 0 });
      return;
    }
    if (step === 'fetch' && this.endCanceled(job, String(err))) return;
    const error = exhausted ? gaveUpRetrying(job.attempts + 1, err) : toJobError(err);
    this.registry.transition(id, 'failed', { error, attempts: job.attempts + 1 });
  }

  /** A result that cannot be used after an accepted cancel is the cancel taking effect (cancelRule.ts). */
  private endCanceled(job: Job, why: string): boolean {
    if (job.state !== 'downloading' || !cancelTookEffect(job)) return false;
    this.log('info', `job ${job.id}: cancelled at the provider, which has no usable result (${why})`);
    this.registry.transition(job.id, 'canceled', { error: undefined, attempts: 0 });
    return true;
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.ctx.log(level, message);
  }
}
