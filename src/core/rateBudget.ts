// Request budgets per provider, as sliding windows: never more than N requests in any window.
// A per-minute limit also gets a per-second window (N/60), so a minute's budget is never spent
// in one burst (fal's "10 requests/s" is exactly that second window).

/** At most `limit` events in any `windowMs`. */
export class SlidingWindow {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Ms until one more event fits (0 = now). */
  waitMs(now: number): number {
    if (!Number.isFinite(this.limit)) return 0;
    while (this.times.length && (this.times[0] as number) <= now - this.windowMs) this.times.shift();
    if (this.times.length < this.limit) return 0;
    return (this.times[this.times.length - this.limit] as number) + this.windowMs - now;
  }

  take(now: number): void {
    if (Number.isFinite(this.limit)) this.times.push(now);
  }
}

/** A per-minute limit, enforced per minute and per second. */
class PerMinute {
  private readonly windows: SlidingWindow[];

  constructor(perMinute: number) {
    this.windows = [
      new SlidingWindow(perMinute, 60_000),
      new SlidingWindow(Math.max(1, Math.ceil(perMinute / 60)), 1_000),
    ];
  }

  waitMs(now: number): number {
    return Math.max(...this.windows.map((w) => w.waitMs(now)));
  }

  take(now: number): void {
    for (const w of this.windows) w.take(now);
  }
}

export type RequestKind = 'create' | 'other';

export interface BudgetLimits {
  createsPerMinute: number;
  requestsPerMinute: number;
  /** A cap shared by every request kind (fal: 10 requests/s in total). */
  totalPerMinute?: number;
}

/** The request budget of one provider. */
export class RateBudget {
  private readonly creates: PerMinute;
  private readonly others: PerMinute;
  private readonly total?: PerMinute;

  constructor(limits: BudgetLimits) {
    this.creates = new PerMinute(limits.createsPerMinute);
    this.others = new PerMinute(limits.requestsPerMinute);
    if (limits.totalPerMinute !== undefined) this.total = new PerMinute(limits.totalPerMinute);
  }

  /** Ms until a request of `kind` may be sent (0 = now). */
  waitMs(kind: RequestKind, now: number): number {
    const own = (kind === 'create' ? this.creates : this.others).waitMs(now);
    return Math.max(own, this.total?.waitMs(now) ?? 0);
  }

  /** Spend from the budget; call only after waitMs returned 0. */
  take(kind: RequestKind, now: number): void {
    (kind === 'create' ? this.creates : this.others).take(now);
    this.total?.take(now);
  }
}
