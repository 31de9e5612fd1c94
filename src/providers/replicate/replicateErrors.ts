// Everything that can go wrong talking to Replicate, as ProviderErrors with plain advice.
// Replicate errors are problem+json ({title, detail, status}); the SDK's ApiError keeps the raw body
// only inside its message ("Request to … failed with status 422 …: {json}."), so it is parsed from there.
import { ProviderError } from '../../core/errors';
import { classifyFailure, type ProviderVoice } from '../shared/failureClassification';
import { HttpFailure, parseJsonOrUndefined } from '../shared/httpFailure';
import { parseRetryAfterHeader, parseThrottleDetail } from '../shared/retryAfter';
import { clip, isRecord, str } from '../shared/values';

export type ReplicateOperation = 'submit' | 'status' | 'result' | 'cancel' | 'list' | 'upload';

interface HttpFacts {
  status: number;
  body: unknown;
  bodyText: string;
  retryAfterHeader?: string | null;
}

const VOICE: ProviderVoice = {
  name: 'Replicate',
  thing: 'prediction',
  unknownSubmitNote: 'GenQueue will check before sending it again.',
};

export function replicateError(err: unknown, op: ReplicateOperation, model: string): ProviderError {
  return classifyFailure(err, op === 'submit', VOICE, httpFacts, (facts) => fromHttp(facts, op, model));
}

function httpFacts(err: unknown): HttpFacts | undefined {
  if (err instanceof HttpFailure) {
    return {
      status: err.status,
      body: err.json(),
      bodyText: err.bodyText,
      retryAfterHeader: err.headers.get('retry-after'),
    };
  }
  const e = err as { name?: string; message?: string; response?: { status?: unknown; headers?: Headers } } | undefined;
  if (e?.name === 'ApiError' && typeof e.response?.status === 'number') {
    const bodyText = apiErrorBody(e.message ?? '');
    return {
      status: e.response.status,
      body: parseJsonOrUndefined(bodyText),
      bodyText,
      retryAfterHeader: e.response.headers?.get?.('retry-after'),
    };
  }
  return undefined;
}

/** The raw body from "Request to <url> failed with status <code> <text>: <body>." */
export function apiErrorBody(message: string): string {
  const m = /failed with status \d{3}[^:]*: ([\s\S]*)\.$/.exec(message);
  return m?.[1] ?? '';
}

function fromHttp(f: HttpFacts, op: ReplicateOperation, model: string): ProviderError {
  const { status } = f;
  const text = detailText(f.body) || f.bodyText.trim();
  const detail = clip(`HTTP ${status}: ${f.bodyText.trim() || 'no body'}`);
  const submit = op === 'submit';
  const base = { detail, httpStatus: status };
  if (status === 401) {
    return new ProviderError({
      ...base,
      category: 'auth',
      message:
        'Replicate rejected the API token. Set a valid token with “GenQueue: Set API Key” (tokens start with r8_).',
    });
  }
  if (status === 402) {
    return new ProviderError({
      ...base,
      category: 'billing-policy',
      message:
        'Replicate says your account has insufficient credit. Add credit at replicate.com/account/billing, wait a few minutes, then retry.',
    });
  }
  if (status === 403) {
    return new ProviderError({
      ...base,
      category: 'auth',
      message: `Replicate refused access${submit ? ` to ${model}` : ''}. Check that your token may use this model.`,
    });
  }
  if (status === 404) {
    return new ProviderError({
      ...base,
      category: 'input',
      message: submit
        ? `Replicate does not know the model "${model}" (or your token cannot see it). Check the model id.`
        : 'Replicate no longer has this prediction. Run the job again if you still need it.',
    });
  }
  if (status === 422) {
    return new ProviderError({
      ...base,
      category: 'input',
      message: `Replicate rejected the input: ${invalidFields(f.body) || text || 'invalid input'}. Fix the input, then retry.`,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfterHeader(f.retryAfterHeader) ?? parseThrottleDetail(text);
    return new ProviderError({
      ...base,
      category: 'transient',
      message: 'Replicate is limiting how fast requests can be sent. GenQueue will wait and try again.',
      retryAfterMs,
    });
  }
  if (status >= 500) {
    // A 500/502/504 may come after the prediction was created; 503 means it was turned away.
    const ambiguous = submit && status !== 503;
    return new ProviderError({
      ...base,
      category: 'transient',
      message: ambiguous
        ? `Replicate had a server error (${status}) while submitting; the prediction may or may not have been created. GenQueue will check before sending it again.`
        : `Replicate had a server error (${status}). GenQueue will try again.`,
      retryAfterMs: parseRetryAfterHeader(f.retryAfterHeader),
      outcomeUnknown: ambiguous,
    });
  }
  return new ProviderError({
    ...base,
    category: 'input',
    message: `Replicate refused the request (${status}): ${text || 'no reason given'}.`,
  });
}

function detailText(body: unknown): string {
  if (!isRecord(body)) return '';
  return (str(body.detail) ?? str(body.title) ?? '').trim();
}

/** "prompt is required" from invalid_fields, else the detail's "- input: …" lines, cleaned. */
function invalidFields(body: unknown): string {
  if (!isRecord(body)) return '';
  if (Array.isArray(body.invalid_fields) && body.invalid_fields.length) {
    return body.invalid_fields
      .map((f) => (isRecord(f) ? [str(f.field), str(f.description)].filter(Boolean).join(': ') : String(f)))
      .join('; ');
  }
  const d = str(body.detail);
  if (!d) return '';
  return d
    .split('\n')
    .map((l) => l.replace(/^\s*-\s*/, '').trim())
    .filter(Boolean)
    .join('; ');
}
