// Everything that can go wrong talking to fal, as ProviderErrors with plain advice.
// fal's `message` is usually just the reason phrase ("Forbidden"): the real text is `body.detail`.
import { ProviderError } from '../../core/errors';
import { HttpFailure, parseJsonOrUndefined, TransportFailure } from '../shared/httpFailure';
import { parseRetryAfterHeader } from '../shared/retryAfter';
import { clip, isRecord, str } from '../shared/values';

export type FalOperation = 'submit' | 'status' | 'stream' | 'result' | 'cancel';

interface FalHttpFacts {
  status: number;
  body: unknown;
  retryAfterMs?: number;
  errorType?: string;
}

/** Turn anything a fal call threw into a ProviderError. `model` is named in messages. */
export function falError(err: unknown, op: FalOperation, model: string): ProviderError {
  if (err instanceof ProviderError) return err;
  const submit = op === 'submit';
  if (err instanceof TransportFailure) {
    const what = err.timedOut
      ? 'fal did not answer in time'
      : err.aborted
        ? 'The request to fal was stopped'
        : 'The connection to fal failed';
    return new ProviderError({
      category: 'transient',
      message: submit
        ? `${what} while submitting; the job may or may not have been created. GenQueue will not resend it blindly.`
        : `${what}. GenQueue will try again.`,
      detail: err.message,
      outcomeUnknown: submit,
    });
  }
  const facts = httpFacts(err);
  if (facts) return fromHttp(facts, op, model);
  if (err instanceof SyntaxError) {
    return new ProviderError({
      category: 'transient',
      message: submit
        ? 'fal answered the submit with a response GenQueue could not read; the job may have been created.'
        : 'fal sent a response GenQueue could not read. GenQueue will try again.',
      detail: err.message,
      outcomeUnknown: submit,
    });
  }
  const e = err as { name?: string; message?: string } | undefined;
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') {
    return new ProviderError({
      category: 'transient',
      message: submit
        ? 'The submit to fal was stopped before fal answered; the job may or may not have been created.'
        : 'The request to fal was stopped before it finished.',
      detail: e.message,
      outcomeUnknown: submit,
    });
  }
  return new ProviderError({
    category: 'transient',
    message: submit
      ? 'Something unexpected went wrong submitting to fal; the job may or may not have been created.'
      : 'Something unexpected went wrong talking to fal. GenQueue will try again.',
    detail: e?.message ?? String(err),
    outcomeUnknown: submit,
    retryable: !submit,
  });
}

function httpFacts(err: unknown): FalHttpFacts | undefined {
  if (err instanceof HttpFailure) {
    const body = err.json();
    return {
      status: err.status,
      body: body ?? err.bodyText,
      retryAfterMs: parseRetryAfterHeader(err.headers.get('retry-after')),
      errorType: err.headers.get('x-fal-error-type') ?? (isRecord(body) ? str(body.error_type) : undefined),
    };
  }
  // The SDK's ApiError / ValidationError (exported classes, but compare by shape: bundling can duplicate them).
  const e = err as { name?: string; status?: unknown; body?: unknown; message?: string } | undefined;
  if ((e?.name === 'ApiError' || e?.name === 'ValidationError') && typeof e.status === 'number') {
    const body = e.body ?? parseJsonOrUndefined(e.message ?? '');
    return { status: e.status, body, errorType: isRecord(body) ? str(body.error_type) : undefined };
  }
  return undefined;
}

function fromHttp(f: FalHttpFacts, op: FalOperation, model: string): ProviderError {
  const { status } = f;
  const detailText = detailOf(f.body);
  const detail = clip(`HTTP ${status}${f.errorType ? ` (${f.errorType})` : ''}: ${detailText || 'no detail'}`);
  const submit = op === 'submit';
  const base = { detail, httpStatus: status };
  if (status === 401) {
    return new ProviderError({
      ...base,
      category: 'auth',
      message: 'fal rejected the API key. Set a valid key with “GenQueue: Set API Key” (fal keys look like id:secret).',
    });
  }
  if (status === 403 || status === 402) {
    if (/exhausted balance|locked|balance|credit|billing|payment/i.test(detailText) || status === 402) {
      return new ProviderError({
        ...base,
        category: 'billing-policy',
        message: 'Your fal account is out of balance (fal locked it). Top up at fal.ai/dashboard/billing, then retry.',
      });
    }
    return new ProviderError({
      ...base,
      category: 'auth',
      message: `fal refused access to ${model}. Check that your key is allowed to use this model.`,
    });
  }
  if (status === 422 || (status === 400 && op !== 'cancel' && !isInProgress(detailText))) {
    if (isContentPolicy(f.body) || /content[ _-]?polic|nsfw|flagged/i.test(detailText)) {
      return new ProviderError({
        ...base,
        category: 'billing-policy',
        message: 'fal blocked this job under its content policy. Change the prompt or input, then retry.',
      });
    }
    return new ProviderError({
      ...base,
      category: 'input',
      message: `fal rejected the input: ${fieldMessages(f.body) || detailText || 'invalid request'}. Fix the input, then retry.`,
    });
  }
  if (status === 404) {
    return new ProviderError({
      ...base,
      category: 'input',
      message: submit
        ? `fal does not know the model "${model}". Check the model id.`
        : 'fal no longer knows this request (it may have expired). Run the job again if you still need it.',
    });
  }
  if (status === 429) {
    return new ProviderError({
      ...base,
      category: 'transient',
      message: 'fal is limiting how fast requests can be sent. GenQueue will wait and try again.',
      retryAfterMs: f.retryAfterMs,
    });
  }
  if (status === 400 && isInProgress(detailText)) {
    return new ProviderError({ ...base, category: 'transient', message: 'fal says the job is still running.' });
  }
  if (status >= 500) {
    // A 500/502/504 may come after fal accepted the job; 503 means it was turned away.
    const ambiguous = submit && status !== 503;
    return new ProviderError({
      ...base,
      category: 'transient',
      message: ambiguous
        ? `fal had a server error (${status}) while submitting; the job may or may not have been created.`
        : `fal had a server error (${status}). GenQueue will try again.`,
      retryAfterMs: f.retryAfterMs,
      outcomeUnknown: ambiguous,
    });
  }
  return new ProviderError({
    ...base,
    category: 'input',
    message: `fal refused the request (${status}): ${detailText || 'no reason given'}.`,
  });
}

/** `detail` as text: a string, or FastAPI's list of {loc, msg}. */
export function detailOf(body: unknown): string {
  if (typeof body === 'string') return body;
  if (!isRecord(body)) return '';
  const d = body.detail;
  if (typeof d === 'string') return d;
  if (Array.isArray(d)) return fieldMessages(body);
  return str(body.message) ?? str(body.error) ?? '';
}

/** "prompt: field required; image_size: unknown value" from a 422 body. */
export function fieldMessages(body: unknown): string {
  if (!isRecord(body) || !Array.isArray(body.detail)) return typeof body === 'object' ? '' : String(body ?? '');
  return body.detail
    .map((d) => {
      if (!isRecord(d)) return String(d);
      const loc = Array.isArray(d.loc) ? d.loc.filter((p) => p !== 'body').join('.') : '';
      const msg = str(d.msg) ?? 'invalid';
      return loc ? `${loc}: ${msg}` : msg;
    })
    .join('; ');
}

function isContentPolicy(body: unknown): boolean {
  return (
    isRecord(body) &&
    Array.isArray(body.detail) &&
    body.detail.some((d) => isRecord(d) && d.type === 'content_policy_violation')
  );
}

function isInProgress(text: string): boolean {
  return /still in progress|in queue/i.test(text);
}
