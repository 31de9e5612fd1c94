// The provenance sidecar written next to every imported take (`<file>.genq.json`): enough to
// know exactly how a file was made and to run it again ("Re-run from this file").
import type { CostFigure, Job, JobShot, JobState, Modality, ProviderId } from '../../core/jobTypes';
import { MODALITIES, PROVIDER_IDS } from '../../core/jobTypes';
import type { JobReference } from '../../core/references/referenceTypes';

export const SIDECAR_SUFFIX = '.genq.json';

export interface Sidecar {
  generator: { name: 'GenQueue'; version: string };
  jobId: string;
  provider: ProviderId;
  model: string;
  modality: Modality;
  version?: string;
  input: Record<string, unknown>;
  seed?: unknown;
  requestId?: string;
  take: { index: number; contentType: string; bytes: number; sourceName?: string };
  timings: Partial<Record<JobState, number>> & { createdAt: number };
  cost: { estimate?: CostFigure; actual?: CostFigure };
  retriedFrom?: string;
  batchId?: string;
  /** The shot of a shot list this take was made for, and the fingerprint of its inputs. */
  shot?: JobShot;
  /**
   * The files it read, by workspace path and content hash: never the upload URL, which expires
   * (a re-run uploads them again).
   */
  refs?: JobReference[];
}

export function buildSidecar(
  job: Job,
  take: { index: number; contentType: string; bytes: number; sourceName?: string },
  generatorVersion: string,
): Sidecar {
  const sidecar: Sidecar = {
    generator: { name: 'GenQueue', version: generatorVersion },
    jobId: job.id,
    provider: job.provider,
    model: job.model,
    modality: job.modality,
    input: job.input,
    take,
    timings: { createdAt: job.createdAt, ...job.stateAt },
    cost: job.cost,
  };
  if (job.version !== undefined) sidecar.version = job.version;
  // The seed the provider reports it used, else the one asked for.
  const seed = job.seed ?? job.input.seed;
  if (seed !== undefined) sidecar.seed = seed;
  if (job.requestId) sidecar.requestId = job.requestId;
  if (job.retriedFrom) sidecar.retriedFrom = job.retriedFrom;
  if (job.batchId) sidecar.batchId = job.batchId;
  if (job.shot) sidecar.shot = { list: job.shot.list, shotId: job.shot.shotId, fingerprint: job.shot.fingerprint };
  if (job.refs?.length) sidecar.refs = job.refs.map(recordedRef);
  return sidecar;
}

/** Only what identifies the file (a copy: nothing else on the job leaks into the sidecar). */
function recordedRef(r: JobReference): JobReference {
  const out: JobReference = {
    field: r.field,
    path: r.path,
    sha256: r.sha256,
    bytes: r.bytes,
    contentType: r.contentType,
  };
  if (r.index !== undefined) out.index = r.index;
  if (r.fromShot !== undefined) out.fromShot = r.fromShot;
  return out;
}

export type RerunSpec = {
  provider: ProviderId;
  model: string;
  modality: Modality;
  input: Record<string, unknown>;
  refs?: JobReference[];
};

/** Read a sidecar for "Re-run from this file"; a clear message for anything unusable. */
export function parseSidecarForRerun(text: string): { ok: true; spec: RerunSpec } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The sidecar file is not valid JSON.' };
  }
  if (!data || typeof data !== 'object') return { ok: false, reason: 'The sidecar file is not a GenQueue sidecar.' };
  const d = data as Record<string, unknown>;
  if (!PROVIDER_IDS.includes(d.provider as ProviderId)) {
    return { ok: false, reason: `The sidecar names an unknown provider (${String(d.provider)}).` };
  }
  if (typeof d.model !== 'string' || !d.model.trim()) return { ok: false, reason: 'The sidecar has no model id.' };
  if (!MODALITIES.includes(d.modality as Modality)) {
    return { ok: false, reason: `The sidecar names an unknown modality (${String(d.modality)}).` };
  }
  if (!d.input || typeof d.input !== 'object' || Array.isArray(d.input)) {
    return { ok: false, reason: 'The sidecar has no input to re-run.' };
  }
  const refs = parseRefs(d.refs);
  if (typeof refs === 'string') return { ok: false, reason: refs };
  const spec: RerunSpec = {
    provider: d.provider as ProviderId,
    model: d.model,
    modality: d.modality as Modality,
    input: { ...(d.input as Record<string, unknown>) },
  };
  if (refs.length) spec.refs = refs;
  return { ok: true, spec };
}

/** The sidecar's references, or the reason they cannot be used. */
function parseRefs(raw: unknown): JobReference[] | string {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return 'The sidecar\'s "refs" is not a list.';
  const out: JobReference[] = [];
  for (const r of raw) {
    const e = r as Partial<JobReference> | null;
    const ok =
      typeof e?.field === 'string' &&
      e.field !== '' &&
      typeof e.path === 'string' &&
      e.path !== '' &&
      typeof e.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(e.sha256) &&
      typeof e.bytes === 'number' &&
      typeof e.contentType === 'string' &&
      (e.index === undefined || (Number.isInteger(e.index) && e.index >= 0));
    if (!ok) return `The sidecar has a reference GenQueue cannot read (${JSON.stringify(r)?.slice(0, 120)}).`;
    out.push(recordedRef(e as JobReference));
  }
  return out;
}
