// Per-provider scheduling limits. Defaults follow the providers' documented limits, kept modest:
// Replicate allows 600 creates/min and 3000 other requests/min; fal allows 10 requests/s in total
// and queues extra jobs itself; the local provider is bounded by this machine's two cores.
import type { ProviderLimits } from './engineApi';
import type { ProviderId } from './jobTypes';
import type { BudgetLimits } from './rateBudget';

export type EngineLimits = ProviderLimits & BudgetLimits;

export const DEFAULT_LIMITS: Readonly<Record<ProviderId, EngineLimits>> = {
  replicate: { concurrency: 8, createsPerMinute: 600, requestsPerMinute: 3000 },
  fal: { concurrency: 8, createsPerMinute: 600, requestsPerMinute: 600, totalPerMinute: 600 },
  local: {
    concurrency: 2,
    createsPerMinute: Number.POSITIVE_INFINITY,
    requestsPerMinute: Number.POSITIVE_INFINITY,
  },
};

export function resolveLimits(provider: ProviderId, overrides?: Partial<ProviderLimits>): EngineLimits {
  const merged: EngineLimits = { ...DEFAULT_LIMITS[provider] };
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (typeof v === 'number' && v > 0) (merged as unknown as Record<string, number>)[k] = v;
  }
  return merged;
}
