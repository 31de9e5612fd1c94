// Creating jobs from specs: short, sortable, collision-resistant ids and the initial fields.
import { type Job, type JobSpec, MODALITIES, PROVIDER_IDS } from './jobTypes';

/** Ids like "mi8k2x4f-7qz3ab": base-36 time plus randomness (short: they are persisted often). */
export function newJobId(now: number, random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += Math.floor(random() * 36).toString(36);
  return `${now.toString(36)}-${tail}`;
}

export function createJob(spec: JobSpec, id: string, now: number): Job {
  if (!PROVIDER_IDS.includes(spec.provider)) {
    throw new Error(`Unknown provider "${String(spec.provider)}". Use one of: ${PROVIDER_IDS.join(', ')}.`);
  }
  if (!MODALITIES.includes(spec.modality)) {
    throw new Error(`Unknown modality "${String(spec.modality)}". Use one of: ${MODALITIES.join(', ')}.`);
  }
  if (!spec.model?.trim()) throw new Error('A job needs a model id (for example "fal-ai/flux/schnell").');
  if (typeof spec.input !== 'object' || spec.input === null || Array.isArray(spec.input)) {
    throw new Error('A job input must be an object of model parameters.');
  }
  const job: Job = {
    id,
    provider: spec.provider,
    model: spec.model.trim(),
    modality: spec.modality,
    input: structuredClone(spec.input),
    state: 'waiting',
    stateAt: { waiting: now },
    createdAt: now,
    updatedAt: now,
    logs: [],
    takes: [],
    cost: {},
    attempts: 0,
  };
  if (spec.batchId !== undefined) job.batchId = spec.batchId;
  if (spec.retriedFrom !== undefined) job.retriedFrom = spec.retriedFrom;
  if (spec.priority !== undefined) job.priority = spec.priority;
  if (spec.shot !== undefined) job.shot = { ...spec.shot };
  if (spec.destination !== undefined) job.destination = structuredClone(spec.destination);
  if (spec.pollWindowMs !== undefined) job.pollWindowMs = spec.pollWindowMs;
  if (spec.refs !== undefined) job.refs = structuredClone(spec.refs);
  return job;
}

/** The spec that recreates a job (retry), with some input fields replaced. */
export function specOf(job: Job, edits?: Record<string, unknown>): JobSpec {
  const spec: JobSpec = {
    provider: job.provider,
    model: job.model,
    modality: job.modality,
    input: { ...structuredClone(job.input), ...(edits ?? {}) },
    retriedFrom: job.id,
  };
  // A retry of a batch job stays in its batch, on the same shot, at the same priority.
  if (job.batchId !== undefined) spec.batchId = job.batchId;
  if (job.priority !== undefined) spec.priority = job.priority;
  if (job.shot !== undefined) spec.shot = { ...job.shot };
  if (job.destination !== undefined) spec.destination = structuredClone(job.destination);
  if (job.pollWindowMs !== undefined) spec.pollWindowMs = job.pollWindowMs;
  if (job.refs !== undefined) spec.refs = structuredClone(job.refs);
  return spec;
}
