// The engine's batch commands (pause, resume, cancel, summary) and the two places batches are
// held on their own: a blocking failure, and the host's admit rule (e.g. the budget cap).
import type { EngineOptions } from '../engineApi';
import type { JobRegistry } from '../jobRegistry';
import { isTerminal, type Job } from '../jobTypes';
import { blockingHold } from './batchBlocking';
import { type BatchHold, type Drives, holdPatch, holdWaiting, isBatchJob, PAUSED, releaseHolds } from './batchHolds';
import { type BatchSummary, type SummaryJob, summarizeBatch, summaryFields } from './batchSummary';

export interface BatchControlDeps {
  registry: JobRegistry;
  /** `admit` (the host's rule) and `shouldDrive` (batch commands change only the jobs driven here). */
  opts: EngineOptions;
  /** The engine's cancel of one job, without saving (true when something changed). */
  cancelOne(id: string): boolean;
  schedule(): void;
  flush(): Promise<void>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export class BatchControl {
  private readonly drives: Drives;
  /** Jobs of each batch that left the registry for history (finished-jobs cap, dismiss), this session. */
  private readonly retired = new Map<string, Map<string, SummaryJob>>();

  constructor(private readonly deps: BatchControlDeps) {
    this.drives = (job) => deps.opts.shouldDrive?.(job) ?? true;
  }

  pause(batchId: string): void {
    const n = holdWaiting(this.deps.registry, batchId, PAUSED, this.drives);
    this.deps.log('info', `batch ${batchId}: paused (${n} waiting job(s) held)`);
  }

  resume(batchId: string): void {
    const n = releaseHolds(this.deps.registry, batchId, this.drives);
    this.deps.log('info', `batch ${batchId}: resumed (${n} job(s) released)`);
    if (n) this.deps.schedule();
  }

  async cancel(batchId: string): Promise<void> {
    // All at once (no step runs in between), so no waiting job takes a slot a cancelled one frees.
    const jobs = this.deps.registry.byBatch(batchId).filter((j) => !isTerminal(j.state) && this.drives(j));
    let changed = false;
    for (const job of jobs) changed = this.deps.cancelOne(job.id) || changed;
    if (!changed) return;
    this.deps.schedule();
    await this.deps.flush();
  }

  summary(batchId: string): BatchSummary | undefined {
    const inRegistry = this.deps.registry.byBatch(batchId);
    const here = new Set(inRegistry.map((j) => j.id));
    const gone = [...(this.retired.get(batchId)?.values() ?? [])].filter((j) => !here.has(j.id));
    return summarizeBatch(batchId, [...inRegistry, ...gone]);
  }

  /** Finished batch jobs went to history: keep what the batch's summary needs of them. */
  onRemoved(jobs: readonly Job[]): void {
    for (const job of jobs) {
      if (job.batchId === undefined) continue;
      const batch = this.retired.get(job.batchId) ?? new Map<string, SummaryJob>();
      batch.set(job.id, summaryFields(job));
      this.retired.set(job.batchId, batch);
    }
  }

  /** A batch job failed: hold the rest of its batch when the failure blocks it. */
  onFailed(job: Job): void {
    if (!isBatchJob(job)) return;
    const hold = blockingHold(job, this.deps.registry.byBatch(job.batchId));
    if (!hold) return;
    const n = holdWaiting(this.deps.registry, job.batchId, hold, this.drives);
    this.deps.log('warn', `batch ${job.batchId}: ${n} waiting job(s) held (${hold.reason}) after job ${job.id} failed`);
  }

  /**
   * Right before a batch job's create is sent: the host's rule may hold it (and so its batch).
   * True when the job may go. A rule that throws holds the batch: sending could overspend.
   */
  admits(job: Job): boolean {
    const admit = this.deps.opts.admit;
    if (!admit || !isBatchJob(job) || job.state !== 'waiting') return true;
    let hold: BatchHold | undefined;
    try {
      hold = admit(job, this.deps.registry.list());
    } catch (err) {
      hold = { reason: 'budget', message: `Could not check this list's budget (${String(err)}); resume to try again.` };
    }
    if (!hold) return true;
    this.deps.registry.update(job.id, holdPatch(hold));
    holdWaiting(this.deps.registry, job.batchId, hold, this.drives);
    this.deps.log('info', `batch ${job.batchId}: held (${hold.reason}) before sending job ${job.id}`);
    return false;
  }
}
