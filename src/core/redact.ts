// Keys must never reach logs, error messages, storage or the webview. The job registry masks a
// job's error and logs before storing them; every string leaving the host goes through `redact`
// again with the keys currently known. Pure (no vscode), so core and host share it.

import type { Job } from './jobTypes';

const MIN_SECRET_LENGTH = 6;
const MASK = '‹redacted›';

/** Key-shaped tokens we mask even when the exact key is not known (e.g. from a provider's echo). */
const KEY_PATTERNS: readonly RegExp[] = [
  // Replicate tokens: r8_ followed by a long token.
  /\br8_[A-Za-z0-9_-]{10,}/g,
  // Authorization header values: "Bearer xxx", "Token xxx", "Key xxx".
  /\b(Bearer|Token|Key)\s+[A-Za-z0-9._:~+/=-]{12,}/gi,
  // fal keys: "<uuid>:<hex>".
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9a-f]{16,}\b/gi,
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replace every occurrence of each known secret (and anything that looks like a provider key)
 * with a mask. Very short "secrets" are ignored: masking them would garble ordinary text and a
 * key that short is not a real key.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  const known = secrets
    .filter((s): s is string => typeof s === 'string' && s.trim().length >= MIN_SECRET_LENGTH)
    .map((s) => s.trim())
    // Longest first, so a key containing another key is masked whole.
    .sort((a, b) => b.length - a.length);
  for (const s of known) {
    out = out.replace(new RegExp(escapeRegExp(s), 'g'), MASK);
    // A fal key "id:secret": the secret half alone is also sensitive.
    const colon = s.indexOf(':');
    if (colon > 0) {
      const tail = s.slice(colon + 1);
      if (tail.length >= MIN_SECRET_LENGTH) out = out.replace(new RegExp(escapeRegExp(tail), 'g'), MASK);
    }
    const encoded = encodeURIComponent(s);
    if (encoded !== s) out = out.replace(new RegExp(escapeRegExp(encoded), 'g'), MASK);
  }
  for (const re of KEY_PATTERNS) {
    out = out.replace(re, (m, scheme?: string) =>
      typeof scheme === 'string' && m.startsWith(scheme) ? `${scheme} ${MASK}` : MASK,
    );
  }
  return out;
}

/** Redact every string inside a JSON-like value (for error details shown to the user). */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, secrets);
    return out as T;
  }
  return value;
}

/** The job with its error text and log lines masked: what the registry stores. */
export function redactJobText(job: Job, secrets: readonly (string | undefined)[]): Job {
  const out: Job = { ...job, logs: job.logs.map((line) => redact(line, secrets)) };
  if (job.error) {
    out.error = { ...job.error, message: redact(job.error.message, secrets) };
    if (job.error.detail !== undefined) out.error.detail = redact(job.error.detail, secrets);
  }
  return out;
}
