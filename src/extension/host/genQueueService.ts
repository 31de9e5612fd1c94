// The host's job service, free of `vscode`: it owns the engine, the window leases and the
// cross-window mirror of the registry, and tells the UI (status bar, panel, notifications)
// when the displayed jobs change.
//
// Cross-window sync: the extension API has no change event for globalState, so every window
// re-reads on a timer the registry (in the ext host's in-memory copy, which VS Code refreshes
// from other windows) and the job files (only changed files are parsed). Who drives a job is
// decided by lease files (fileLeases.ts), durable job state lives in job files (jobFiles.ts):
// globalState is one value per extension that windows overwrite whole, last writer wins.

import { join } from 'node:path';
import type { AssetSink } from '../../core/assetSinkPort';
import type { BatchSummary } from '../../core/batches/batchSummary';
import type { Clock, TimerHandle } from '../../core/clock';
import type { EngineOptions, JobChange, JobEngineApi } from '../../core/engineApi';
import { isTerminal, type Job, type JobSpec } from '../../core/jobTypes';
import type { HistorySink } from '../../core/storePort';
import { CrossWindowActions } from '../persistence/crossWindowActions';
import { DurableJobStore } from '../persistence/durableJobStore';
import { DEFAULT_RENEW_MS, FileLeases, LEASES_FOLDER } from '../persistence/fileLeases';
import { ForeignMirror } from '../persistence/foreignMirror';
import { JOBS_FOLDER, JobFiles } from '../persistence/jobFiles';
import { REQUESTS_FOLDER } from '../persistence/jobRequestFiles';
import { MementoJobStore, mergeForDisplay } from '../persistence/mementoJobStore';
import type { MementoLike } from '../persistence/mementoPort';
import { type DisposableLike, DisposableStore, toDisposable } from '../shared/disposable';
import { runShutdownStep, withinShutdownBudget } from './shutdownSteps';

export const MIRROR_INTERVAL_MS = 3_000;
/** While another window holds a job this one knows, how often to look whether it let go (it may be reloading). */
export const LEASE_RECHECK_MS = 1_000;
/** How long deactivate waits for the final save before releasing the leases anyway. */
export const SHUTDOWN_STEP_MS = 1_500;
/** Engine-side limit on finished jobs; the store keeps a few more so nothing is dropped twice. */
export const ENGINE_MAX_FINISHED = 50;

/** Optional engine extras: `refresh` re-evaluates shouldDrive now; `adopt` takes newer stored copies. */
export type HostEngine = JobEngineApi & { refresh?(): void; adopt?(jobs: readonly Job[]): void };

export interface GenQueueServiceOptions {
  memento: MementoLike;
  /** The extension's globalStorage folder (local path): job and lease files live there. */
  storageDir: string;
  windowId: string;
  clock: Clock;
  createEngine: (opts: EngineOptions) => HostEngine;
  providers: EngineOptions['providers'];
  assets: AssetSink;
  history?: HistorySink;
  pollWindowMs?: number;
  limits?: EngineOptions['limits'];
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  leaseMs?: number;
}

export interface ServiceChange {
  /** Displayed jobs (this window's engine, overlaid with other windows' newer copies), newest first. */
  jobs: readonly Job[];
  /** Ids the engine reported as changed (empty for mirror-only changes). */
  changed: readonly string[];
}

export class GenQueueService implements DisposableLike {
  readonly engine: HostEngine;
  readonly leases: FileLeases;
  readonly store: DurableJobStore;
  private readonly crossWindow: CrossWindowActions;
  private readonly disposables = new DisposableStore();
  private readonly listeners = new Set<(c: ServiceChange) => void>();
  private readonly mirror: ForeignMirror;
  private heartbeatTimer: TimerHandle | undefined;
  private mirrorTimer: TimerHandle | undefined;
  private refreshTimer: TimerHandle | undefined;
  private started = false;
  private disposed = false;
  private admitRule: EngineOptions['admit'];

  constructor(private readonly opts: GenQueueServiceOptions) {
    this.leases = new FileLeases({
      dir: join(opts.storageDir, LEASES_FOLDER),
      windowId: opts.windowId,
      now: () => opts.clock.now(),
      ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}),
      log: opts.log,
    });
    const drivenHere = (id: string) => this.leases.holds(id);
    this.store = new DurableJobStore({
      registry: new MementoJobStore({
        memento: opts.memento,
        ...(opts.history ? { history: opts.history } : {}),
        drivenHere,
        log: opts.log,
      }),
      files: new JobFiles(join(opts.storageDir, JOBS_FOLDER)),
      drivenHere,
      log: opts.log,
    });
    const engineOpts: EngineOptions = {
      providers: opts.providers,
      store: this.store,
      assets: opts.assets,
      clock: opts.clock,
      maxFinishedJobs: ENGINE_MAX_FINISHED,
      shouldDrive: (job) => this.shouldDrive(job),
      admit: (job, registry) => this.admitRule?.(job, registry),
      log: opts.log,
    };
    if (opts.history) engineOpts.history = opts.history;
    if (opts.pollWindowMs) engineOpts.pollWindowMs = opts.pollWindowMs;
    if (opts.limits) engineOpts.limits = opts.limits;
    this.engine = opts.createEngine(engineOpts);
    this.disposables.add(this.engine.onDidChange((c) => this.onEngineChange(c)));
    const log = (level: 'info' | 'warn' | 'error', message: string) => opts.log(level, message);
    this.mirror = new ForeignMirror({ store: this.store, engine: this.engine, leases: this.leases, log });
    this.crossWindow = new CrossWindowActions({
      dir: join(opts.storageDir, REQUESTS_FOLDER),
      windowId: opts.windowId,
      clock: opts.clock,
      leases: this.leases,
      engine: this.engine,
      log,
    });
  }

  /** A job is driven by the window holding its lease file; a free job is taken at once. */
  private shouldDrive(job: Job): boolean {
    if (this.disposed) return false;
    // Storage holds a newer copy (another window moved it on): driving our old copy could submit
    // or import twice. Only an up-to-date copy may be driven (the engine's `adopt` refreshes it).
    if (this.mirror.current.jobs.some((j) => j.id === job.id)) return false;
    const drive = this.leases.shouldDrive(job.id);
    // Held elsewhere: that window may be closing or reloading, so look again soon.
    if (!drive) this.scheduleEngineRefresh();
    return drive;
  }

  private scheduleEngineRefresh(): void {
    if (this.refreshTimer !== undefined || this.disposed) return;
    this.refreshTimer = this.opts.clock.setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.disposed) return;
      this.refreshMirror();
      this.engine.refresh?.();
    }, LEASE_RECHECK_MS);
  }

  /** Run an engine call that creates jobs, and take their leases for this window. */
  private create<T extends Job | Job[]>(fn: () => T): T {
    const out = fn();
    for (const j of Array.isArray(out) ? out : [out]) this.leases.claimNew(j.id);
    return out;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.engine.start();
    this.refreshMirror(false);
    this.scheduleHeartbeat();
    this.scheduleMirror();
    this.emit([]);
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Displayed jobs, newest first. */
  jobs(): Job[] {
    return mergeForDisplay(this.engine.list(), this.mirror.current, (id) => this.leases.holds(id));
  }

  get(id: string): Job | undefined {
    // A foreign copy is only kept when it is newer than the engine's.
    return this.mirror.current.jobs.find((j) => j.id === id) ?? this.engine.get(id);
  }

  submit(spec: JobSpec): Job {
    return this.create(() => this.engine.submit(spec));
  }

  submitBatch(specs: readonly JobSpec[]): Job[] {
    return this.create(() => this.engine.submitBatch(specs));
  }

  retry(id: string, edits?: Record<string, unknown>): Job {
    return this.create(() => this.engine.retry(id, edits));
  }

  retryAllFailed(): Job[] {
    return this.create(() => this.engine.retryAllFailed());
  }

  /**
   * Cancel wherever the job runs: here through the engine; for a job another window drives, a
   * request file that the owner picks up on its next mirror refresh (≤ 3 s).
   * Returns where the cancel went.
   */
  cancel(id: string): Promise<'here' | 'forwarded'> {
    return this.crossWindow.hereOrForward(id, 'cancel', () => this.engine.cancel(id));
  }

  /** Check a stale or unknown job again, in the window that drives it (see cancel). */
  checkAgain(id: string): Promise<'here' | 'forwarded'> {
    return this.crossWindow.hereOrForward(id, 'checkAgain', async () => this.engine.checkAgain(id));
  }

  /** The rule asked before each batch job is sent (the shot lists' budget caps); undefined: none. */
  setAdmitRule(rule: EngineOptions['admit'] | undefined): void {
    this.admitRule = rule;
  }

  // Batches run in the window that submitted them (it holds their leases), so pause and resume act
  // on this window's jobs only; cancel also reaches jobs another window drives (forwarded, see cancel).
  pauseBatch(batchId: string): void {
    this.engine.pauseBatch(batchId);
  }

  resumeBatch(batchId: string): void {
    this.engine.resumeBatch(batchId);
  }

  async cancelBatch(batchId: string): Promise<void> {
    for (const j of this.jobs()) {
      if (j.batchId !== batchId || isTerminal(j.state)) continue;
      await this.crossWindow.hereOrForward(j.id, 'cancel', async () => undefined); // here: cancelBatch below
    }
    await this.engine.cancelBatch(batchId);
  }

  batchSummary(batchId: string): BatchSummary | undefined {
    return this.engine.batchSummary(batchId);
  }

  /** Remove a finished job from the list (it stays in history), also one another window finished. */
  async dismiss(id: string): Promise<void> {
    const local = this.engine.get(id);
    if (local && isTerminal(local.state)) {
      this.engine.dismiss(id);
      return;
    }
    const shown = this.get(id);
    if (!shown || !isTerminal(shown.state)) throw new Error('Only a finished job can be dismissed; cancel it first.');
    await this.store.markRemoved(id);
    this.refreshMirror();
  }

  onDidChange(listener: (c: ServiceChange) => void): DisposableLike {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  private onEngineChange(c: JobChange): void {
    this.emit(c.changed);
  }

  private emit(changed: readonly string[]): void {
    if (this.disposed) return;
    const jobs = this.jobs();
    for (const l of [...this.listeners]) {
      try {
        l({ jobs, changed });
      } catch (err) {
        this.opts.log('error', `A job listener failed: ${String(err)}`);
      }
    }
  }

  /** Re-read the registry other windows write; emit when what we display changed. */
  refreshMirror(emit = true): void {
    if (this.mirror.refresh() && emit) this.emit([]);
  }

  private activeIds(): string[] {
    return this.engine
      .list()
      .filter((j) => !isTerminal(j.state))
      .map((j) => j.id);
  }

  private scheduleHeartbeat(): void {
    if (this.disposed) return;
    this.heartbeatTimer = this.opts.clock.setTimeout(() => {
      void this.leases
        .heartbeat(this.activeIds())
        // Leases may have moved (a window closed): let the engine re-ask shouldDrive now.
        .then(() => this.engine.refresh?.())
        .catch((err) => this.opts.log('warn', `Lease heartbeat failed: ${String(err)}`))
        .finally(() => this.scheduleHeartbeat());
    }, DEFAULT_RENEW_MS);
  }

  private scheduleMirror(): void {
    if (this.disposed) return;
    this.mirrorTimer = this.opts.clock.setTimeout(() => {
      this.crossWindow.takeJobRequests();
      this.refreshMirror();
      this.scheduleMirror();
    }, MIRROR_INTERVAL_MS);
  }

  /** Write pending state now (deactivate). */
  async flush(): Promise<void> {
    await this.engine.flush();
  }

  /**
   * Flush (bounded), hand our leases to other windows, stop everything. Each step runs even when
   * the one before failed or hung: on Reload Window the save and the log may both fail, and a
   * lease left behind makes the new window wait out its expiry.
   */
  async shutdown(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.heartbeatTimer !== undefined) this.opts.clock.clearTimeout(this.heartbeatTimer);
    if (this.mirrorTimer !== undefined) this.opts.clock.clearTimeout(this.mirrorTimer);
    if (this.refreshTimer !== undefined) this.opts.clock.clearTimeout(this.refreshTimer);
    const bounded = (p: Promise<void>) => withinShutdownBudget(this.opts.clock, p, SHUTDOWN_STEP_MS);
    const log = (level: 'info' | 'warn' | 'error', message: string) => this.opts.log(level, message);
    await runShutdownStep('save jobs on shutdown', () => bounded(this.engine.flush()), log);
    await runShutdownStep('stop the engine', () => bounded(this.engine.dispose()), log);
    await runShutdownStep('release the leases', () => this.leases.releaseAll(), log);
    this.listeners.clear();
    this.disposables.dispose();
  }

  dispose(): void {
    void this.shutdown();
  }
}
