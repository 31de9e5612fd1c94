// The user's past run times and, cached per model, the window where its runs usually finish (read by submit and poll).

import { DurationHistory } from './durationEstimates';
import { expectedDuration } from './expectedDuration';
import type { Job } from './jobTypes';
import { type FinishWindow, finishWindow } from './pollPlan';

export class RunDurations {
  history: DurationHistory;
  private readonly windows = new Map<string, FinishWindow | undefined>();

  constructor(initial: DurationHistory | undefined) {
    this.history = initial ?? new DurationHistory();
  }

  replace(d: DurationHistory): void {
    this.history = d;
    this.windows.clear();
  }

  /** The user's history, else the catalog's typical time. */
  expectedMs(job: Job): number | undefined {
    return expectedDuration(this.history, job.provider, job.model)?.ms;
  }

  record(model: string, ms: number): void {
    this.history.record(model, ms);
    this.windows.delete(model);
  }

  /**
   * Where a model's runs usually finish: its past runs, else the catalog's typical time (cached;
   * past runs change only when one is recorded).
   */
  finishWindowOf(job: Job): FinishWindow | undefined {
    if (this.windows.has(job.model)) return this.windows.get(job.model);
    const estimate = this.expectedMs(job);
    const w = estimate === undefined ? undefined : finishWindow(estimate, this.history.toJSON()[job.model]);
    this.windows.set(job.model, w);
    return w;
  }
}
