// A provider's rate-limit pause. A 429 (its Retry-After, or Replicate's "available in N seconds")
// is about the provider, not about the job whose request got it: every request to that provider,
// creates and reads alike, waits until the time given. Without a hint the pause grows with
// consecutive 429s; any other answer resets that count (never the pause: the provider asked).
import { type BackoffPolicy, backoffDelayMs } from './backoff';
import { isProviderError, type ProviderError } from './errors';
import type { ProviderAdapter } from './providerPort';

/** A 429 answer: the provider is limiting us; waiting on it never counts as a failed attempt. */
export function isRateLimit(err: unknown): err is ProviderError {
  return isProviderError(err) && err.httpStatus === 429;
}

export class ProviderThrottle {
  private until = 0;
  private strikes = 0;

  constructor(
    private readonly backoff: BackoffPolicy,
    private readonly random: () => number,
  ) {}

  /** Ms until the next request to this provider may start (0 = now). */
  waitMs(now: number): number {
    return Math.max(0, this.until - now);
  }

  /** A 429 arrived at `now`: pause the provider (never shortening a pause already set). */
  limited(now: number, retryAfterMs: number | undefined): void {
    this.strikes++;
    const hinted = retryAfterMs !== undefined && retryAfterMs >= 0;
    const delay = hinted ? retryAfterMs : backoffDelayMs(this.strikes, undefined, this.random, this.backoff);
    this.until = Math.max(this.until, now + delay);
  }

  /** Any answer that is not a 429. */
  answered(): void {
    this.strikes = 0;
  }
}

/**
 * The adapter with every request watched by `throttle`: a Proxy, so methods added to the port
 * later are forwarded as they are (any method returning a promise is a request).
 */
export function throttledAdapter(
  inner: ProviderAdapter,
  throttle: ProviderThrottle,
  now: () => number,
): ProviderAdapter {
  const watch = (p: Promise<unknown>): Promise<unknown> =>
    p.then(
      (value) => {
        throttle.answered();
        return value;
      },
      (err: unknown) => {
        if (isRateLimit(err)) throttle.limited(now(), err.retryAfterMs);
        else if (isProviderError(err)) throttle.answered();
        throw err;
      },
    );
  return new Proxy(inner, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const out: unknown = value.apply(target, args);
        return out instanceof Promise ? watch(out) : out;
      };
    },
  });
}
