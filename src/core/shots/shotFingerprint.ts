// A short, stable hash of what a take is made from. Key order never matters: the same inputs
// written in another order give the same fingerprint.
import { createHash } from 'node:crypto';
import type { ProviderId } from '../jobTypes';

const FINGERPRINT_CHARS = 16;

export function shotFingerprint(parts: {
  provider: ProviderId;
  model: string;
  input: Record<string, unknown>;
  /** Each reference as written, or (once the host read it) with the content hash of its file. */
  refs?: Record<string, unknown>;
}): string {
  const canonical = canonicalJson({
    provider: parts.provider,
    model: parts.model,
    input: parts.input,
    refs: parts.refs ?? {},
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, FINGERPRINT_CHARS);
}

/** JSON with every object's keys sorted (undefined values dropped, as JSON.stringify does). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
