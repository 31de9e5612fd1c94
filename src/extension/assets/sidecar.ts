// The provenance sidecar written next to every imported take (`<file>.genq.json`): enough to
// know exactly how a file was made and to run it again ("Re-run from this file").
import type { CostFigure, Job, JobShot, JobState, Modality, ProviderId } from '../../core/jobTypes';
import { MODALITIES, PROVIDER_IDS } from '../../core/jobTypes';

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
  return sidecar;
}

export type RerunSpec = { provider: ProviderId; model: string; modality: Modality; input: Record<string, unknown> };

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
  return {
    ok: true,
    spec: {
      provider: d.provider as ProviderId,
      model: d.model,
      modality: d.modality as Modality,
      input: { ...(d.input as Record<string, unknown>) },
    },
  };
}
