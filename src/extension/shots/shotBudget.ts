// A shot list's money: what was spent on it (actual where known) and its hard cap. The cap is the
// file's `budget:`, else the genqueue.shotListBudget setting. The admit rule runs right before a
// shot job would be sent and holds the batch when spent + in flight + this job would pass the cap.
// Spent counts every finished job of the list ever seen (registry and history), so jobs moving
// from the registry to history mid-batch are not forgotten.
import { budgetCapHold } from '../../core/batches/budgetCap';
import { type CostSource, isTerminal, type Job } from '../../core/jobTypes';
import { parseShotList } from '../../core/shots/parseShotList';
import type { CostLabel } from '../queue/queueProtocol';
import { costLabel, nothingSpent, sumSource } from './shotCostLabels';
import type { AdmitRule, ShotRunnerDeps } from './shotRunnerDeps';

interface Spend {
  amount: number | undefined;
  source: CostSource;
}

/** What a finished job cost: its actual cost, else (it succeeded) its estimate; a failure without one cost nothing known. */
function spendOf(job: Job): Spend | undefined {
  const figure = job.cost.actual ?? (job.state === 'succeeded' ? job.cost.estimate : undefined);
  return figure ? { amount: figure.amount, source: figure.source } : undefined;
}

export class ShotBudget {
  /** `budget:` of each list as last read from its text (undefined: none in the file). */
  private readonly caps = new Map<string, number | undefined>();
  /** List path → finished job id → what it cost. */
  private readonly spent = new Map<string, Map<string, Spend>>();
  private historyRead: Promise<void> | undefined;

  constructor(private readonly deps: Pick<ShotRunnerDeps, 'history' | 'listText' | 'settings' | 'log'>) {}

  /**
   * The cap in force for a list: its `budget:`, else the setting. Read from the list's text the first
   * time it is asked (after a reload the engine may resume a batch before anything opens the list).
   */
  capFor(listPath: string): number | undefined {
    if (!this.caps.has(listPath)) this.reread(listPath);
    return this.caps.get(listPath) ?? this.deps.settings().shotListBudget;
  }

  /** The file's `budget:` as the caller just parsed it. */
  setFileCap(listPath: string, budget: number | undefined): void {
    this.caps.set(listPath, budget);
  }

  /** Read the list's text again: the user may have changed `budget:`. */
  reread(listPath: string): void {
    const text = this.deps.listText(listPath);
    if (text === undefined) {
      this.deps.log('warn', `The budget of ${listPath} could not be read; the shotListBudget setting applies.`);
      this.caps.set(listPath, undefined);
    } else {
      this.setFileCap(listPath, parseShotList(text).list.budget);
    }
  }

  loadHistory(): Promise<void> {
    this.historyRead ??= this.deps.history.readJobs().then(
      (jobs) => this.note(jobs),
      (err: unknown) => this.deps.log('warn', `Reading history for shot-list spending failed: ${String(err)}`),
    );
    return this.historyRead;
  }

  /** Record the finished shot jobs among `jobs`. */
  note(jobs: readonly Job[]): void {
    for (const job of jobs) {
      if (!job.shot || !isTerminal(job.state)) continue;
      const spend = spendOf(job);
      if (!spend) continue;
      const ledger = this.spent.get(job.shot.list) ?? new Map<string, Spend>();
      this.spent.set(job.shot.list, ledger.set(job.id, spend));
    }
  }

  spentOn(listPath: string): CostLabel {
    const spends = [...(this.spent.get(listPath)?.values() ?? [])];
    const amount = spends.reduce((sum, s) => sum + (s.amount ?? 0), 0);
    return spends.length > 0 ? costLabel(amount, sumSource(spends.map((s) => s.source))) : nothingSpent();
  }

  readonly admit: AdmitRule = (job, registry) => {
    if (!job.shot) return undefined;
    const capUsd = this.capFor(job.shot.list);
    if (capUsd === undefined) return undefined;
    this.note(registry);
    return budgetCapHold({ capUsd, spentUsd: this.spentOn(job.shot.list).amount ?? 0, next: job, registry });
  };
}
