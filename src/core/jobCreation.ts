// New jobs from specs: checked (provider set up, valid spec) and priced before any is added, so a
// bad spec in a batch adds none of it.
import type { Clock } from './clock';
import type { Costing, JobEngineOptions } from './engineOptions';
import { createJob, newJobId } from './jobFactory';
import type { Job, JobSpec } from './jobTypes';
import { referenceAudioSec } from './references/referenceTypes';

export interface CreationDeps {
  opts: JobEngineOptions;
  clock: Clock;
  random: () => number;
  costing: Costing;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export function createJobs(deps: CreationDeps, specs: readonly JobSpec[]): Job[] {
  const now = deps.clock.now();
  // Ids share the time prefix; sorted, they list (and so schedule) the jobs in the order given.
  const ids = specs.map(() => newJobId(now, deps.random)).sort();
  return specs.map((spec, i) => {
    const adapter = deps.opts.providers[spec.provider];
    if (!adapter) {
      throw new Error(`The provider "${spec.provider}" is not set up. Choose another provider or add its key.`);
    }
    const job = createJob(spec, ids[i] as string, now);
    try {
      const estimate =
        adapter.estimate?.(job.model, job.input) ??
        deps.costing.estimate(job.provider, job.model, job.input, referenceAudioSec(job.refs));
      if (estimate) job.cost = { estimate };
    } catch (err) {
      deps.log('warn', `job ${job.id}: could not estimate the cost: ${String(err)}`);
    }
    return job;
  });
}
