// The one cost label shown for a job, wherever it is shown (panel rows, history, tooltips).
// Honest by state: a finished job shows what it cost; an estimate is marked as one; a failed or
// canceled job never shows its pre-submit estimate as if it had been charged.
import type { Job } from './jobTypes';

export function jobCostLabel(job: Job): string | undefined {
  if (job.cost.actual) return job.cost.actual.label;
  if (job.state === 'failed' || job.state === 'canceled') return unfinishedCharge(job);
  if (job.cost.estimate) return `${job.cost.estimate.label} (estimate)`;
  return undefined;
}

function unfinishedCharge(job: Job): string | undefined {
  if (job.provider === 'local') return 'free (offline)';
  if (job.requestId === undefined) return 'not charged: it never reached the provider';
  // fal bills successful outputs only (server errors and queue time are never charged).
  if (job.provider === 'fal') return 'not charged: fal bills successful outputs only';
  // Replicate bills run time, including for failed and canceled predictions that started.
  if (job.stateAt.running === undefined) return 'not charged: it never started running';
  return 'may be charged for the run time used (see your Replicate dashboard)';
}
