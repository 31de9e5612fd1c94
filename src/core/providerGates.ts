// Per provider, what may be sent now: its limits, its request budget, and the throttle that a 429 pauses.

import { DEFAULT_BACKOFF } from './backoff';
import type { Clock } from './clock';
import { type EngineLimits, resolveLimits } from './engineLimits';
import type { JobEngineOptions } from './engineOptions';
import type { ProviderId } from './jobTypes';
import type { ProviderAdapter } from './providerPort';
import { ProviderThrottle, throttledAdapter } from './providerThrottle';
import { RateBudget } from './rateBudget';

export class ProviderGates {
  private readonly budgets = new Map<ProviderId, RateBudget>();
  private readonly limits = new Map<ProviderId, EngineLimits>();
  private readonly throttles = new Map<ProviderId, ProviderThrottle>();
  private readonly watched = new WeakMap<ProviderAdapter, ProviderAdapter>();

  constructor(
    private readonly opts: JobEngineOptions,
    private readonly clock: Clock,
    private readonly random: () => number,
  ) {}

  budget(p: ProviderId): RateBudget {
    let b = this.budgets.get(p);
    if (!b) {
      b = new RateBudget(this.limitsOf(p));
      this.budgets.set(p, b);
    }
    return b;
  }

  throttle(p: ProviderId): ProviderThrottle {
    let t = this.throttles.get(p);
    if (!t) {
      t = new ProviderThrottle(this.opts.backoff ?? DEFAULT_BACKOFF, this.random);
      this.throttles.set(p, t);
    }
    return t;
  }

  /** The adapter with its 429s pausing the whole provider (see providerThrottle.ts). */
  watch(p: ProviderId, adapter: ProviderAdapter): ProviderAdapter {
    let w = this.watched.get(adapter);
    if (!w) {
      w = throttledAdapter(adapter, this.throttle(p), () => this.clock.now());
      this.watched.set(adapter, w);
    }
    return w;
  }

  limitsOf(p: ProviderId): EngineLimits {
    let l = this.limits.get(p);
    if (!l) {
      l = resolveLimits(p, this.opts.limits?.[p]);
      this.limits.set(p, l);
    }
    return l;
  }
}
