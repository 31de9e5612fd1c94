// Job builders for the host tests.
import type { Job, JobState } from '../../../src/core/jobTypes';

let counter = 0;

export function makeJob(over: Partial<Job> = {}): Job {
  counter++;
  const createdAt = over.createdAt ?? 1_700_000_000_000 + counter * 1000;
  const state: JobState = over.state ?? 'running';
  return {
    id: over.id ?? `job-${counter}`,
    provider: 'fal',
    model: 'fal-ai/flux/schnell',
    modality: 'image',
    input: { prompt: 'a red fox in the snow' },
    state,
    stateAt: { waiting: createdAt, submitting: createdAt + 10, [state]: createdAt + 20 },
    createdAt,
    updatedAt: createdAt + 20,
    logs: [],
    takes: [],
    cost: {},
    attempts: 0,
    ...over,
  };
}
