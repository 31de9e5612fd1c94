// Classify a job that ran and failed at the provider, from the provider's own error text.
// The category decides the colour and the advice; job-level failures are never retried
// automatically (a re-run is a new paid job), so the user decides.
import type { ErrorCategory, JobError } from '../../core/jobTypes';
import { clip } from './values';

const CONTENT_POLICY =
  /nsfw|safety|content[ _-]?polic|content[ _-]?checker|flagged|sensitive|moderat|not allowed content/i;
const TRANSIENT =
  /out of memory|cuda|oom\b|timed? ?out|timeout|internal|unavailable|try again|interrupted|runner|connection|overloaded|capacity|no (?:gpu|worker)|server error|disconnected|scheduling/i;
const INPUT =
  /invalid|must be|required|too (?:long|large|short|many|big|small)|not supported|unsupported|expected|validation|out of range|exceed|malformed|cannot (?:decode|read|parse)|unprocessable|missing/i;

export function classifyJobFailure(providerName: string, text: string | undefined, errorType?: string): JobError {
  const detail = clip([errorType, text].filter(Boolean).join(': ') || 'no error text');
  const t = `${errorType ?? ''} ${text ?? ''}`;
  let category: ErrorCategory;
  let message: string;
  if (CONTENT_POLICY.test(t)) {
    category = 'billing-policy';
    message = `${providerName} blocked this job under its content policy. Change the prompt or input, then retry.`;
  } else if (TRANSIENT.test(t)) {
    category = 'transient';
    message = `${providerName} failed while running this job (a problem on their side). Retry it; if it keeps failing, try later.`;
  } else if (INPUT.test(t)) {
    category = 'input';
    message = `${providerName} could not run this job with this input: ${firstLine(text ?? errorType ?? '')}. Fix the input, then retry.`;
  } else {
    // Unknown model errors: not the user's fault as far as we can tell; a retry is a fair first move.
    category = 'transient';
    message = `${providerName} reported that the job failed: ${firstLine(text ?? errorType ?? 'no reason given')}. Retry it, or check the input.`;
  }
  return { category, message, detail, retryable: false };
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/).find((l) => l.trim().length > 0) ?? s;
  return clip(line.trim().replace(/[.\s]+$/, ''), 200);
}
