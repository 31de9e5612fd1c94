// The engine's steps: one provider request (or download/import) each, for one job at a time.
// Each step re-reads the job after every await (the user may have cancelled meanwhile) and
// records what it learnt; errors are classified (stepOutcomes.ts) into retry, unknown, stale or failed.

import type { DurationHistory } from './durationEstimates';
import { FetchStep } from './fetchStep';
import type { JobRuntime, StepKind } from './jobRuntime';
import { PollSteps } from './pollSteps';
import type { ProviderAdapter } from './providerPort';
import { RunDurations } from './runDurations';
import type { StepContext } from './stepContext';
import { StepOutcomes } from './stepOutcomes';
import { SubmitSteps } from './submitSteps';

export class JobSteps {
  private readonly runDurations: RunDurations;
  private readonly outcomes: StepOutcomes;
  private readonly submitSteps: SubmitSteps;
  private readonly pollSteps: PollSteps;
  private readonly fetchStep: FetchStep;

  constructor(ctx: StepContext) {
    this.runDurations = new RunDurations(ctx.opts.durations);
    this.outcomes = new StepOutcomes(ctx, this.runDurations);
    this.submitSteps = new SubmitSteps(ctx, this.runDurations, this.outcomes);
    this.pollSteps = new PollSteps(ctx, this.runDurations, this.outcomes);
    this.fetchStep = new FetchStep(ctx, this.outcomes);
  }

  /** Replaced on start() by the persisted history. */
  get durations(): DurationHistory {
    return this.runDurations.history;
  }

  setDurations(d: DurationHistory): void {
    this.runDurations.replace(d);
  }

  /** Run one step; never throws (errors end in retry, unknown, stale or failed). */
  async run(step: StepKind, id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    try {
      if (step === 'submit') await this.submitSteps.submit(id, adapter, rt, signal);
      else if (step === 'reconcile') await this.submitSteps.reconcile(id, adapter, rt, signal);
      else if (step === 'poll') await this.pollSteps.poll(id, adapter, rt, signal);
      else if (step === 'cancel') await this.pollSteps.cancel(id, adapter, rt, signal);
      else await this.fetchStep.fetch(id, adapter, rt, signal);
    } catch (err) {
      this.outcomes.onStepError(id, step, err, rt, signal);
    }
  }
}
