// The user's cancel of one job, applied to its current state (no save, no scheduling: the caller
// does both once, so cancelling a whole batch costs one write, not one per job).

import { NO_HOLD } from './batches/batchHolds';
import type { Clock } from './clock';
import type { JobRegistry } from './jobRegistry';
import type { JobRuntimes } from './jobRuntimes';
import { isTerminal } from './jobTypes';

export interface CancelDeps {
  registry: JobRegistry;
  runtimes: JobRuntimes;
  clock: Clock;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Cancel a job (already resumed if it was persisted); true when something changed. */
export function requestCancel(deps: CancelDeps, id: string): boolean {
  const { registry } = deps;
  const job = registry.get(id);
  if (!job || isTerminal(job.state)) return false;
  const rt = deps.runtimes.of(id);
  switch (job.state) {
    case 'waiting':
      // Never sent (held or not): nothing at the provider to stop.
      registry.transition(id, 'canceled', { cancelRequested: true, ...NO_HOLD });
      return true;
    case 'unknown':
      // Wait for reconcile to say whether there is something to cancel remotely, unless it cannot.
      if (rt.parked || rt.resubmit) registry.transition(id, 'canceled', { cancelRequested: true });
      else registry.update(id, { cancelRequested: true });
      return true;
    case 'submitting':
      registry.update(id, { cancelRequested: true });
      return true;
    case 'queued':
    case 'running':
      // A status read in flight is safe to abort; the cancel request goes next.
      if (rt.step === 'poll') rt.controller?.abort();
      registry.transition(id, 'cancelling', { cancelRequested: true, stale: undefined, staleReason: undefined });
      Object.assign(rt, { cancelSent: false, dueAt: deps.clock.now(), pollsSinceResume: 0 });
      rt.windowStart = deps.clock.now();
      return true;
    default:
      // cancelling, downloading, importing: already finished or on its way; nothing to stop.
      deps.log?.('info', `job ${id}: cancel ignored in state ${job.state}`);
      return false;
  }
}
