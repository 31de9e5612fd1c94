// What a set of jobs about to be sent will cost, and whether the user must confirm it first.
// Pure (no `vscode`): spendConfirmation.ts shows the question; every path that sends jobs to a paid
// provider (Generate, Retry, Edit & retry, Re-run, Retry All Failed, re-run from a file) uses it.
import { estimateCost, formatUsd } from '../../core/cost';
import type { JobSpec } from '../../core/jobTypes';
import { plainT, type Translate } from '../shared/text';
import { modelLabel } from './modelLabel';

export interface SpendEstimate {
  /** Jobs that will be sent. */
  count: number;
  /** Sum of the known estimates, USD. */
  total: number;
  /** Jobs on a paid provider (not the offline one). */
  paid: number;
  /** Paid jobs whose price is unknown (hand-typed model ids). */
  unknown: number;
  /** One line per job: model and cost label. */
  lines: string[];
}

/** `audioSec`: the length of the jobs' audio reference when known (talking heads are priced by it). */
export function estimateSpend(specs: readonly JobSpec[], audioSec?: number): SpendEstimate {
  const est: SpendEstimate = { count: specs.length, total: 0, paid: 0, unknown: 0, lines: [] };
  for (const s of specs) {
    const figure = estimateCost(s.provider, s.model, s.input, audioSec);
    if (s.provider !== 'local') est.paid++;
    if (figure.amount === undefined) est.unknown++;
    else est.total += figure.amount;
    est.lines.push(`${modelLabel(s)}: ${figure.label}`);
  }
  return est;
}

/**
 * Ask when the known estimate reaches the threshold; with a threshold of 0 ("ask for every paid
 * generation") also when a paid job's price is unknown. Offline jobs never ask.
 */
export function needsConfirmation(est: SpendEstimate, threshold: number): boolean {
  if (est.paid === 0) return false;
  if (est.total > 0 && est.total >= threshold) return true;
  return threshold === 0 && est.unknown > 0;
}

/** The question: what will be sent and what it costs. */
export function spendQuestion(est: SpendEstimate, t: Translate = plainT): string {
  const cost =
    est.unknown === 0
      ? formatUsd(est.total)
      : est.total > 0
        ? t('{0} plus {1} at an unknown price', formatUsd(est.total), est.unknown)
        : t('an unknown amount');
  return est.count === 1
    ? t('This will cost about {0}.', cost)
    : t('This sends {0} generations and will cost about {1}.', est.count, cost);
}
