// Derived facts about a job that several host surfaces share (status bar, panel, notifications).
import { isTerminal, type Job } from '../../core/jobTypes';

/** When the provider work began, for ETA and elapsed time. */
export function startedAt(job: Job): number {
  return job.stateAt.submitting ?? job.stateAt.queued ?? job.createdAt;
}

/** Still moving: not finished, not parked (stale), not awaiting reconciliation. */
export function isInFlight(job: Job): boolean {
  return !isTerminal(job.state) && !job.stale && job.state !== 'unknown';
}

/** Needs the user: unknown outcome or past the polling window. */
export function needsAttention(job: Job): boolean {
  return !isTerminal(job.state) && (job.stale === true || job.state === 'unknown');
}

/** Expected remaining ms, given the user's median duration for the model. */
export function remainingMs(job: Job, estimateMs: number | undefined, now: number): number | undefined {
  if (estimateMs === undefined || !isInFlight(job)) return undefined;
  return Math.max(0, estimateMs - (now - startedAt(job)));
}

export function promptText(job: Job): string {
  const p = job.input.prompt ?? job.input.text ?? '';
  return typeof p === 'string' ? p : JSON.stringify(p);
}

/** Model id shown short: "fal-ai/flux/schnell" -> "flux/schnell". */
export function shortModel(model: string): string {
  const parts = model.split('/');
  return parts.length > 2 ? parts.slice(1).join('/') : model;
}
