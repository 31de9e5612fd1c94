// How long a model's run is expected to take: the user's own history once it exists, else the
// catalog's typical time as a prior (so the first runs of a short model already use Replicate's
// sync wait, and a long fal job gets one status stream that lasts the whole run).
import type { DurationHistory } from './durationEstimates';
import type { ProviderId } from './jobTypes';
import { findModel } from './modelCatalog';

export interface ExpectedDuration {
  ms: number;
  /** 'history': the user's own runs; 'catalog': the model's typical time (a guess for this user). */
  source: 'history' | 'catalog';
}

export function expectedDuration(
  history: DurationHistory,
  provider: ProviderId,
  model: string,
): ExpectedDuration | undefined {
  const own = history.estimate(model);
  if (own !== undefined) return { ms: own, source: 'history' };
  const typical = findModel(provider, model)?.typicalDurationSec;
  return typical !== undefined && typical > 0 ? { ms: typical * 1000, source: 'catalog' } : undefined;
}
