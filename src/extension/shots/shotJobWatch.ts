// Which shots a job event touched. Engine events name only state changes; progress and queue
// position updates replace a job without naming it. A job is replaced, never mutated, on every
// update, so a job object not seen before is a change of its shot's row.
import type { Job } from '../../core/jobTypes';

export class ShotJobWatch {
  private seen = new Map<string, Job>();

  /**
   * List path → shot ids whose job was added, updated or removed since the last call, and those
   * among them whose job just succeeded (its takes are on disk now).
   */
  changes(jobs: readonly Job[]): Map<string, { shots: Set<string>; landed: Set<string> }> {
    const out = new Map<string, { shots: Set<string>; landed: Set<string> }>();
    const add = (job: Job) => {
      if (!job.shot) return;
      const entry = out.get(job.shot.list) ?? { shots: new Set<string>(), landed: new Set<string>() };
      entry.shots.add(job.shot.shotId);
      if (job.state === 'succeeded' && this.seen.get(job.id)?.state !== 'succeeded') entry.landed.add(job.shot.shotId);
      out.set(job.shot.list, entry);
    };
    const next = new Map<string, Job>();
    for (const job of jobs) {
      if (!job.shot) continue;
      next.set(job.id, job);
      if (this.seen.get(job.id) !== job) add(job);
    }
    for (const [id, job] of this.seen) if (!next.has(id)) add(job);
    this.seen = next;
    return out;
  }
}

/** The newest job of each shot of a list, by shot id (`jobs` newest first). */
export function newestJobPerShot(jobs: readonly Job[], listPath: string): Map<string, Job> {
  const out = new Map<string, Job>();
  for (const job of jobs) {
    if (job.shot?.list === listPath && !out.has(job.shot.shotId)) out.set(job.shot.shotId, job);
  }
  return out;
}
