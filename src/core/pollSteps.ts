// Watching a job at its provider (a status read, or one long wait on its status stream) and
// sending the cancel request; each sets when the job is next due.

import { DEFAULT_POLL_WINDOW_MS, type JobRuntime, PROVIDER_STATES } from './jobRuntime';
import { isTerminal, type Job } from './jobTypes';
import { MIN_POLL_DELAY_MS, nextPollDelayMs } from './pollPlan';
import type { ProviderAdapter, ProviderStatus } from './providerPort';
import type { RunDurations } from './runDurations';
import { providerRef, type StepContext } from './stepContext';
import type { StepOutcomes } from './stepOutcomes';

const STREAM_MIN_WAIT_MS = 120_000;
const STREAM_MAX_WAIT_MS = 15 * 60_000;

export class PollSteps {
  constructor(
    private readonly ctx: StepContext,
    private readonly durations: RunDurations,
    private readonly outcomes: StepOutcomes,
  ) {}

  private get minPollGapMs(): number {
    const v = this.ctx.opts.minPollGapMs;
    return v !== undefined && v >= 0 && Number.isFinite(v) ? v : MIN_POLL_DELAY_MS;
  }

  async poll(id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    const registry = this.ctx.registry;
    const before = registry.get(id);
    if (!before) return;
    const streaming = adapter.capabilities.statusStream && adapter.waitForChange !== undefined;
    const startedAt = this.ctx.clock.now();
    const status: ProviderStatus =
      streaming && adapter.waitForChange
        ? await adapter.waitForChange(providerRef(before), signal, this.streamWaitMs(before, rt, startedAt), (s) =>
            this.applyStreamUpdate(id, s, rt, signal),
          )
        : await adapter.status(providerRef(before), signal);
    rt.pollsSinceResume++;
    const fresh = registry.get(id);
    if (fresh && (fresh.attempts || (fresh.error && !isTerminal(fresh.state)))) {
      registry.update(id, { attempts: 0, error: undefined });
    }
    this.outcomes.applyStatus(id, status, rt);
    const after = registry.get(id);
    if (!after || !PROVIDER_STATES.has(after.state)) return;
    const now = this.ctx.clock.now();
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
      rt.dueAt = now + Math.round(nextPollDelayMs(now - since, this.durations.finishWindowOf(after)) * scale);
    }
  }

  /** A change the open status stream reported (queue position, state, logs, progress): shown at once. */
  private applyStreamUpdate(id: string, status: ProviderStatus, rt: JobRuntime, signal: AbortSignal): void {
    if (signal.aborted || (status.phase !== 'queued' && status.phase !== 'running')) return;
    const job = this.ctx.registry.get(id);
    if (job && PROVIDER_STATES.has(job.state)) this.outcomes.applyStatus(id, status, rt);
  }

  private streamWaitMs(job: Job, rt: JobRuntime, now: number): number {
    const opts = this.ctx.opts;
    const expected = this.durations.expectedMs(job) ?? 0;
    const elapsed = now - (job.stateAt.submitting ?? job.createdAt);
    // The stream reports every change as it comes, so one wait should cover the whole run; a run
    // that outlasts it gets a wait as long as it has taken so far (a stalled stream is noticed).
    const wanted = Math.max(expected * 2 - elapsed, elapsed);
    const cap = opts.maxStreamWaitMs ?? STREAM_MAX_WAIT_MS;
    const windowLeft = rt.windowStart + (job.pollWindowMs ?? opts.pollWindowMs ?? DEFAULT_POLL_WINDOW_MS) - now;
    return Math.max(1_000, Math.min(cap, windowLeft, Math.max(STREAM_MIN_WAIT_MS, wanted)));
  }

  async cancel(id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    const job = this.ctx.registry.get(id);
    if (!job) return;
    await adapter.cancel(providerRef(job), signal);
    this.ctx.registry.update(id, { cancelAccepted: true });
    Object.assign(rt, { cancelSent: true, dueAt: this.ctx.clock.now() });
    this.ctx.log('info', `job ${id}: cancel sent to ${adapter.id}`);
  }
}
