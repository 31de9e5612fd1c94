// The shot-list runner (ShotRunner, see shotRunnerPort.ts): sends a list's shots as one batch of
// ordinary jobs, tells the Production Queue which shots' jobs changed, shows the list's batch, and
// keeps the list's budget. Take actions and blocking-failure actions are in their own files.
import { newJobId } from '../../core/jobFactory';
import type { Job, JobSpec, ProviderId } from '../../core/jobTypes';
import type { RefContent } from '../../core/shots/resolveShot';
import type { ShotList } from '../../core/shots/shotTypes';
import type { BatchView, BlockAction, CostLabel } from '../queue/queueProtocol';
import { type DisposableLike, DisposableStore, toDisposable } from '../shared/disposable';
import { ShotBatches } from './shotBatches';
import { runBlockAction } from './shotBlockActions';
import { ShotBudget } from './shotBudget';
import { ShotChainRunner } from './shotChainRunner';
import { type ChainWait, chainState } from './shotChains';
import { shotFallback } from './shotFallback';
import { refusedMessage } from './shotJobSpecs';
import { newestJobPerShot, ShotJobWatch } from './shotJobWatch';
import { planSpecs } from './shotPlanSpecs';
import { ShotRefFiles } from './shotRefFiles';
import type { ShotJobService, ShotRunnerDeps } from './shotRunnerDeps';
import type { ShotListRef, ShotRunner, ShotTakeFile } from './shotRunnerPort';
import { blockedFailures, failedShotIds, listsHeldForKey, staleShotIds } from './shotSelection';
import { ShotTakeActions } from './shotTakeActions';
import { ShotTakeIndex } from './shotTakeIndex';

type ChangeListener = (listPath: string, shotIds: readonly string[] | 'all') => void;

export class ShotRunnerHost implements ShotRunner, DisposableLike {
  private readonly takes: ShotTakeIndex;
  private readonly batches = new ShotBatches();
  private readonly budget: ShotBudget;
  private readonly watch = new ShotJobWatch();
  private readonly takeActions: ShotTakeActions;
  private readonly refFiles: ShotRefFiles;
  private readonly chains: ShotChainRunner;
  private readonly listeners = new Set<ChangeListener>();
  private readonly disposables = new DisposableStore();
  private attached: ShotJobService | undefined;

  constructor(private readonly deps: ShotRunnerDeps) {
    this.takes = new ShotTakeIndex(deps);
    this.budget = new ShotBudget(deps);
    this.takeActions = new ShotTakeActions(deps, this.takes, {
      send: (listPath, specs, button) => this.send(listPath, specs, button),
      generate: (list, ids) => this.generate(list, ids),
      changed: (listPath, ids) => this.fire(listPath, ids),
    });
    this.refFiles = new ShotRefFiles(deps);
    this.chains = new ShotChainRunner(deps, this.takes, this.refFiles, {
      service: () => this.attached,
      fallback: () => this.fallback(),
      useTake: (list, shotId, take) => this.takeActions.useTake(list, shotId, take),
      sent: (listPath, jobs) => this.fire(listPath, jobs.map((j) => j.shot?.shotId ?? '').filter(Boolean)),
    });
  }

  /**
   * Hook into the job service: the budget rule and job events. The host awaits this before it
   * starts the service, so a batch resumed after a reload is capped with what history says was
   * spent. Resolves once history is read.
   */
  attach(service: ShotJobService): Promise<void> {
    if (!this.attached) {
      this.attached = service;
      service.setAdmitRule(this.budget.admit);
      this.disposables.add(service.onDidChange((c) => this.onJobs(c.jobs)));
      this.disposables.add(toDisposable(() => service.setAdmitRule(undefined)));
      this.watch.changes(service.jobs());
      // A chain cut by a reload goes on: its plan is on its jobs.
      for (const listPath of ShotChainRunner.listsWithPlans(service.jobs())) void this.chains.continue(listPath);
    }
    return this.budget.loadHistory();
  }

  private async service(): Promise<ShotJobService> {
    const service = await this.deps.service();
    await this.attach(service);
    return service;
  }

  private onJobs(jobs: readonly Job[]): void {
    this.budget.note(jobs);
    const changes = this.watch.changes(jobs);
    for (const [listPath, { shots, landed }] of changes) {
      if (landed.size > 0) this.takes.invalidate(listPath, [...landed]);
      this.fire(listPath, [...shots]);
    }
    // A plan moves on when one of its jobs succeeds (not on every progress event).
    const moved = jobs.filter((j) => j.shot?.chain && changes.get(j.shot.list)?.landed.has(j.shot.shotId));
    for (const listPath of ShotChainRunner.listsWithPlans(moved)) void this.chains.continue(listPath);
  }

  /** Planned shots not sent yet, by shot id: what each waits for, or which dependency failed. */
  chainFor(listPath: string, list: ShotList): ReadonlyMap<string, ChainWait> {
    return this.attached ? chainState(list, this.attached.jobs(), listPath).waits : new Map();
  }

  /** The content hash of each reference of the list (fingerprints of shots with references). */
  async refContent(listPath: string, list: ShotList): Promise<RefContent> {
    return this.refFiles.content(list, await this.takes.takesFor(listPath));
  }

  /** Wait until the chains of a list have done what the jobs so far allow (tests, and the host on dispose). */
  chainsSettled(listPath: string): Promise<void> {
    return this.chains.continue(listPath);
  }

  private fire(listPath: string, shotIds: readonly string[] | 'all'): void {
    for (const l of [...this.listeners]) {
      try {
        l(listPath, shotIds);
      } catch (err) {
        this.deps.log('error', `A shot-list listener failed: ${String(err)}`);
      }
    }
  }

  onDidChange(listener: ChangeListener): DisposableLike {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  jobsFor(listPath: string): ReadonlyMap<string, Job> {
    return newestJobPerShot(this.attached?.jobs() ?? [], listPath);
  }

  batchFor(listPath: string): BatchView | undefined {
    return this.attached ? this.batches.view(listPath, this.attached) : undefined;
  }

  spentOn(listPath: string): CostLabel {
    return this.budget.spentOn(listPath);
  }

  takesFor(listPath: string): Promise<ReadonlyMap<string, readonly ShotTakeFile[]>> {
    return this.takes.takesFor(listPath);
  }

  private fallback() {
    return shotFallback(this.deps.settings(), (p) => this.deps.hasKey(p));
  }

  async generate(list: ShotListRef, ids: readonly string[]): Promise<void> {
    const batchId = `shots-${newJobId(this.deps.now())}`;
    const assetsFolder = await this.deps.assetsFolder();
    const takes = await this.takes.takesFor(list.listPath);
    const planned = await planSpecs({
      list,
      ids,
      takes,
      fallback: this.fallback(),
      assetsFolder,
      batchId,
      refFiles: this.refFiles,
    });
    if (!planned.ok) return this.deps.ui.error(planned.message);
    const { now, later, refused } = planned;
    if (refused.length > 0) this.deps.ui.warn(refusedMessage(refused));
    if (now.length === 0) return;
    this.budget.setFileCap(list.listPath, list.parsed.list.budget);
    const count = now.length + later.length;
    await this.send(list.listPath, now, count === 1 ? 'Generate' : `Generate ${count} shots`, later);
  }

  /**
   * One confirmation for the whole batch (count and total, with the shots that wait for others and
   * are sent later without asking again), then every spec that can go now in one batch.
   */
  private async send(
    listPath: string,
    specs: readonly JobSpec[],
    button: string,
    later: readonly JobSpec[] = [],
  ): Promise<void> {
    const service = await this.service();
    if (!(await this.deps.ui.confirmSpend(specs, button, later))) return;
    let jobs: Job[];
    try {
      jobs = service.submitBatch(specs);
    } catch (err) {
      this.deps.log('error', `Submitting shots of ${listPath} failed: ${String(err)}`);
      this.deps.ui.error(`The shots were not sent: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const batchId = jobs[0]?.batchId;
    if (batchId) this.batches.started(listPath, batchId);
    this.deps.log('info', `Batch ${batchId ?? '—'}: ${jobs.length} shot job(s) of ${listPath} submitted.`);
    this.fire(listPath, jobs.map((j) => j.shot?.shotId ?? '').filter(Boolean));
  }

  async generateStale(list: ShotListRef): Promise<void> {
    const takes = await this.takes.takesFor(list.listPath);
    const content = await this.refFiles.content(list.parsed.list, takes);
    const ids = staleShotIds(list.parsed.list, takes, this.fallback(), content);
    if (ids.length === 0) {
      this.deps.ui.info('No stale shots: every chosen take was made from the inputs its shot has now.');
      return;
    }
    await this.generate(list, ids);
  }

  async retryFailed(list: ShotListRef): Promise<void> {
    await this.service();
    // Shots a failed dependency kept from being sent go again with it (after it, as planned).
    const blocked = [...this.chainFor(list.listPath, list.parsed.list)].filter(([, w]) => w.state !== 'waiting');
    const ids = [...failedShotIds(list.parsed.list, this.jobsFor(list.listPath)), ...blocked.map(([id]) => id)];
    if (ids.length === 0) {
      this.deps.ui.info('No failed shots to retry in this list.');
      return;
    }
    await this.generate(list, ids);
  }

  /** The list's latest batch id, when the service runs and there is one. */
  batchIdOf(listPath: string): string | undefined {
    return this.attached ? this.batches.batchIdFor(listPath, this.attached.jobs()) : undefined;
  }

  pause(listPath: string): void {
    const id = this.batchIdOf(listPath);
    if (id) this.attached?.pauseBatch(id);
  }

  resume(listPath: string): void {
    void this.resumeBatch(listPath).catch((err) =>
      this.deps.log('error', `Resuming the batch of ${listPath} failed: ${String(err)}`),
    );
  }

  /**
   * Read the cap again first (the user may have raised it in the file); after a key or billing
   * block, the failures that hit it are sent again with the rest.
   */
  async resumeBatch(listPath: string): Promise<void> {
    const service = this.attached;
    const id = this.batchIdOf(listPath);
    if (!service || !id) return;
    this.budget.reread(listPath);
    await this.budget.loadHistory();
    const jobs = service.jobs().filter((j) => j.batchId === id);
    for (const failed of blockedFailures(jobs, service.batchSummary(id)?.held)) {
      const retry = service.retry(failed.id);
      this.deps.log('info', `Batch ${id}: ${failed.shot?.shotId ?? failed.id} sent again as job ${retry.id}.`);
    }
    service.resumeBatch(id);
  }

  /**
   * A key was stored (from the palette, the panel or another window): resume every batch held for a
   * rejected key of a provider that now has one. The Set key button resumes too; resuming twice sends
   * nothing twice (a failure already sent again is skipped).
   */
  resumeKeyHeld(hasKey: (provider: ProviderId) => boolean): void {
    const service = this.attached;
    if (!service) return;
    for (const listPath of listsHeldForKey(service.jobs(), (id) => service.batchSummary(id), hasKey))
      this.resume(listPath);
  }

  async cancel(listPath: string): Promise<void> {
    const id = this.batchIdOf(listPath);
    if (id) await this.attached?.cancelBatch(id);
  }

  closeOverlay(listPath: string): void {
    this.batches.close(listPath);
    this.fire(listPath, []);
  }

  blockAction(list: ShotListRef, action: BlockAction): Promise<void> {
    return runBlockAction(this.deps, list, action, {
      batch: () => this.batchFor(list.listPath),
      batchJobs: () => {
        const id = this.batchIdOf(list.listPath);
        return id ? (this.attached?.jobs() ?? []).filter((j) => j.batchId === id) : [];
      },
      resume: () => this.resumeBatch(list.listPath),
      cancel: () => this.cancel(list.listPath),
      spent: () => this.spentOn(list.listPath).amount ?? 0,
    });
  }

  useTake(list: ShotListRef, shotId: string, take: number): Promise<void> {
    return this.takeActions.useTake(list, shotId, take);
  }

  rerun(list: ShotListRef, shotId: string, take: number): Promise<void> {
    return this.takeActions.rerun(list, shotId, take);
  }

  editRetry(list: ShotListRef, shotId: string, take: number): Promise<void> {
    return this.takeActions.editRetry(list, shotId, take);
  }

  insertTake(list: ShotListRef, shotId: string, take: number): Promise<void> {
    return this.takeActions.insertTake(list, shotId, take);
  }

  revealTake(list: ShotListRef, shotId: string, take: number): Promise<void> {
    return this.takeActions.revealTake(list, shotId, take);
  }

  dispose(): void {
    this.listeners.clear();
    this.disposables.dispose();
  }
}
