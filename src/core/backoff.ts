// Retry timing for transient failures. The provider's own hint (Retry-After, Replicate's
// "available in N seconds") wins; otherwise exponential with jitter so many jobs hitting the
// same 429 do not come back in lockstep. The jitter source is injectable for determinism.

export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
  /** ±fraction of the delay. */
  jitter: number;
  /** Automatic attempts per step before the job fails with category transient. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, factor: 2, maxMs: 60_000, jitter: 0.25, maxAttempts: 8 };

/** A small seedable PRNG (mulberry32) returning [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Delay before retry number `attempt` (1 = first retry). A provider hint is honoured as a floor
 * (plus a little jitter upward only, never earlier than asked).
 */
export function backoffDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) {
    return Math.round(retryAfterMs + retryAfterMs * policy.jitter * 0.5 * random());
  }
  const raw = Math.min(policy.maxMs, policy.baseMs * policy.factor ** Math.max(0, attempt - 1));
  const spread = raw * policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(policy.maxMs, raw + spread)));
}
