// How a step's news lands on a job: provider statuses applied, errors classified into retry,
// unknown, stale or failed, and a pending cancel started; shared by every step.

import { backoffDelayMs } from './backoff';
import { cancelTookEffect } from './cancelRule';
import { gaveUpRetrying, reconcileFailed, resultNotFetched, stoppedChecking } from './engineMessages';
import { isProviderError, toJobError } from './errors';
import type { JobRuntime, StepKind } from './jobRuntime';
import { isTerminal, type Job } from './jobTypes';
import type { ProviderStatus } from './providerPort';
import { isRateLimit } from './providerThrottle';
import type { RunDurations } from './runDurations';
import { canTransition } from './stateMachine';
import { planStatus } from './statusPlan';
import type { StepContext } from './stepContext';
import { releaseHeld } from './takeSpool';

export class StepOutcomes {
  constructor(
    private readonly ctx: StepContext,
    private readonly durations: RunDurations,
  ) {}

  applyStatus(id: string, status: ProviderStatus, rt: JobRuntime): void {
    const registry = this.ctx.registry;
    const job = registry.get(id);
    if (!job || isTerminal(job.state)) return;
    if (status.phase === 'failed' && status.inputFileUnreachable && this.renewRefs(job, status, rt)) return;
    const plan = planStatus(job, status);
    if (plan.path.length === 0) {
      if (Object.keys(plan.patch).length) registry.update(id, plan.patch);
      return;
    }
    let patch = plan.patch;
    for (const to of plan.path) {
      if (to === 'downloading') this.recordDuration(job, rt);
      registry.transition(id, to, patch);
      patch = {};
    }
    const now = this.ctx.clock.now();
    const after = registry.get(id);
    if (after?.state === 'downloading') Object.assign(rt, { dueAt: now, needResult: true });
    if (after && isTerminal(after.state)) releaseHeld(rt.data);
  }

  /**
   * The provider could not fetch an uploaded reference (expired or deleted): forget those uploads
   * and send the job again, once, with fresh ones. Never twice (persisted), never after a cancel.
   */
  private renewRefs(job: Job, status: ProviderStatus, rt: JobRuntime): boolean {
    if (!job.refs?.length || job.refsRenewed || job.cancelRequested || !canTransition(job.state, 'waiting')) {
      return false;
    }
    this.ctx.references.forget(job);
    this.ctx.registry.transition(job.id, 'waiting', {
      refsRenewed: true,
      refUrls: undefined,
      requestId: undefined,
      queuePosition: undefined,
      progress: undefined,
      attempts: 0,
      error: undefined,
    });
    rt.dueAt = this.ctx.clock.now();
    this.ctx.log(
      'warn',
      `job ${job.id}: ${job.provider} could not fetch an input file (${status.error?.detail ?? status.error?.message ?? 'no detail'}); uploading the references again and sending it once more`,
    );
    return true;
  }

  private recordDuration(job: Job, rt: JobRuntime): void {
    const since = job.stateAt.submitting;
    // Only runs seen from submit to finish in this session are fair samples.
    if (rt.observedSubmit && since !== undefined) this.durations.record(job.model, this.ctx.clock.now() - since);
  }

  startCancelIfAsked(id: string, rt: JobRuntime): void {
    const job = this.ctx.registry.get(id);
    if (!job?.cancelRequested || (job.state !== 'queued' && job.state !== 'running')) return;
    this.ctx.registry.transition(id, 'cancelling');
    Object.assign(rt, { cancelSent: false, dueAt: this.ctx.clock.now() });
  }

  /** Back off and try the same step again (or move to `to` first, for a rejected create). */
  retryLater(id: string, rt: JobRuntime, to: 'waiting' | undefined, err: unknown, error?: Job['error']): void {
    const registry = this.ctx.registry;
    const job = registry.get(id);
    if (!job) return;
    // Waiting on a rate limit is not a failed attempt (the engine pauses the whole provider).
    const attempts = isRateLimit(err) ? job.attempts : job.attempts + 1;
    const retryAfter = isProviderError(err) ? err.retryAfterMs : undefined;
    // One delay, logged as computed: re-reading the clock for the log could print a negative wait.
    const delayMs = Math.max(0, backoffDelayMs(Math.max(1, attempts), retryAfter, this.ctx.random, this.ctx.backoff));
    rt.dueAt = this.ctx.clock.now() + delayMs;
    const patch: Partial<Job> = { attempts };
    if (error) patch.error = error;
    if (to && job.state !== to) registry.transition(id, to, patch);
    else registry.update(id, patch);
    this.ctx.log('warn', `job ${id}: attempt ${attempts} failed (${String(err)}); next try in ${delayMs} ms`);
  }

  onStepError(id: string, step: StepKind, err: unknown, rt: JobRuntime, signal: AbortSignal): void {
    if (signal.aborted || this.ctx.isDisposed()) return; // cancel or dispose took over; state stays resumable
    const registry = this.ctx.registry;
    const job = registry.get(id);
    if (!job || isTerminal(job.state)) return;
    // Unclassified errors from reads are treated as transient (bounded); adapters should classify.
    const retryable = isProviderError(err) ? err.retryable : true;
    if (retryable && (isRateLimit(err) || job.attempts + 1 < this.ctx.backoff.maxAttempts)) {
      this.retryLater(id, rt, undefined, err);
      return;
    }
    const exhausted = retryable;
    const category = isProviderError(err) ? err.category : 'transient';
    if (step === 'reconcile') {
      rt.parked = true;
      registry.update(id, { error: reconcileFailed(job.provider, err), attempts: 0 });
      return;
    }
    if (step === 'cancel') {
      // e.g. "already completed": keep watching; the status decides how it ends.
      Object.assign(rt, { cancelSent: true, dueAt: this.ctx.clock.now() });
      registry.update(id, { attempts: 0 });
      this.ctx.log('warn', `job ${id}: cancel request failed (${String(err)}); watching its status`);
      return;
    }
    if ((step === 'poll' || step === 'fetch') && (exhausted || category === 'auth')) {
      // The job may still be running, or finished and paid for: stop, keep it, never call it failed.
      const error = step === 'poll' ? stoppedChecking(job.provider, err) : resultNotFetched(err);
      registry.update(id, { stale: true, staleReason: 'error', error, attempts: 0 });
      return;
    }
    if (step === 'fetch' && this.endCanceled(job, String(err))) return;
    const error = exhausted ? gaveUpRetrying(job.attempts + 1, err) : toJobError(err);
    registry.transition(id, 'failed', { error, attempts: job.attempts + 1 });
  }

  /** A result that cannot be used after an accepted cancel is the cancel taking effect (cancelRule.ts). */
  endCanceled(job: Job, why: string): boolean {
    if (job.state !== 'downloading' || !cancelTookEffect(job)) return false;
    this.ctx.log('info', `job ${job.id}: cancelled at the provider, which has no usable result (${why})`);
    this.ctx.registry.transition(job.id, 'canceled', { error: undefined, attempts: 0 });
    return true;
  }
}
