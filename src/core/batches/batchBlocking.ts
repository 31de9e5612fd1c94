// Which failures block a batch: sending its other shots would fail the same way (a missing or
// rejected key, an account out of balance) or keep hitting the same content-policy refusal.
// Those hold the batch's waiting jobs with a reason and what to do, instead of failing them one
// by one or skipping them.
import { providerName } from '../engineMessages';
import type { Job, JobError } from '../jobTypes';
import { type BatchHold, isBatchJob } from './batchHolds';

/** The same content-policy failure on this many shots of a batch holds the rest. */
const POLICY_SHOTS_TO_HOLD = 2;

const BILLING_TEXT = /balance|billing|credit|payment|top up|insufficient funds/i;

export function isBillingError(error: JobError): boolean {
  return (
    error.category === 'billing-policy' &&
    (error.httpStatus === 402 || BILLING_TEXT.test(error.message) || BILLING_TEXT.test(error.detail ?? ''))
  );
}

function isPolicyError(error: JobError): boolean {
  return error.category === 'billing-policy' && !isBillingError(error);
}

function shotName(job: Job): string {
  return job.shot ? `shot ${job.shot.shotId}` : `job ${job.id}`;
}

/**
 * The hold a failed batch job puts on its batch, or undefined when the failure is its own
 * (bad input, a transient failure, a first content-policy refusal). `batch` is every job of the
 * batch in the registry, the failed one included.
 */
export function blockingHold(failed: Job, batch: readonly Job[]): BatchHold | undefined {
  const error = failed.error;
  if (!isBatchJob(failed) || failed.state !== 'failed' || !error) return undefined;
  const name = providerName(failed.provider);
  const provider = failed.provider;
  if (error.category === 'auth') {
    return {
      reason: 'auth',
      provider,
      message: `${name} refused ${shotName(failed)}: its key is missing or was rejected. ${error.message} The other shots wait: set the key (“GenQueue: Set API Key”), then resume the batch, or cancel it.`,
    };
  }
  if (isBillingError(error)) {
    return {
      reason: 'billing',
      provider,
      message: `${name} refused ${shotName(failed)} for balance or billing. ${error.message} The other shots wait: top up, then resume the batch, or cancel it.`,
    };
  }
  if (!isPolicyError(error)) return undefined;
  const shots = new Set<string>();
  const oldestFirst = [...batch].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  for (const j of oldestFirst) {
    if (j.state !== 'failed' || !j.error || !isPolicyError(j.error)) continue;
    // The same refusal: same provider, same words (a retry of one shot counts once).
    if (j.provider !== provider || j.error.message !== error.message) continue;
    shots.add(j.shot?.shotId ?? j.id);
  }
  if (shots.size < POLICY_SHOTS_TO_HOLD) return undefined;
  const list = [...shots].slice(0, 5).join(', ');
  return {
    reason: 'policy',
    provider,
    message: `${name}'s content policy refused ${shots.size} shots of this batch (${list}${shots.size > 5 ? ', …' : ''}). ${error.message} The other shots wait: edit the refused shots, then resume the batch to send the rest, or cancel it.`,
  };
}
