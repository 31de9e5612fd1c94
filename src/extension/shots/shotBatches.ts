// The batch a shot list's overlay shows: the latest one started for the list, until the user
// closes it. Batch ids are remembered per list in memory; after a reload the list's newest batch
// is found again from the registry's jobs (their batch id and shot): shown when it was still running
// then (and, like any batch, until the user closes it), not brought back when it had already ended.
import type { BatchSummary } from '../../core/batches/batchSummary';
import type { Job } from '../../core/jobTypes';
import type { BatchView, CostLabel } from '../queue/queueProtocol';
import { costLabel, nothingSpent, sumSource } from './shotCostLabels';
import type { ShotJobService } from './shotRunnerDeps';

const DEFAULT_HOLD_MESSAGE: Record<NonNullable<BatchView['blocked']>['reason'], string> = {
  auth: 'The API key is missing or was rejected. Set a key to go on.',
  billing: 'The provider refused for billing (balance). Top up, then resume.',
  policy: 'Several shots failed the content policy. Edit those shots, then resume.',
  budget: "Sending more would pass this list's budget. Raise the budget or cancel the batch.",
};

export class ShotBatches {
  /** List path → its latest batch id, and whether this session started it. */
  private readonly latest = new Map<string, { batchId: string; recovered: boolean; endedWhenFound?: boolean }>();
  private readonly closed = new Set<string>();

  started(listPath: string, batchId: string): void {
    this.latest.set(listPath, { batchId, recovered: false });
  }

  /** The list's latest batch id (found from the jobs after a reload). */
  batchIdFor(listPath: string, jobs: readonly Job[]): string | undefined {
    const known = this.latest.get(listPath);
    if (known) return known.batchId;
    // Jobs are newest first: the first of this list with a batch id belongs to its latest batch.
    const batchId = jobs.find((j) => j.shot?.list === listPath && j.batchId)?.batchId;
    if (batchId) this.latest.set(listPath, { batchId, recovered: true });
    return batchId;
  }

  view(listPath: string, service: ShotJobService): BatchView | undefined {
    const jobs = service.jobs();
    const batchId = this.batchIdFor(listPath, jobs);
    if (!batchId || this.closed.has(batchId)) return undefined;
    const summary = service.batchSummary(batchId);
    if (!summary) return undefined;
    // A batch found after a reload that had ended by then is not brought back; one still running
    // then stays after it ends, until closed, like a batch started in this session.
    const known = this.latest.get(listPath);
    if (known?.recovered && known.endedWhenFound === undefined) known.endedWhenFound = summary.finished;
    if (summary.finished && known?.endedWhenFound) return undefined;
    return batchView(
      summary,
      jobs.filter((j) => j.batchId === batchId),
    );
  }

  close(listPath: string): void {
    const known = this.latest.get(listPath);
    if (known) this.closed.add(known.batchId);
  }
}

export function batchView(s: BatchSummary, jobs: readonly Job[]): BatchView {
  const c = s.counts;
  const view: BatchView = {
    id: s.batchId,
    total: s.total,
    done: c.succeeded,
    running: c.submitting + c.queued + c.running + c.downloading + c.importing + c.cancelling + c.unknown,
    waiting: c.waiting,
    failed: c.failed,
    canceled: c.canceled,
    spent: spentLabel(s.spentUsd, jobs),
    estimate: costLabel(s.estimateUsd, sumSource(jobs.map((j) => j.cost.estimate?.source ?? 'unknown'))),
    paused: s.held === 'paused',
    finished: s.finished,
  };
  if (s.held && s.held !== 'paused') {
    view.blocked = { reason: s.held, message: s.heldMessage ?? DEFAULT_HOLD_MESSAGE[s.held] };
    if (s.heldProvider) view.blocked.provider = s.heldProvider;
  }
  return view;
}

/** Spent: actual costs where known, estimates of the rest that finished. */
function spentLabel(amount: number, jobs: readonly Job[]): CostLabel {
  const finished = jobs.filter((j) => j.state === 'succeeded' || j.cost.actual);
  if (finished.length === 0) return nothingSpent();
  return costLabel(amount, sumSource(finished.map((j) => (j.cost.actual ?? j.cost.estimate)?.source ?? 'unknown')));
}
