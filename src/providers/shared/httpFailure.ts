// What our fetch wrappers throw instead of handing a retryable failure back to an SDK.
// Both SDKs retry on their own (Replicate: 6 requests with ~no delay; fal: up to 6 with seconds of
// backoff) and ignore Retry-After. The engine owns retries, so the wrappers turn a 429/5xx or a
// network failure into one of these. Neither has a `cause` on purpose: fal walks the cause chain
// for ECONNRESET & co. to decide on a retry, and these must look non-retryable to it.

/** A non-2xx response the SDK must not retry: status, headers and the body text, read once. */
export class HttpFailure extends Error {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly bodyText: string;
  readonly url: string;

  constructor(init: { status: number; statusText: string; headers: Headers; bodyText: string; url: string }) {
    super(`HTTP ${init.status} ${init.statusText}`.trim());
    this.name = 'HttpFailure';
    this.status = init.status;
    this.statusText = init.statusText;
    this.headers = init.headers;
    this.bodyText = init.bodyText;
    this.url = init.url;
  }

  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(): unknown {
    return parseJsonOrUndefined(this.bodyText);
  }
}

/** The request never got a response: refused, reset, timed out, aborted. */
export class TransportFailure extends Error {
  /**
   * The low-level code (ECONNRESET, UND_ERR_SOCKET, ...). Deliberately not named `code`: fal's retry
   * check reads `error.code` and would retry on it.
   */
  readonly socketCode?: string;
  readonly timedOut: boolean;
  readonly aborted: boolean;

  constructor(init: { message: string; code?: string; timedOut?: boolean; aborted?: boolean }) {
    super(init.message);
    this.name = 'TransportFailure';
    this.socketCode = init.code;
    this.timedOut = init.timedOut ?? false;
    this.aborted = init.aborted ?? false;
  }
}

export function parseJsonOrUndefined(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Describe what fetch threw (undici hides the socket error in `cause`). */
export function toTransportFailure(err: unknown, signal: AbortSignal | null | undefined): TransportFailure {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  const reason = signal?.aborted ? (signal.reason as { name?: string } | undefined) : undefined;
  const timedOut = e?.name === 'TimeoutError' || reason?.name === 'TimeoutError';
  const aborted = !timedOut && (e?.name === 'AbortError' || signal?.aborted === true);
  const code = e?.cause?.code;
  const low = e?.cause?.message ?? '';
  const message = [e?.message ?? String(err), code ?? low].filter((s) => s && s.length > 0).join(': ');
  return new TransportFailure({ message, code, timedOut, aborted });
}

/** The caller's signal plus an optional per-request timeout. */
export function withTimeout(signal: AbortSignal, timeoutMs: number | undefined): AbortSignal {
  if (!timeoutMs || timeoutMs <= 0 || !Number.isFinite(timeoutMs)) return signal;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = AbortSignal.any([signal, timeout]);
  // AbortSignal.any holds its sources weakly and nothing else holds the timeout signal: a garbage
  // collection before it fires loses it, and a hung request then never times out. Keep it alive
  // as long as the combined signal (which the request holds).
  KEEP_ALIVE.set(combined, timeout);
  return combined;
}

const KEEP_ALIVE = new WeakMap<AbortSignal, AbortSignal>();
