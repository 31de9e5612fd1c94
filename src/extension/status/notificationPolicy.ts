// Which notifications to show for engine changes, per `genqueue.notifications`:
// - each: one per finished job (success with Insert/Reveal/Open; failure as an error message), except
//   shot-list batch jobs: one summary per batch once none of its jobs is running or waiting to be sent
//   (held jobs wait for the user, so a blocked batch reports what it got so far);
// - whenAllFinish: one summary when the active count reaches zero ("3 generations finished, 1 failed");
// - never: nothing (the status bar and panel still show everything).
// Only transitions seen in this session count: jobs loaded already finished never notify, and a
// job the user canceled does not notify.
import { isTerminal, type Job, type JobState } from '../../core/jobTypes';
import { plainT, type Translate } from '../shared/text';
import { needsAttention } from './jobProgress';

export type NotificationMode = 'each' | 'whenAllFinish' | 'never';

export type Notice =
  | { kind: 'succeeded'; job: Job }
  | { kind: 'failed'; job: Job }
  | { kind: 'attention'; job: Job }
  | { kind: 'summary'; succeeded: number; failed: number; failedJobs: Job[] };

export class NotificationPolicy {
  private readonly lastState = new Map<string, JobState>();
  private readonly lastAttention = new Set<string>();
  private pending = { succeeded: 0, failed: [] as Job[] };
  private readonly batches = new Map<string, { succeeded: number; failed: Job[] }>();

  constructor(private readonly mode: () => NotificationMode) {}

  /** Feed every engine change (the full job list); returns what to show now. */
  update(jobs: readonly Job[]): Notice[] {
    const notices: Notice[] = [];
    const finishedNow: Job[] = [];
    for (const job of jobs) {
      const before = this.lastState.get(job.id);
      this.lastState.set(job.id, job.state);
      const attention = needsAttention(job);
      if (attention && !this.lastAttention.has(job.id) && before !== undefined) {
        notices.push({ kind: 'attention', job });
      }
      if (attention) this.lastAttention.add(job.id);
      else this.lastAttention.delete(job.id);
      if (before === undefined || isTerminal(before) || !isTerminal(job.state)) continue;
      if (job.state === 'canceled') continue;
      finishedNow.push(job);
    }
    const mode = this.mode();
    if (mode === 'never') return [];
    if (mode === 'each') {
      for (const job of finishedNow) {
        if (job.priority === 'batch' && job.batchId) this.collect(job.batchId, job);
        else notices.push({ kind: job.state === 'succeeded' ? 'succeeded' : 'failed', job });
      }
      return [...notices, ...this.finishedBatches(jobs)];
    }
    for (const job of finishedNow) {
      if (job.state === 'succeeded') this.pending.succeeded++;
      else this.pending.failed.push(job);
    }
    const activeLeft = jobs.some((j) => !isTerminal(j.state) && !needsAttention(j));
    const total = this.pending.succeeded + this.pending.failed.length;
    if (!activeLeft && total > 0) {
      notices.push({
        kind: 'summary',
        succeeded: this.pending.succeeded,
        failed: this.pending.failed.length,
        failedJobs: this.pending.failed,
      });
      this.pending = { succeeded: 0, failed: [] };
    }
    return notices;
  }

  private collect(batchId: string, job: Job): void {
    const p = this.batches.get(batchId) ?? { succeeded: 0, failed: [] };
    if (job.state === 'succeeded') p.succeeded++;
    else p.failed.push(job);
    this.batches.set(batchId, p);
  }

  private finishedBatches(jobs: readonly Job[]): Notice[] {
    const notices: Notice[] = [];
    for (const [batchId, p] of this.batches) {
      const mine = jobs.filter((j) => j.batchId === batchId);
      const going = mine.some((j) => !isTerminal(j.state) && !j.held && !needsAttention(j));
      if (going || chainContinues(mine)) continue;
      notices.push({ kind: 'summary', succeeded: p.succeeded, failed: p.failed.length, failedJobs: p.failed });
      this.batches.delete(batchId);
    }
    return notices;
  }
}

/**
 * Shots of the batch's dependency plan (`shot.chain`) are sent when what they depend on is done: while some
 * are not sent yet and nothing of the batch failed (which would leave them unsent), the batch goes on.
 */
function chainContinues(batch: readonly Job[]): boolean {
  const planned = new Set(batch.flatMap((j) => j.shot?.chain ?? []));
  if (planned.size === 0 || batch.some((j) => j.state === 'failed' || j.state === 'canceled')) return false;
  for (const j of batch) if (j.shot) planned.delete(j.shot.shotId);
  return planned.size > 0;
}

/** "3 generations finished, 1 failed" (the count finished includes the failures). */
export function summaryText(n: { succeeded: number; failed: number }, t: Translate = plainT): string {
  const total = n.succeeded + n.failed;
  const head = total === 1 ? t('1 generation finished') : t('{0} generations finished', total);
  return n.failed > 0 ? `${head}, ${t('{0} failed', n.failed)}` : head;
}
