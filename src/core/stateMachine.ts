// The legal job transitions, in one table. Every state change in the engine goes through
// `assertTransition`, so an impossible path (a finished job running again) fails loudly.
import type { JobState } from './jobTypes';

export const LEGAL_TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  // Local cancel of a job that never reached the provider is immediate.
  // 'failed': its references could not be sent (a changed or missing file, refused upload); nothing reached the provider.
  waiting: ['submitting', 'canceled', 'failed'],
  // 'waiting' again: the create was rejected outright (429), so it is safe to queue it again.
  // 'downloading': a sync create (Replicate's Prefer: wait) came back already finished.
  submitting: ['queued', 'running', 'downloading', 'failed', 'unknown', 'waiting'],
  // 'waiting' again: the provider could not fetch an input file (an expired upload); the job is
  // sent once more with fresh uploads (stepOutcomes.ts).
  queued: ['running', 'downloading', 'failed', 'cancelling', 'canceled', 'waiting'],
  running: ['downloading', 'failed', 'cancelling', 'canceled', 'waiting'],
  // 'canceled': an accepted cancel whose result turns out unusable (see cancelRule.ts).
  downloading: ['importing', 'failed', 'canceled'],
  importing: ['succeeded', 'failed'],
  // The provider finished before the cancel landed: import it anyway, the user paid for it.
  cancelling: ['canceled', 'failed', 'downloading'],
  // 'submitting' only once reconcile says the provider does not have it, or the user resubmits.
  unknown: ['queued', 'running', 'submitting', 'failed', 'canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
};

export function canTransition(from: JobState, to: JobState): boolean {
  return LEGAL_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: JobState, to: JobState): void {
  if (!canTransition(from, to)) throw new Error(`Illegal job transition: ${from} → ${to}`);
}
