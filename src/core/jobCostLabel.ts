// The one cost label shown for a job, wherever it is shown (panel rows, history, tooltips).
// Honest by state: a finished job shows what it cost; an estimate is marked as one; a failed or
// canceled job never shows its pre-submit estimate as if it had been charged, and is called
// "not charged" only when that is certain.
import { providerName } from './engineMessages';
import type { Job } from './jobTypes';

export function jobCostLabel(job: Job): string | undefined {
  if (job.cost.actual) return job.cost.actual.label;
  if (job.state === 'failed' || job.state === 'canceled') return unfinishedCharge(job);
  if (job.cost.estimate) return `${job.cost.estimate.label} (estimate)`;
  return undefined;
}

function unfinishedCharge(job: Job): string | undefined {
  if (job.provider === 'local') return 'free (offline)';
  const name = providerName(job.provider);
  // A cut-off create may still have arrived and run (fal could not confirm it; "Submit again" was chosen).
  if (job.submitUnconfirmed) return `may be charged if ${name} received it (see your ${name} dashboard)`;
  if (job.requestId === undefined) return 'not charged: it never reached the provider';
  // The provider said it finished: it may have billed the run even though the result was not usable.
  if (job.stateAt.downloading !== undefined)
    return `may be charged: ${name} reported it finished (see your ${name} dashboard)`;
  // fal bills successful outputs only (server errors and queue time are never charged).
  if (job.provider === 'fal') return 'not charged: fal bills successful outputs only';
  // Replicate bills run time, including for failed and canceled predictions that started.
  if (job.stateAt.running === undefined) return 'not charged: it never started running';
  return 'may be charged for the run time used (see your Replicate dashboard)';
}
