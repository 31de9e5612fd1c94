// A shot list's hard budget cap, as the rule the host plugs into the engine's `admit`: a batch job
// is sent only while spent + estimates in flight + its own estimate stay within the cap.
// A job with no known price (a hand-typed model) counts as $0: holding every such shot would make
// a capped list unusable with those models, so instead the message and the summary (`unpriced`)
// say that the figures leave them out.
import { formatUsd } from '../cost';
import { isTerminal, type Job } from '../jobTypes';
import type { BatchHold } from './batchHolds';

export interface BudgetCapInput {
  /** The list's cap (`budget:` in the file, else the setting), USD. */
  capUsd: number;
  /** Spent on this list so far (finished jobs: actual where known, else estimate), USD. */
  spentUsd: number;
  /** The job about to be sent (it carries its shot: `shot.list` names the list). */
  next: Job;
  /** The engine's registry: its unfinished jobs of the same list are in flight. */
  registry: readonly Job[];
}

export interface BudgetStanding {
  inFlightUsd: number;
  nextUsd: number;
  /** Jobs in flight or next with no known price (counted as $0). */
  unpriced: number;
}

/** Waiting jobs are not in flight: they are what the cap is checked for, one at a time. */
function inFlight(job: Job): boolean {
  return !isTerminal(job.state) && job.state !== 'waiting';
}

export function budgetStanding(next: Job, registry: readonly Job[]): BudgetStanding {
  const list = next.shot?.list;
  let inFlightUsd = 0;
  let unpriced = 0;
  for (const job of registry) {
    if (job.id === next.id || list === undefined || job.shot?.list !== list || !inFlight(job)) continue;
    const amount = job.cost.estimate?.amount;
    if (amount === undefined) unpriced++;
    inFlightUsd += amount ?? 0;
  }
  const nextAmount = next.cost.estimate?.amount;
  if (nextAmount === undefined) unpriced++;
  return { inFlightUsd, nextUsd: nextAmount ?? 0, unpriced };
}

/** The 'budget' hold when sending `next` would pass the cap, else undefined. */
export function budgetCapHold(input: BudgetCapInput): BatchHold | undefined {
  const { capUsd, spentUsd, next } = input;
  const s = budgetStanding(next, input.registry);
  // A cent's thousandth of slack: sums of float prices must not hold a job that exactly fits.
  if (spentUsd + s.inFlightUsd + s.nextUsd <= capUsd + 1e-9) return undefined;
  const what = next.shot ? `shot ${next.shot.shotId}` : `job ${next.id}`;
  const unpricedNote = s.unpriced ? ` ${s.unpriced} job(s) with no known price are counted as $0.` : '';
  return {
    reason: 'budget',
    message:
      `Sending ${what} would pass this list's ${formatUsd(capUsd)} budget: ${formatUsd(spentUsd)} spent, ` +
      `${formatUsd(s.inFlightUsd)} in flight, ${formatUsd(s.nextUsd)} next.${unpricedNote} ` +
      'Raise the budget, then resume the batch, or cancel it.',
  };
}
