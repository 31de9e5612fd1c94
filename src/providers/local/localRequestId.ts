// Offline request ids. Current ids are short (`local-<modality>-<random>`): the engine hands the
// job's model, modality and input back on every call (ProviderJobRef), so a provider created
// after an extension-host restart can rebuild a job it never saw, and the files are deterministic,
// so it simply makes them again. Earlier versions carried the whole job in the id (base64url JSON,
// up to 8,000 characters, which bloated the persisted registry); those ids still decode, so jobs
// persisted by an earlier version survive the upgrade.
import type { Modality } from '../../core/jobTypes';

export interface LocalJobSpec {
  model: string;
  modality: Modality;
  input: Record<string, unknown>;
  /** Clock time of submit, ms (-Infinity when unknown: a rebuilt job finished long ago). */
  submittedAt: number;
}

const PREFIX = 'local-';
/** Longest id the earlier, self-describing format produced; beyond this it wrote a plain id. */
export const MAX_ENCODED_ID_CHARS = 8_000;
const MODALITIES: readonly Modality[] = ['image', 'video', 'audio', 'speech'];
const ANY_LOCAL_ID = /^local-(image|video|audio|speech)-[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?$/;

/** A new, short request id. `unique` is random base64url text. */
export function newLocalRequestId(modality: Modality, unique: string): string {
  return `${PREFIX}${modality}-${unique}`;
}

/** The modality an offline request id (either format) was made for; undefined for anything else. */
export function localRequestModality(requestId: string): Modality | undefined {
  const m = ANY_LOCAL_ID.exec(requestId);
  return m ? (m[1] as Modality) : undefined;
}

/**
 * The earlier self-describing id (kept so tests can build the ids old versions persisted; new
 * jobs use `newLocalRequestId`).
 */
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

/** The job carried by an earlier self-describing id; undefined for short, plain or foreign ids. */
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
