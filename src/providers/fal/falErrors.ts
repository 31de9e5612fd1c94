// Everything that can go wrong talking to fal, as ProviderErrors with plain advice.
// fal's `message` is usually just the reason phrase ("Forbidden"): the real text is `body.detail`.
import { ProviderError } from '../../core/errors';
import { classifyFailure, type ProviderVoice } from '../shared/failureClassification';
import { HttpFailure, parseJsonOrUndefined } from '../shared/httpFailure';
import { parseRetryAfterHeader } from '../shared/retryAfter';
import { clip, isRecord, str } from '../shared/values';

export type FalOperation = 'submit' | 'status' | 'stream' | 'result' | 'cancel' | 'history' | 'upload';

interface FalHttpFacts {
  status: number;
  body: unknown;
  retryAfterMs?: number;
  errorType?: string;
}

/** Turn anything a fal call threw into a ProviderError. `model` is named in messages. */
const VOICE: ProviderVoice = { name: 'fal', thing: 'job', unknownSubmitNote: 'GenQueue will not resend it blindly.' };

export function falError(err: unknown, op: FalOperation, model: string): ProviderError {
  return classifyFailure(err, op === 'submit', VOICE, httpFacts, (facts) => fromHttp(facts, op, model));
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
