// A small JobEngineApi for host tests: jobs live in memory, are saved through the given store,
// and move only when the test says so (`setState`). It asks `shouldDrive` like the real engine
// does before working on a job (`tick`), so lease behaviour is observable.
import { NO_HOLD, PAUSED } from '../../src/core/batches/batchHolds';
import { type BatchSummary, summarizeBatch } from '../../src/core/batches/batchSummary';
import type { EngineOptions, JobChange, JobEngineApi } from '../../src/core/engineApi';
import { createJob, specOf } from '../../src/core/jobFactory';
import { isTerminal, type Job, type JobSpec, type JobState } from '../../src/core/jobTypes';

export class FakeJobEngine implements JobEngineApi {
  readonly jobs = new Map<string, Job>();
  readonly calls: string[] = [];
  /** Ids this engine would poll on its last tick. */
  driving = new Set<string>();
  private readonly listeners = new Set<(c: JobChange) => void>();
  private seq = 0;

  constructor(readonly opts: EngineOptions) {}

  private now(): number {
    return this.opts.clock?.now() ?? Date.now();
  }

  async start(): Promise<void> {
    this.calls.push('start');
    const reg = await this.opts.store.load();
    for (const j of reg?.jobs ?? []) this.jobs.set(j.id, j);
    this.tick();
  }

  /** Ask shouldDrive for every active job, as the real scheduler does on each pass. */
  tick(): void {
    this.driving = new Set(
      [...this.jobs.values()]
        .filter((j) => !isTerminal(j.state) && (this.opts.shouldDrive?.(j) ?? true))
        .map((j) => j.id),
    );
  }

  private save(changed: string[]): void {
    void this.opts.store.save({ v: 1, jobs: this.list() as Job[] });
    const change = { jobs: this.list(), changed };
    for (const l of this.listeners) l(change);
  }

  submit(spec: JobSpec): Job {
    const job = createJob(spec, `fake-${++this.seq}-${Math.random().toString(36).slice(2, 6)}`, this.now());
    this.jobs.set(job.id, job);
    this.calls.push(`submit:${job.model}`);
    this.save([job.id]);
    return job;
  }

  submitBatch(specs: readonly JobSpec[]): Job[] {
    const batchId = `batch-${++this.seq}`;
    return specs.map((s) => this.submit({ ...s, batchId: s.batchId ?? batchId }));
  }

  setState(id: string, state: JobState, patch: Partial<Job> = {}): Job {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`no job ${id}`);
    const now = this.now();
    const next: Job = { ...job, ...patch, state, updatedAt: now, stateAt: { ...job.stateAt, [state]: now } };
    this.jobs.set(id, next);
    this.save([id]);
    return next;
  }

  async cancel(id: string): Promise<void> {
    this.calls.push(`cancel:${id}`);
    this.setState(id, 'canceled');
  }

  retry(id: string, edits?: Record<string, unknown>): Job {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`no job ${id}`);
    this.calls.push(`retry:${id}`);
    return this.submit(specOf(job, edits));
  }

  retryAllFailed(): Job[] {
    return [...this.jobs.values()].filter((j) => j.state === 'failed').map((j) => this.retry(j.id));
  }

  /** As the engine: waiting jobs of the batch that hold nothing yet get held 'paused'. */
  pauseBatch(batchId: string): void {
    this.calls.push(`pauseBatch:${batchId}`);
    for (const j of this.batchJobs(batchId, 'waiting')) {
      if (!j.held) this.setState(j.id, 'waiting', { held: 'paused', heldMessage: PAUSED.message });
    }
  }

  resumeBatch(batchId: string): void {
    this.calls.push(`resumeBatch:${batchId}`);
    for (const j of this.batchJobs(batchId, 'waiting')) if (j.held) this.setState(j.id, 'waiting', { ...NO_HOLD });
  }

  async cancelBatch(batchId: string): Promise<void> {
    this.calls.push(`cancelBatch:${batchId}`);
    for (const j of this.batchJobs(batchId)) if (!isTerminal(j.state)) this.setState(j.id, 'canceled', { ...NO_HOLD });
  }

  batchSummary(batchId: string): BatchSummary | undefined {
    return summarizeBatch(batchId, this.list());
  }

  private batchJobs(batchId: string, state?: JobState): Job[] {
    return [...this.jobs.values()].filter((j) => j.batchId === batchId && (!state || j.state === state));
  }

  dismiss(id: string): void {
    this.calls.push(`dismiss:${id}`);
    this.jobs.delete(id);
    this.save([id]);
  }

  clearFinished(): void {
    for (const j of [...this.jobs.values()]) if (isTerminal(j.state)) this.jobs.delete(j.id);
    this.save([]);
  }

  /** Optional engine extra the host uses when present: take newer stored copies of jobs not driven here. */
  adoptEnabled = false;
  adopted: string[] = [];
  get adopt(): ((jobs: readonly Job[]) => void) | undefined {
    if (!this.adoptEnabled) return undefined;
    return (jobs) => {
      for (const j of jobs) {
        this.jobs.set(j.id, structuredClone(j));
        this.adopted.push(j.id);
      }
    };
  }

  checkAgain(id: string): void {
    this.calls.push(`checkAgain:${id}`);
  }

  resubmitUnknown(id: string): void {
    this.calls.push(`resubmit:${id}`);
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  list(): readonly Job[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  estimateDurationMs(): number | undefined {
    return undefined;
  }

  phaseHint(): string | undefined {
    return undefined;
  }

  onDidChange(listener: (change: JobChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async flush(): Promise<void> {
    this.calls.push('flush');
  }

  async dispose(): Promise<void> {
    this.calls.push('dispose');
  }
}
