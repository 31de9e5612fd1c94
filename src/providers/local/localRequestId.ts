// Offline request ids carry the job itself (model, input, start time), so a provider created after
// an extension-host restart can still answer for a job it never saw: the files are deterministic,
// so it simply makes them again. Inputs too large to carry get a plain id, which a restart loses.
import type { Modality } from '../../core/jobTypes';

export interface LocalJobSpec {
  model: string;
  modality: Modality;
  input: Record<string, unknown>;
  /** Clock time of submit, ms. */
  submittedAt: number;
}

const PREFIX = 'local-';
/** Longest id worth persisting on a job; beyond this the id is plain. */
export const MAX_ENCODED_ID_CHARS = 8_000;
const MODALITIES: readonly Modality[] = ['image', 'video', 'audio', 'speech'];

export function encodeLocalRequestId(spec: LocalJobSpec, uniqueSuffix: string): string {
  const plain = `${PREFIX}${spec.modality}-plain.${uniqueSuffix}`;
  let body: string;
  try {
    body = JSON.stringify({ v: 1, m: spec.model, d: spec.modality, i: spec.input, t: spec.submittedAt });
  } catch {
    return plain; // not serialisable (e.g. a BigInt): the job still runs, it just cannot survive a restart
  }
  const encoded = `${PREFIX}${spec.modality}-${Buffer.from(body, 'utf8').toString('base64url')}.${uniqueSuffix}`;
  return encoded.length <= MAX_ENCODED_ID_CHARS ? encoded : plain;
}

export function decodeLocalRequestId(requestId: string): LocalJobSpec | undefined {
  const m = /^local-(image|video|audio|speech)-([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+$/.exec(requestId);
  if (!m || m[2] === 'plain') return undefined;
  try {
    const body: unknown = JSON.parse(Buffer.from(m[2] as string, 'base64url').toString('utf8'));
    if (typeof body !== 'object' || body === null) return undefined;
    const b = body as Record<string, unknown>;
    const modality = b.d as Modality;
    if (b.v !== 1 || typeof b.m !== 'string' || !MODALITIES.includes(modality) || modality !== m[1]) return undefined;
    if (typeof b.i !== 'object' || b.i === null || Array.isArray(b.i) || typeof b.t !== 'number') return undefined;
    return { model: b.m, modality, input: b.i as Record<string, unknown>, submittedAt: b.t };
  } catch {
    return undefined;
  }
}
