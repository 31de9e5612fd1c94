// What a provider status means for a job: the state to move to (if any) and the fields to update.
// Pure, so the mapping is tested on its own. Statuses never move a job backwards (a late
// "queued" after "running" is ignored), a finished run is imported even if a cancel was in
// flight (the user paid for it), and a failure after an accepted cancel is the cancel (cancelRule.ts).
import { cancelTookEffect } from './cancelRule';
import { type Job, type JobError, type JobState, MAX_JOB_LOG_LINES } from './jobTypes';
import type { ProviderStatus } from './providerPort';

export interface StatusPlan {
  /** States to pass through, in order (usually zero or one). */
  path: JobState[];
  patch: Partial<Job>;
}

const FAILED_WITHOUT_DETAIL: JobError = {
  category: 'transient',
  message: 'The provider reported a failure without details. Retry; if it keeps failing, try another model.',
  retryable: false,
};

export function planStatus(job: Job, status: ProviderStatus): StatusPlan {
  const patch: Partial<Job> = {};
  if (status.logs?.length) {
    const logs = status.logs.slice(-MAX_JOB_LOG_LINES);
    if (logs.join('\n') !== job.logs.join('\n')) patch.logs = logs;
  }
  if (status.progress !== undefined && status.progress !== job.progress) patch.progress = status.progress;
  if (status.metrics) patch.metrics = { ...job.metrics, ...status.metrics };
  if (status.phase === 'queued' && status.queuePosition !== job.queuePosition)
    patch.queuePosition = status.queuePosition;
  if (status.phase !== 'queued' && job.queuePosition !== undefined) patch.queuePosition = undefined;

  const s = job.state;
  const path: JobState[] = [];
  switch (status.phase) {
    case 'queued':
      if (s === 'submitting' || s === 'unknown') path.push('queued');
      break;
    case 'running':
      if (s === 'submitting' || s === 'unknown' || s === 'queued') path.push('running');
      break;
    case 'completed':
      if (s === 'unknown') path.push('running');
      if (s !== 'downloading' && s !== 'importing') path.push('downloading');
      patch.progress = 1;
      break;
    case 'failed':
      if (s === 'cancelling' && cancelTookEffect(job)) {
        path.push('canceled');
        break;
      }
      path.push('failed');
      patch.error = status.error ?? FAILED_WITHOUT_DETAIL;
      break;
    case 'canceled':
      if (s === 'submitting' || s === 'unknown') path.push('queued');
      path.push('canceled');
      break;
  }
  return { path, patch };
}
