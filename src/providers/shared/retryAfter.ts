// Turn a provider's "come back later" hints into milliseconds, so the engine's scheduler (not the
// SDKs, which ignore them) can honour them.

/** Longest wait we accept from a hint; anything longer is treated as "unknown" rather than obeyed blindly. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** `Retry-After` as delta-seconds ("7") or an HTTP date. Undefined when absent or unparseable. */
export function parseRetryAfterHeader(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return clamp(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return clamp(at - now);
}

/**
 * Replicate's 429 detail text: "Expected available in 1 second." / "in 12 seconds" /
 * "Your rate limit resets in ~30s." Undefined when the text carries no figure.
 */
export function parseThrottleDetail(detail: string | undefined): number | undefined {
  if (!detail) return undefined;
  const m =
    /available in\s+~?(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)\b/i.exec(detail) ??
    /resets? in\s+~?(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)\b/i.exec(detail);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  if (unit.startsWith('ms') || unit.startsWith('milli')) return clamp(n);
  if (unit.startsWith('m')) return clamp(n * 60_000);
  return clamp(n * 1000);
}

function clamp(ms: number): number | undefined {
  if (!Number.isFinite(ms)) return undefined;
  if (ms > MAX_RETRY_AFTER_MS) return MAX_RETRY_AFTER_MS;
  return Math.max(0, Math.round(ms));
}
