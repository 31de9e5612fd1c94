// The error taxonomy: every failure the engine sees becomes a ProviderError with a category,
// a plain message (what happened, what to do), the provider's detail and a retry verdict.
import type { ErrorCategory, JobError } from './jobTypes';

export interface ProviderErrorInit {
  category: ErrorCategory;
  message: string;
  detail?: string;
  httpStatus?: number;
  /** Override the default (only transient errors retry). */
  retryable?: boolean;
  /** From Retry-After or Replicate's "available in N seconds" text. */
  retryAfterMs?: number;
  /** A submit that failed this way may or may not have created the remote job. */
  outcomeUnknown?: boolean;
}

export class ProviderError extends Error {
  readonly category: ErrorCategory;
  readonly detail?: string;
  readonly httpStatus?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly outcomeUnknown: boolean;

  constructor(init: ProviderErrorInit) {
    super(init.message);
    this.name = 'ProviderError';
    this.category = init.category;
    this.detail = init.detail;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable ?? init.category === 'transient';
    this.retryAfterMs = init.retryAfterMs;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  toJobError(): JobError {
    const e: JobError = { category: this.category, message: this.message, retryable: this.retryable };
    if (this.detail !== undefined) e.detail = this.detail;
    if (this.httpStatus !== undefined) e.httpStatus = this.httpStatus;
    return e;
  }
}

export function isProviderError(err: unknown): err is ProviderError {
  return err instanceof ProviderError;
}

/** Turn anything thrown into a JobError without losing its text. */
export function toJobError(err: unknown): JobError {
  if (isProviderError(err)) return err.toJobError();
  const text = err instanceof Error ? err.message : String(err);
  return {
    category: 'transient',
    message: 'Something unexpected went wrong. Retry; if it keeps happening, see the GenQueue log.',
    detail: text,
    retryable: false,
  };
}
