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
import type { AssetSink } from '../core/assetSinkPort';
import type { Clock, TimerHandle } from '../core/clock';
import type { EngineOptions, JobChange, JobEngineApi } from '../core/engineApi';
import { isTerminal, type Job, type JobSpec } from '../core/jobTypes';
import type { HistorySink } from '../core/storePort';
import { type DisposableLike, DisposableStore, toDisposable } from './disposable';
import { DurableJobStore } from './durableJobStore';
import { DEFAULT_RENEW_MS, FileLeases, LEASES_FOLDER } from './fileLeases';
import { JOBS_FOLDER, JobFiles } from './jobFiles';
import { type ForwardedAction, JobRequestFiles, REQUESTS_FOLDER } from './jobRequestFiles';
import { foreignJobs, MementoJobStore, mergeForDisplay, type ReadRegistry } from './mementoJobStore';
import type { MementoLike } from './mementoPort';

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
  private readonly requests: JobRequestFiles;
  private readonly disposables = new DisposableStore();
  private readonly listeners = new Set<(c: ServiceChange) => void>();
  private foreign: { jobs: Job[]; removed: Set<string> } = { jobs: [], removed: new Set() };
  private foreignSignature = '';
  private heartbeatTimer: TimerHandle | undefined;
  private mirrorTimer: TimerHandle | undefined;
  private refreshTimer: TimerHandle | undefined;
  private started = false;
  private disposed = false;

  constructor(private readonly opts: GenQueueServiceOptions) {
    this.leases = new FileLeases({
      dir: join(opts.storageDir, LEASES_FOLDER),
      windowId: opts.windowId,
      now: () => opts.clock.now(),
      ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}),
      log: opts.log,
    });
    this.requests = new JobRequestFiles(join(opts.storageDir, REQUESTS_FOLDER));
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
      log: opts.log,
    };
    if (opts.history) engineOpts.history = opts.history;
    if (opts.pollWindowMs) engineOpts.pollWindowMs = opts.pollWindowMs;
    if (opts.limits) engineOpts.limits = opts.limits;
    this.engine = opts.createEngine(engineOpts);
    this.disposables.add(this.engine.onDidChange((c) => this.onEngineChange(c)));
  }

  /** A job is driven by the window holding its lease file; a free job is taken at once. */
  private shouldDrive(job: Job): boolean {
    if (this.disposed) return false;
    // Storage holds a newer copy (another window moved it on): driving our old copy could submit
    // or import twice. Only an up-to-date copy may be driven (the engine's `adopt` refreshes it).
    if (this.foreign.jobs.some((j) => j.id === job.id)) return false;
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
    return mergeForDisplay(this.engine.list(), this.foreign, (id) => this.leases.holds(id));
  }

  get(id: string): Job | undefined {
    // A foreign copy is only kept when it is newer than the engine's.
    return this.foreign.jobs.find((j) => j.id === id) ?? this.engine.get(id);
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
    return this.hereOrForward(id, 'cancel', () => this.engine.cancel(id));
  }

  /** Check a stale or unknown job again, in the window that drives it (see cancel). */
  checkAgain(id: string): Promise<'here' | 'forwarded'> {
    return this.hereOrForward(id, 'checkAgain', async () => this.engine.checkAgain(id));
  }

  private async hereOrForward(id: string, action: ForwardedAction, here: () => Promise<void>) {
    const owner = this.leases.ownerOf(id);
    if (owner && owner !== this.opts.windowId) {
      this.requests.add(id, action, this.opts.clock.now());
      this.opts.log('info', `${action} of job ${id} forwarded to window ${owner}.`);
      return 'forwarded' as const;
    }
    await here();
    return 'here' as const;
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

  private takeJobRequests(): void {
    const mine = (id: string) => this.leases.holds(id) && !!this.engine.get(id);
    let requests: ReturnType<JobRequestFiles['take']>;
    try {
      requests = this.requests.take(mine, this.opts.clock.now());
    } catch (err) {
      this.opts.log('warn', `Could not read the requests of other windows: ${String(err)}`);
      return;
    }
    for (const { jobId, action } of requests) {
      this.opts.log('info', `${action} of job ${jobId}, as asked from another window.`);
      if (action === 'checkAgain') this.engine.checkAgain(jobId);
      else
        this.engine
          .cancel(jobId)
          .catch((err) => this.opts.log('error', `Cancel of job ${jobId} failed: ${String(err)}`));
    }
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
    let stored: ReadRegistry | undefined;
    try {
      stored = this.store.read();
    } catch (err) {
      this.opts.log('warn', `Could not read the shared registry: ${String(err)}`);
      return;
    }
    let next = foreignJobs(stored, this.engine.list());
    if (this.engine.adopt) {
      // Take over other windows' newer copies of jobs we do not drive, so a later takeover starts from them.
      const adoptable = next.jobs.filter((j) => !this.leases.holds(j.id));
      if (adoptable.length > 0) {
        this.engine.adopt(adoptable);
        next = foreignJobs(stored, this.engine.list());
      }
    }
    const signature = `${next.jobs.map((j) => `${j.id}:${j.state}:${j.updatedAt}`).join(',')}|${[...next.removed].length}`;
    this.foreign = next;
    if (signature !== this.foreignSignature) {
      this.foreignSignature = signature;
      if (emit) this.emit([]);
    }
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
      this.takeJobRequests();
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
    await this.step('save jobs on shutdown', () => this.withinShutdownBudget(this.engine.flush()));
    await this.step('stop the engine', () => this.withinShutdownBudget(this.engine.dispose()));
    await this.step('release the leases', () => this.leases.releaseAll());
    this.listeners.clear();
    this.disposables.dispose();
  }

  private async step(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.safeLog('error', `Could not ${what}: ${String(err)}`);
    }
  }

  /** A save that never settles (the window's channel is gone) must not hold the lease release back. */
  private withinShutdownBudget(p: Promise<void>): Promise<void> {
    let timer: TimerHandle | undefined;
    const timeout = new Promise<void>((_, reject) => {
      timer = this.opts.clock.setTimeout(() => reject(new Error('timed out')), SHUTDOWN_STEP_MS);
    });
    return Promise.race([p, timeout]).finally(() => {
      if (timer !== undefined) this.opts.clock.clearTimeout(timer);
    });
  }

  private safeLog(level: 'info' | 'warn' | 'error', message: string): void {
    try {
      this.opts.log(level, message);
    } catch {
      // The log itself is gone (window closing).
    }
  }

  dispose(): void {
    void this.shutdown();
  }
}
