// The plain-words errors the engine itself raises (provider errors come classified from adapters).
import { isProviderError } from './errors';
import type { JobError, ProviderId } from './jobTypes';

const NAMES: Record<ProviderId, string> = { fal: 'fal.ai', replicate: 'Replicate', local: 'the local provider' };

export function providerName(p: ProviderId): string {
  return NAMES[p];
}

function detailOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function submitOutcomeUnknown(p: ProviderId, err: unknown): JobError {
  return {
    category: 'transient',
    message: `Not sure whether ${providerName(p)} received this job (the request was cut off). Checking with the provider before sending it again, so it is never paid twice.`,
    detail: detailOf(err),
    retryable: false,
  };
}

export function closedWhileSubmitting(p: ProviderId): JobError {
  return {
    category: 'transient',
    message: `GenQueue stopped while sending this job to ${providerName(p)}. Checking whether it arrived before sending it again.`,
    retryable: false,
  };
}

export function cannotReconcile(p: ProviderId): JobError {
  return {
    category: 'transient',
    // fal's request history lists finished requests only: "Check again" can find the job later.
    message: `${providerName(p)} could not confirm whether it received this job. Look in your ${providerName(p)} dashboard, then choose "Check again" (asks again; a finished job is found) or "Submit again" (may run it twice).`,
    retryable: false,
  };
}

export function reconcileFailed(p: ProviderId, err: unknown): JobError {
  return {
    category: isProviderError(err) ? err.category : 'transient',
    message: `Could not ask ${providerName(p)} whether it received this job. Choose "Check again" later, or "Submit again" (may run it twice).`,
    detail: detailOf(err),
    retryable: false,
  };
}

export function gaveUpRetrying(attempts: number, err: unknown): JobError {
  return {
    category: 'transient',
    message: `The provider kept failing (${attempts} attempts). This is usually temporary: retry later.`,
    detail: detailOf(err),
    retryable: true,
  };
}

export function stoppedChecking(p: ProviderId, err: unknown): JobError {
  return {
    category: isProviderError(err) ? err.category : 'transient',
    message: `Could not check this job with ${providerName(p)}; it may still be running there. Fix the cause (key, network), then choose "Check again".`,
    detail: detailOf(err),
    retryable: false,
  };
}

export function noOutputs(p: ProviderId): JobError {
  return {
    category: 'transient',
    message: `${providerName(p)} finished the job but returned no output files. Retry the job.`,
    retryable: false,
  };
}

export function notSaved(err: unknown): JobError {
  return {
    category: 'transient',
    message:
      'GenQueue could not save its job list, so the job was not sent yet (it would be lost on a crash). Retrying.',
    detail: detailOf(err),
    retryable: true,
  };
}

export function resultNotFetched(err: unknown): JobError {
  return {
    category: isProviderError(err) ? err.category : 'transient',
    message:
      'The job finished but its result could not be downloaded or imported (it is kept). Fix the cause (network, disk space), then choose "Check again".',
    detail: detailOf(err),
    retryable: false,
  };
}
