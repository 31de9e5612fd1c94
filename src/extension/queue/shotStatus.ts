// The status column of one shot, from its newest job and its takes on disk. Rules, in order:
// 1. an active (non-terminal) job wins: waiting / held / queued / generating;
// 2. else the newest job's failure or cancel, when it is newer than the chosen take;
// 3. else the chosen take (when on disk): made from other inputs → stale, else chosen (core
//    isStale: a take whose sidecar is unreadable is not stale; nothing says its inputs changed);
// 4. else takes → done; none → not generated.
// Stale means exactly what "Generate stale" sends (src/extension/shots/shotSelection.ts).
import { isTerminal, type Job } from '../../core/jobTypes';
import { isStale } from '../../core/shots/shotStaleness';
import type { ResolvedShot } from '../../core/shots/shotTypes';
import type { ShotTakeFile } from '../shots/shotRunnerPort';
import type { ShotRow } from './queueProtocol';

export type StatusPart = Pick<ShotRow, 'status' | 'hold' | 'queuePosition' | 'progress' | 'error' | 'jobId'>;

export interface StatusInput {
  /** The shot's newest job, if any. */
  job?: Job;
  takes: readonly ShotTakeFile[];
  /** The shot's `take:`. */
  chosen?: number;
  /** The shot as it would be sent now; undefined for a shot no longer in the list (orphan takes). */
  resolved?: ResolvedShot;
}

export function shotStatus(input: StatusInput): StatusPart {
  const { job, takes, chosen, resolved } = input;
  if (job && !isTerminal(job.state)) return activeStatus(job);
  const chosenTake = chosen === undefined ? undefined : takes.find((t) => t.take === chosen);
  if (job && (job.state === 'failed' || job.state === 'canceled') && newerThan(job, chosenTake)) {
    const part: StatusPart = { status: job.state, jobId: job.id };
    if (job.error) part.error = { category: job.error.category, message: job.error.message };
    return part;
  }
  if (chosenTake && resolved) return { status: isStale(resolved, chosenTake.fingerprint) ? 'stale' : 'chosen' };
  return { status: takes.length > 0 ? 'done' : 'not-generated' };
}

function activeStatus(job: Job): StatusPart {
  const base = { jobId: job.id };
  switch (job.state) {
    case 'waiting':
      return job.held ? { ...base, status: 'held', hold: job.held } : { ...base, status: 'waiting' };
    case 'submitting':
      return { ...base, status: 'queued' };
    // Reconcile could not tell whether the provider has it: the GenQueue panel asks the user.
    case 'unknown':
      return { ...base, status: 'unconfirmed' };
    case 'queued':
      return job.queuePosition === undefined
        ? { ...base, status: 'queued' }
        : { ...base, status: 'queued', queuePosition: job.queuePosition };
    default:
      // running, downloading, importing, cancelling: the provider (or the import) still works on it.
      return job.progress === undefined
        ? { ...base, status: 'generating' }
        : { ...base, status: 'generating', progress: job.progress };
  }
}

/** A failure shows unless a take chosen after it (createdAt unknown: the failure shows). */
function newerThan(job: Job, take: ShotTakeFile | undefined): boolean {
  if (!take || take.createdAt === undefined) return true;
  return job.updatedAt > take.createdAt;
}
