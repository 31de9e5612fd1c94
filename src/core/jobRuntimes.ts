// The engine's per-job runtime state (not persisted), created on first use and released with its temp files.

import type { Clock } from './clock';
import { type JobRuntime, newRuntime } from './jobRuntime';
import { releaseHeld } from './takeSpool';

export class JobRuntimes {
  private readonly runtime = new Map<string, JobRuntime>();

  constructor(private readonly clock: Clock) {}

  get(id: string): JobRuntime | undefined {
    return this.runtime.get(id);
  }

  /** The job's runtime, created now if it has none. */
  of(id: string): JobRuntime {
    let rt = this.runtime.get(id);
    if (!rt) {
      rt = newRuntime(this.clock.now());
      this.runtime.set(id, rt);
    }
    return rt;
  }

  /** Forget a job's runtime, removing any temp files it still holds (e.g. it failed mid-import). */
  drop(id: string): void {
    const rt = this.runtime.get(id);
    if (rt) releaseHeld(rt.data);
    this.runtime.delete(id);
  }

  /** This engine drives the job: a request is in flight, or shouldDrive last said yes. */
  drivesHere(id: string): boolean {
    const rt = this.runtime.get(id);
    return rt !== undefined && (rt.controller !== undefined || rt.driving);
  }

  values(): IterableIterator<JobRuntime> {
    return this.runtime.values();
  }
}
