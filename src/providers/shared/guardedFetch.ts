// A fetch for the SDKs that never lets them retry: a response the SDK would retry (429/5xx) and any
// network failure become a thrown HttpFailure / TransportFailure, which neither SDK treats as
// retryable (see httpFailure.ts). Optionally rewrites URLs (fal's hosts → an emulator origin).
import { HttpFailure, toTransportFailure } from './httpFailure';

export interface GuardedFetchOptions {
  /** Statuses to intercept (the ones the SDK would otherwise retry). */
  intercept: (status: number) => boolean;
  rewrite?: (url: string) => string;
  baseFetch?: typeof fetch;
  /** Told about every failure, keyed by the request's signal (fal's status stream hides our error). */
  onFailure?: (signal: AbortSignal | null | undefined, failure: Error) => void;
}

export function createGuardedFetch(opts: GuardedFetchOptions): typeof fetch {
  const base = opts.baseFetch ?? globalThis.fetch;
  const guarded = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const original = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = opts.rewrite ? opts.rewrite(original) : original;
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    let res: Response;
    try {
      res = await base(input instanceof Request && url === original ? input : url, init);
    } catch (err) {
      const failure = toTransportFailure(err, signal);
      opts.onFailure?.(signal, failure);
      throw failure;
    }
    if (!res.ok && opts.intercept(res.status)) {
      let bodyText = '';
      try {
        bodyText = await res.text();
      } catch {
        // The body broke off; the status alone is enough to classify.
      }
      const failure = new HttpFailure({
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
        bodyText,
        url,
      });
      opts.onFailure?.(signal, failure);
      throw failure;
    }
    return res;
  };
  return guarded as typeof fetch;
}

/**
 * fal's hosts (queue, sync, rest, the Platform API) → one origin (approach 2 in §4.7: covers every
 * call, including storage PUTs).
 */
export function falUrlRewriter(baseUrl: string | undefined): ((url: string) => string) | undefined {
  if (!baseUrl) return undefined;
  const base = baseUrl.replace(/\/+$/, '');
  return (url) => url.replace(/^https:\/\/(?:queue\.|rest\.|api\.)?fal\.(?:run|ai)(?=\/|$)/, base);
}
