// The create of a job at its provider (durable before it is sent) and the reconcile of a create
// whose outcome is unknown (found, absent, or cannot tell), without ever re-sending blind.

import { cannotReconcile, gaveUpRetrying, notSaved, submitOutcomeUnknown } from './engineMessages';
import { isProviderError, toJobError } from './errors';
import type { JobRuntime } from './jobRuntime';
import type { Job } from './jobTypes';
import type { ProviderAdapter } from './providerPort';
import { isRateLimit } from './providerThrottle';
import type { RunDurations } from './runDurations';
import { reconcileDelayMs, type StepContext, submitRequestOf } from './stepContext';
import type { StepOutcomes } from './stepOutcomes';
import { SYNC_WAIT_UNDER_MS, syncWaitSeconds } from './syncWait';

export class SubmitSteps {
  constructor(
    private readonly ctx: StepContext,
    private readonly durations: RunDurations,
    private readonly outcomes: StepOutcomes,
  ) {}

  async submit(id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    const registry = this.ctx.registry;
    if (registry.get(id)?.cancelRequested) {
      // Cancelled while it waited to be (re)sent: nothing is at the provider, so cancel here.
      registry.transition(id, 'canceled');
      return;
    }
    // References are uploaded first, while nothing is at the provider: a crash or failure here
    // leaves the job waiting (or failed with the reason), never half-sent.
    if (registry.get(id)?.refs?.length && !(await this.uploadRefs(id, adapter, rt, signal))) return;
    const job = registry.transition(id, 'submitting', {
      requestId: undefined,
      error: undefined,
      queuePosition: undefined,
    });
    rt.resubmit = false;
    try {
      // Durable before it is sent: after a crash this job is reconciled, never silently lost.
      await registry.saveNow();
    } catch (err) {
      this.ctx.log('error', `job ${id}: not sent, saving failed: ${String(err)}`);
      this.outcomes.retryLater(id, rt, 'waiting', err, notSaved(err));
      return;
    }
    if (signal.aborted) {
      // Disposed before the create was sent: it never left, so it is simply waiting again.
      if (registry.get(id)?.state === 'submitting') registry.transition(id, 'waiting');
      await registry.saveNow().catch(() => undefined);
      return;
    }
    if (registry.get(id)?.cancelRequested) {
      // Cancelled during the save: the create was never sent, so nothing is at the provider.
      registry.transition(id, 'waiting');
      registry.transition(id, 'canceled');
      return;
    }
    // The user's history, else the catalog's typical time: short models wait in the create itself.
    const expected = this.durations.expectedMs(job);
    const sync = adapter.capabilities.syncWait && expected !== undefined && expected < SYNC_WAIT_UNDER_MS;
    rt.observedSubmit = true;
    let res: Awaited<ReturnType<ProviderAdapter['submit']>>;
    try {
      res = await adapter.submit(
        submitRequestOf(job),
        signal,
        sync ? { waitSeconds: syncWaitSeconds(expected) } : undefined,
      );
    } catch (err) {
      if (this.ctx.isDisposed()) return; // stays submitting on disk: reconciled on the next start
      this.onSubmitError(id, err, rt);
      return;
    }
    const now = this.ctx.clock.now();
    Object.assign(rt, { windowStart: now, pollsSinceResume: 0, dueAt: now });
    registry.update(id, { requestId: res.requestId, attempts: 0 });
    this.ctx.log('info', `job ${id}: created at ${adapter.id} as ${res.requestId}`);
    this.outcomes.applyStatus(id, res.status, rt);
    try {
      await registry.saveNow(); // the request id, before anything polls
    } catch (err) {
      this.ctx.log('error', `job ${id}: saving request id ${res.requestId} failed: ${String(err)}`);
    }
    this.outcomes.startCancelIfAsked(id, rt);
  }

  /** Put each reference's URL on the job; false when the submit must not go on now. */
  private async uploadRefs(
    id: string,
    adapter: ProviderAdapter,
    rt: JobRuntime,
    signal: AbortSignal,
  ): Promise<boolean> {
    const registry = this.ctx.registry;
    const before = registry.get(id);
    if (!before) return false;
    let refUrls: Record<string, string>;
    try {
      refUrls = await this.ctx.references.resolve(before, adapter, signal);
    } catch (err) {
      if (signal.aborted || this.ctx.isDisposed()) return false; // still waiting: sent on the next start
      const job = registry.get(id);
      if (!job || (job.state !== 'waiting' && job.state !== 'unknown')) return false;
      this.ctx.log('warn', `job ${id}: uploading its references failed: ${String(err)}`);
      const pe = isProviderError(err) ? err : undefined;
      if (pe?.retryable && (isRateLimit(pe) || job.attempts + 1 < this.ctx.backoff.maxAttempts)) {
        this.outcomes.retryLater(id, rt, undefined, pe, pe.toJobError());
        return false;
      }
      const error = pe?.retryable ? gaveUpRetrying(job.attempts + 1, pe) : toJobError(err);
      registry.transition(id, 'failed', { error });
      return false;
    }
    const job = registry.get(id);
    // Cancelled while uploading: nothing was sent (the upload stays cached for other jobs).
    if (!job || (job.state !== 'waiting' && job.state !== 'unknown') || signal.aborted) return false;
    registry.update(id, { refUrls }); // saved with 'submitting', before the create is sent
    return true;
  }

  private onSubmitError(id: string, err: unknown, rt: JobRuntime): void {
    const registry = this.ctx.registry;
    const job = registry.get(id);
    if (job?.state !== 'submitting') return;
    // Anything but a clear rejection may have created the remote job: reconcile, never re-send blind.
    if (!isProviderError(err) || err.outcomeUnknown) {
      const error = submitOutcomeUnknown(job.provider, err);
      registry.transition(id, 'unknown', { error, attempts: 0, submitUnconfirmed: true });
      rt.dueAt = this.ctx.clock.now() + reconcileDelayMs(this.ctx.opts);
      registry.saveNow().catch(() => undefined);
      return;
    }
    if (job.cancelRequested) {
      // The create was refused and the user had asked to cancel: done, nothing was created.
      registry.transition(id, 'waiting');
      registry.transition(id, 'canceled');
      return;
    }
    if (err.retryable && (isRateLimit(err) || job.attempts + 1 < this.ctx.backoff.maxAttempts)) {
      this.outcomes.retryLater(id, rt, 'waiting', err, err.toJobError());
      return;
    }
    const error = err.retryable ? gaveUpRetrying(job.attempts + 1, err) : err.toJobError();
    registry.transition(id, 'failed', { error });
  }

  async reconcile(id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    const registry = this.ctx.registry;
    const job = registry.get(id);
    if (!job) return;
    const outcome = await adapter.reconcile(submitRequestOf(job), job.stateAt.submitting ?? job.createdAt, signal, {
      exclude: this.ownedByOthers(job),
    });
    const now = this.ctx.clock.now();
    const current = registry.get(id);
    if (current?.state !== 'unknown') return;
    if (outcome.kind === 'found' && this.ownedByOthers(current).has(outcome.requestId)) {
      // A twin job (same input) adopted it while we asked: ask again, now excluding it.
      this.ctx.log('info', `job ${id}: ${outcome.requestId} was adopted by another job meanwhile; reconciling again`);
      rt.dueAt = now + reconcileDelayMs(this.ctx.opts);
      return;
    }
    if (outcome.kind === 'found') {
      const found = { requestId: outcome.requestId, error: undefined, attempts: 0, submitUnconfirmed: undefined };
      registry.transition(id, 'queued', found);
      Object.assign(rt, { windowStart: now, pollsSinceResume: 0, dueAt: now });
      this.ctx.log('info', `job ${id}: reconciled, the provider has it as ${outcome.requestId}`);
      await registry.saveNow().catch(() => undefined);
      this.outcomes.startCancelIfAsked(id, rt);
    } else if (outcome.kind === 'absent') {
      registry.update(id, { submitUnconfirmed: undefined }); // certain: it never arrived
      if (current.cancelRequested) {
        registry.transition(id, 'canceled', { error: undefined });
        return;
      }
      this.ctx.log('info', `job ${id}: reconciled, the provider does not have it; submitting again`);
      Object.assign(rt, { resubmit: true, dueAt: now });
    } else {
      rt.parked = true;
      if (current.cancelRequested) registry.transition(id, 'canceled');
      else registry.update(id, { error: cannotReconcile(current.provider) });
    }
  }

  /** Request ids of this provider that other jobs already own (a reconcile must not adopt them). */
  private ownedByOthers(job: Job): Set<string> {
    const owned = new Set<string>();
    for (const j of this.ctx.registry.list()) {
      if (j.id !== job.id && j.provider === job.provider && j.requestId) owned.add(j.requestId);
    }
    return owned;
  }
}
