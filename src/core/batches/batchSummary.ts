// Counts and money of one batch, from the registry's jobs: what the progress overlay and the
// Production Queue header show.
import { type HoldReason, isTerminal, JOB_STATES, type Job, type JobState, type ProviderId } from '../jobTypes';
import { blockingHold } from './batchBlocking';

export interface BatchSummary {
  batchId: string;
  total: number;
  counts: Record<JobState, number>;
  /**
   * Why the batch's waiting jobs are held; a blocking reason wins over a pause. A batch whose last
   * jobs all failed on a blocking failure (a rejected key with every shot already sent) is held too:
   * nothing was left waiting, but resuming is still what the user must do.
   */
  held?: HoldReason;
  heldMessage?: string;
  heldProvider?: ProviderId;
  /** Succeeded jobs: the provider-based actual cost where known, else the estimate. */
  spentUsd: number;
  /** Every job of the batch except those cancelled before they were sent and failures sent again. */
  estimateUsd: number;
  /** Jobs with no known price (hand-typed models): spentUsd and estimateUsd leave them out. */
  unpriced?: number;
  /** No job of the batch is waiting or at the provider any more. */
  finished: boolean;
}

/** What a summary reads of a job (a job that left the registry is kept in this form). */
export type SummaryJob = Pick<
  Job,
  | 'id'
  | 'batchId'
  | 'state'
  | 'cost'
  | 'stateAt'
  | 'held'
  | 'heldMessage'
  | 'heldProvider'
  | 'retriedFrom'
  | 'error'
  | 'provider'
  | 'priority'
  | 'shot'
  | 'createdAt'
>;

export function summaryFields(job: Job): SummaryJob {
  const { id, batchId, state, cost, stateAt, retriedFrom, error, provider, priority, shot, createdAt } = job;
  return { id, batchId, state, cost, stateAt, retriedFrom, error, provider, priority, shot, createdAt };
}

/** The hold a finished failure still puts on its batch (nothing waiting is left to carry it). */
function failureHold(mine: readonly SummaryJob[]): Pick<SummaryJob, 'held' | 'heldMessage' | 'heldProvider'> {
  // The summary's fields are all blockingHold reads of a job.
  const jobs = mine as readonly Job[];
  for (const job of [...jobs].reverse()) {
    const hold = job.state === 'failed' ? blockingHold(job, jobs) : undefined;
    if (hold) return { held: hold.reason, heldMessage: hold.message, heldProvider: hold.provider };
  }
  return {};
}

/** Spent on a job: its actual cost where known, else its estimate; 0 unless it succeeded. */
export function jobSpendUsd(job: SummaryJob): number | undefined {
  if (job.state !== 'succeeded') return 0;
  return job.cost.actual?.amount ?? job.cost.estimate?.amount;
}

function neverSent(job: SummaryJob): boolean {
  return job.state === 'canceled' && job.stateAt.submitting === undefined;
}

export function summarizeBatch(batchId: string, jobs: readonly SummaryJob[]): BatchSummary | undefined {
  const all = jobs.filter((j) => j.batchId === batchId);
  if (!all.length) return undefined;
  // A failure sent again in the batch is counted once, as its retry.
  const retried = new Set(all.map((j) => j.retriedFrom));
  const mine = all.filter((j) => !retried.has(j.id));
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  let spentUsd = 0;
  let estimateUsd = 0;
  let unpriced = 0;
  let hold: Pick<SummaryJob, 'held' | 'heldMessage' | 'heldProvider'> | undefined;
  for (const job of mine) {
    counts[job.state]++;
    if (job.state === 'waiting' && job.held && (!hold || hold.held === 'paused')) hold = job;
    if (neverSent(job)) continue;
    const estimate = job.cost.estimate?.amount;
    const spent = jobSpendUsd(job);
    if (estimate === undefined || spent === undefined) unpriced++;
    estimateUsd += estimate ?? 0;
    spentUsd += spent ?? 0;
  }
  const summary: BatchSummary = {
    batchId,
    total: mine.length,
    counts,
    spentUsd,
    estimateUsd,
    finished: mine.every((j) => isTerminal(j.state)),
  };
  if (unpriced) summary.unpriced = unpriced;
  if (!hold && summary.finished) hold = failureHold(mine);
  if (hold?.held) {
    summary.held = hold.held;
    if (hold.heldMessage !== undefined) summary.heldMessage = hold.heldMessage;
    if (hold.heldProvider !== undefined) summary.heldProvider = hold.heldProvider;
  }
  return summary;
}
