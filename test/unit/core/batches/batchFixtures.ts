// Batch specs for the batch tests: shot-list jobs at 'batch' priority, one shot each.
import type { JobSpec } from '../../../../src/core/jobTypes';
import { spec } from '../engineHarness';

export const LIST = 'shots/trailer.shots.yaml';

export function shotSpec(batchId: string, shotId: string, over: Partial<JobSpec> = {}): JobSpec {
  return spec({
    batchId,
    priority: 'batch',
    shot: { list: LIST, shotId, fingerprint: `fp-${shotId}` },
    input: { prompt: `shot ${shotId}` },
    ...over,
  });
}

export function shotSpecs(batchId: string, n: number, over: Partial<JobSpec> = {}): JobSpec[] {
  return Array.from({ length: n }, (_, i) => shotSpec(batchId, `s${String(i + 1).padStart(2, '0')}`, over));
}
