// The engine's batch commands (pause, resume, cancel, summary) and the two places batches are
// held on their own: a blocking failure, and the host's admit rule (e.g. the budget cap).
import type { EngineOptions } from '../engineApi';
import type { JobRegistry } from '../jobRegistry';
import { isTerminal, type Job } from '../jobTypes';
import { blockingHold } from './batchBlocking';
import { type BatchHold, holdPatch, holdWaiting, isBatchJob, PAUSED, releaseHolds } from './batchHolds';
import { type BatchSummary, summarizeBatch } from './batchSummary';

export interface BatchControlDeps {
  registry: JobRegistry;
  admit: EngineOptions['admit'];
  /** The engine's cancel of one job, without saving (true when something changed). */
  cancelOne(id: string): boolean;
  schedule(): void;
  flush(): Promise<void>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export class BatchControl {
  constructor(private readonly deps: BatchControlDeps) {}

  pause(batchId: string): void {
    const n = holdWaiting(this.deps.registry, batchId, PAUSED);
    this.deps.log('info', `batch ${batchId}: paused (${n} waiting job(s) held)`);
  }

  resume(batchId: string): void {
    const n = releaseHolds(this.deps.registry, batchId);
    this.deps.log('info', `batch ${batchId}: resumed (${n} job(s) released)`);
    if (n) this.deps.schedule();
  }

  async cancel(batchId: string): Promise<void> {
    // Waiting jobs first: none of them may take a slot that a cancelled job frees meanwhile.
    const jobs = this.deps.registry.byBatch(batchId).filter((j) => !isTerminal(j.state));
    jobs.sort((a, b) => Number(b.state === 'waiting') - Number(a.state === 'waiting'));
    let changed = false;
    for (const job of jobs) changed = this.deps.cancelOne(job.id) || changed;
    if (!changed) return;
    this.deps.schedule();
    await this.deps.flush();
  }

  summary(batchId: string): BatchSummary | undefined {
    return summarizeBatch(batchId, this.deps.registry.list());
  }

  /** A batch job failed: hold the rest of its batch when the failure blocks it. */
  onFailed(job: Job): void {
    if (!isBatchJob(job)) return;
    const hold = blockingHold(job, this.deps.registry.byBatch(job.batchId));
    if (!hold) return;
    const n = holdWaiting(this.deps.registry, job.batchId, hold);
    this.deps.log('warn', `batch ${job.batchId}: ${n} waiting job(s) held (${hold.reason}) after job ${job.id} failed`);
  }

  /**
   * Right before a batch job's create is sent: the host's rule may hold it (and so its batch).
   * True when the job may go. A rule that throws holds the batch: sending could overspend.
   */
  admits(job: Job): boolean {
    const admit = this.deps.admit;
    if (!admit || !isBatchJob(job) || job.state !== 'waiting') return true;
    let hold: BatchHold | undefined;
    try {
      hold = admit(job, this.deps.registry.list());
    } catch (err) {
      hold = { reason: 'budget', message: `Could not check this list's budget (${String(err)}); resume to try again.` };
    }
    if (!hold) return true;
    this.deps.registry.update(job.id, holdPatch(hold));
    holdWaiting(this.deps.registry, job.batchId, hold);
    this.deps.log('info', `batch ${job.batchId}: held (${hold.reason}) before sending job ${job.id}`);
    return false;
  }
}
