// Resuming a job known only from its persisted form (a restart, or a takeover from another window), conservatively.

import { closedWhileSubmitting } from './engineMessages';
import type { JobRegistry } from './jobRegistry';
import type { JobRuntime } from './jobRuntime';
import type { Job } from './jobTypes';

export function prepareResume(registry: JobRegistry, job: Job, rt: JobRuntime, now: number): void {
  rt.windowStart = job.stateAt.submitting ?? job.createdAt;
  rt.dueAt = now;
  if (job.state === 'submitting') {
    // Persisted before the create was sent; whether it arrived is unknown unless we have its id.
    if (job.requestId) registry.transition(job.id, 'queued');
    else
      registry.transition(job.id, 'unknown', {
        error: closedWhileSubmitting(job.provider),
        submitUnconfirmed: true,
      });
  } else if (job.state === 'downloading' || job.state === 'importing') {
    rt.needResult = job.takes.length === 0 || job.takes.some((t) => !t.localPath && !t.remoteUrl);
  }
}
