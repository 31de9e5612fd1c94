// A ShotRunner the test scripts: jobs, takes, batch and spent per list are set by hand, `change()`
// fires onDidChange like the real runner, and every action is recorded instead of run.
// Like the real runner: `takesFor` is async (it reads the disk) and returns fresh maps; listeners
// are called synchronously when the runner changes; `jobsFor` holds only the newest job per shot.
import type { Job } from '../../src/core/jobTypes';
import type { RefContent } from '../../src/core/shots/resolveShot';
import type { BatchView, BlockAction, CostLabel } from '../../src/extension/queue/queueProtocol';
import type { ChainWait } from '../../src/extension/shots/shotChains';
import type { ShotListRef, ShotRunner, ShotTakeFile } from '../../src/extension/shots/shotRunnerPort';

export interface RunnerCall {
  action: string;
  listPath: string;
  ids?: readonly string[];
  shotId?: string;
  take?: number;
  blockAction?: BlockAction;
  /** The list text the action was given (to check it saw the current document). */
  text?: string;
}

export class FakeShotRunner implements ShotRunner {
  readonly jobs = new Map<string, Map<string, Job>>();
  readonly takes = new Map<string, Map<string, ShotTakeFile[]>>();
  readonly batches = new Map<string, BatchView>();
  spent: CostLabel = { amount: 0, source: 'catalog', label: '$0.00' };
  readonly calls: RunnerCall[] = [];
  takesReads = 0;
  private readonly listeners = new Set<(listPath: string, ids: readonly string[] | 'all') => void>();

  onDidChange(listener: (listPath: string, shotIds: readonly string[] | 'all') => void) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  change(listPath: string, ids: readonly string[] | 'all'): void {
    for (const l of [...this.listeners]) l(listPath, ids);
  }

  setJob(listPath: string, shotId: string, job: Job): void {
    const m = this.jobs.get(listPath) ?? new Map<string, Job>();
    m.set(shotId, job);
    this.jobs.set(listPath, m);
  }

  setTakes(listPath: string, shotId: string, takes: ShotTakeFile[]): void {
    const m = this.takes.get(listPath) ?? new Map<string, ShotTakeFile[]>();
    m.set(shotId, takes);
    this.takes.set(listPath, m);
  }

  jobsFor(listPath: string): ReadonlyMap<string, Job> {
    return new Map(this.jobs.get(listPath) ?? []);
  }
  batchFor(listPath: string): BatchView | undefined {
    return this.batches.get(listPath);
  }
  spentOn(): CostLabel {
    return this.spent;
  }
  /** What chainFor answers, by list path (the real one derives it from the plan on the jobs). */
  readonly chains = new Map<string, Map<string, ChainWait>>();
  /** What refContent answers, by list path (the real one hashes the files). */
  readonly contents = new Map<string, Map<string, string>>();

  chainFor(listPath: string): ReadonlyMap<string, ChainWait> {
    return new Map(this.chains.get(listPath) ?? []);
  }
  async refContent(listPath: string): Promise<RefContent> {
    return new Map(this.contents.get(listPath) ?? []);
  }
  async takesFor(listPath: string): Promise<ReadonlyMap<string, readonly ShotTakeFile[]>> {
    this.takesReads++;
    return new Map(this.takes.get(listPath) ?? []);
  }

  private record(action: string, list: ShotListRef | string, extra: Partial<RunnerCall> = {}): void {
    const listPath = typeof list === 'string' ? list : list.listPath;
    const text = typeof list === 'string' ? undefined : list.text;
    this.calls.push({ action, listPath, ...(text === undefined ? {} : { text }), ...extra });
  }

  async generate(list: ShotListRef, ids: readonly string[]) {
    this.record('generate', list, { ids: [...ids] });
  }
  async generateStale(list: ShotListRef) {
    this.record('generateStale', list);
  }
  async retryFailed(list: ShotListRef) {
    this.record('retryFailed', list);
  }
  pause(listPath: string) {
    this.record('pause', listPath);
  }
  resume(listPath: string) {
    this.record('resume', listPath);
  }
  async cancel(listPath: string) {
    this.record('cancel', listPath);
  }
  closeOverlay(listPath: string) {
    this.record('closeOverlay', listPath);
    this.batches.delete(listPath);
  }
  async blockAction(list: ShotListRef, action: BlockAction) {
    this.record('blockAction', list, { blockAction: action });
  }
  async useTake(list: ShotListRef, shotId: string, take: number) {
    this.record('useTake', list, { shotId, take });
  }
  async rerun(list: ShotListRef, shotId: string, take: number) {
    this.record('rerun', list, { shotId, take });
  }
  async editRetry(list: ShotListRef, shotId: string, take: number) {
    this.record('editRetry', list, { shotId, take });
  }
  async insertTake(list: ShotListRef, shotId: string, take: number) {
    this.record('insertTake', list, { shotId, take });
  }
  async revealTake(list: ShotListRef, shotId: string, take: number) {
    this.record('revealTake', list, { shotId, take });
  }
}
