// Holds on a batch's waiting jobs: set on pause or on a blocking failure, cleared on resume.
// A held job stays `waiting` (visible, counted, resumable); the scheduler never sends it.
import type { JobRegistry } from '../jobRegistry';
import type { HoldReason, Job, ProviderId } from '../jobTypes';

export interface BatchHold {
  reason: HoldReason;
  message: string;
  provider?: ProviderId;
}

/** Whether this engine drives a job: only the window driving a job changes it (multi-window). */
export type Drives = (job: Job) => boolean;

/** The patch that clears a hold. */
export const NO_HOLD = { held: undefined, heldMessage: undefined, heldProvider: undefined } as const;

export const PAUSED: BatchHold = {
  reason: 'paused',
  message: 'Paused: the remaining shots of this batch wait until you resume it. Jobs already sent go on.',
};

/** A shot-list batch job: low priority, admitted by the host's rule, held by blocking failures. */
export function isBatchJob(job: Job): job is Job & { batchId: string } {
  return job.priority === 'batch' && job.batchId !== undefined;
}

export function holdPatch(hold: BatchHold): Partial<Job> {
  return { held: hold.reason, heldMessage: hold.message, heldProvider: hold.provider };
}

/**
 * Hold the batch's waiting jobs. A blocking reason (auth, billing, policy, budget) replaces a
 * pause, so the batch says what must be fixed; it never replaces another blocking reason (the
 * first one found is the one to fix first). Returns how many jobs were held.
 */
export function holdWaiting(registry: JobRegistry, batchId: string, hold: BatchHold, drives: Drives): number {
  let n = 0;
  for (const job of registry.byBatch(batchId)) {
    if (job.state !== 'waiting' || !drives(job)) continue;
    if (job.held && (hold.reason === 'paused' || job.held !== 'paused')) continue;
    registry.update(job.id, holdPatch(hold));
    n++;
  }
  return n;
}

/** Clear every hold on the batch's waiting jobs; returns how many were released. */
export function releaseHolds(registry: JobRegistry, batchId: string, drives: Drives): number {
  let n = 0;
  for (const job of registry.byBatch(batchId)) {
    if (job.state !== 'waiting' || !job.held || !drives(job)) continue;
    registry.update(job.id, { ...NO_HOLD });
    n++;
  }
  return n;
}
