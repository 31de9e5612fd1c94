// Cost labels of a shot list's header and batch overlay: an amount and where it comes from.
import { formatUsd } from '../../core/cost';
import type { CostSource } from '../../core/jobTypes';
import type { CostLabel } from '../queue/queueProtocol';

const SOURCE_WORDS: Record<Exclude<CostSource, 'unknown'>, string> = {
  catalog: 'catalog estimate',
  'price-list': 'estimate from the provider price list',
  'provider-metrics': 'actual, from the provider',
  local: 'offline, free',
};

/** `amount` is the known part; with source 'unknown' some part has no price on file. */
export function costLabel(amount: number | undefined, source: CostSource): CostLabel {
  if (amount === undefined) return { source, label: 'price unknown' };
  const words = source === 'unknown' ? 'plus parts with an unknown price' : SOURCE_WORDS[source];
  return { amount, source, label: `${formatUsd(amount)} (${words})` };
}

/** Spent before anything finished: the header and the overlay say the same. */
export function nothingSpent(): CostLabel {
  return { amount: 0, source: 'provider-metrics', label: `${formatUsd(0)} (nothing spent yet)` };
}

/**
 * The source of a sum: unknown when one part is unknown; else the least certain of its parts
 * (an estimate in it makes the sum an estimate); local only when every part was free.
 */
export function sumSource(sources: Iterable<CostSource>): CostSource {
  const seen = new Set(sources);
  if (seen.has('unknown')) return 'unknown';
  if (seen.has('catalog')) return 'catalog';
  if (seen.has('price-list')) return 'price-list';
  if (seen.has('provider-metrics')) return 'provider-metrics';
  return 'local';
}
