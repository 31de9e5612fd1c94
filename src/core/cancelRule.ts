// When a cancel has taken effect. Providers do not document how a cancelled request reads
// afterwards (fal: COMPLETED with or without an error marker, then a 400 from its result;
// Replicate: canceled, or failed), so no single marker is trusted. Once the user asked to cancel
// and the provider accepted the cancel, a failure, or a finished job whose result cannot be
// fetched or used, is the cancel taking effect: the job ends canceled. A usable result is still
// imported (the user paid for it).
import type { Job } from './jobTypes';

export function cancelTookEffect(job: Job): boolean {
  return job.cancelRequested === true && job.cancelAccepted === true;
}
