// The extension host's container: owns every service and disposable, wires the job service to
// the status bar, the panel and the notifications, and keeps activation cheap. Nothing heavy runs
// until there is a reason: persisted active jobs, a command, or the panel opening.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { systemClock } from '../../core/clock';
import { isTerminal } from '../../core/jobTypes';
import { assetRoot } from '../assets/assetLocations';
import { AssetWriter } from '../assets/assetWriter';
import { removeSpoolLeftovers } from '../assets/fileTakeSpool';
import type { HostFileSystem } from '../assets/hostFileSystem';
import { createVscodeFileSystem } from '../assets/vscodeFileSystem';
import { GenerateFlow } from '../generate/generateFlow';
import { JobActions } from '../generate/jobActions';
import { LastTextEditor } from '../insert/lastTextEditor';
import { ApiKeys } from '../keys/apiKeys';
import { formNote, HostModels } from '../models/hostModels';
import { GENERATIONS_VIEW_ID, GenerationsViewProvider } from '../panel/generationsView';
import { HistoryFiles } from '../persistence/historyFiles';
import { hasActiveJobFiles, JOBS_FOLDER } from '../persistence/jobFiles';
import { storedActiveCount } from '../persistence/mementoJobStore';
import type { QueueEditorDeps } from '../queue/queueEditorDeps';
import { QueueEditorProvider } from '../queue/queueEditorProvider';
import { defaultShotListBudget } from '../queue/queueSettings';
import { createFileUploadCacheStore, createWorkspaceReferenceReader } from '../references/hostReferencePorts';
import { Disposable, toDisposable } from '../shared/disposable';
import { HostLog } from '../shared/hostLog';
import { ShotDiagnostics } from '../shots/shotDiagnostics';
import { shotFallback } from '../shots/shotFallback';
import { ShotRunnerHost } from '../shots/shotRunner';
import type { ShotRunner } from '../shots/shotRunnerPort';
import { vscodeShotDeps } from '../shots/vscodeShotDeps';
import { FailedContextKey } from '../status/failedContextKey';
import { NotificationPolicy } from '../status/notificationPolicy';
import { Notifier } from '../status/notifier';
import { StatusBarPresenter } from '../status/statusBar';
import { GenQueueService } from './genQueueService';
import { HostCommands } from './hostCommands';
import { type HostConfig, readConfig } from './hostConfig';
import type { HostContext } from './hostContext';

/** While idle, how often to look for jobs another window left behind (one small key read). */
const IDLE_CHECK_MS = 10_000;
const RELOAD_SETTINGS = ['genqueue.baseUrl', 'genqueue.concurrency', 'genqueue.pollWindowMinutes'];

export class GenQueueHost extends Disposable implements HostContext {
  readonly log: HostLog;
  readonly keys: ApiKeys;
  readonly extensionUri: vscode.Uri;
  readonly globalStorageUri: vscode.Uri;
  readonly history: HistoryFiles;
  readonly version: string;
  readonly lastEditor: LastTextEditor;
  readonly models: HostModels;
  private readonly fs: HostFileSystem;
  private readonly assets: AssetWriter;
  private readonly actions: JobActions;
  private readonly generate: GenerateFlow;
  private readonly notifier: Notifier;
  private readonly policy: NotificationPolicy;
  private readonly statusBar: StatusBarPresenter;
  private readonly failedKey = new FailedContextKey();
  private readonly view: GenerationsViewProvider;
  private readonly queueEditors: QueueEditorProvider;
  private readonly shotRunner: ShotRunnerHost;
  private servicePromise: Promise<GenQueueService> | undefined;
  private started: GenQueueService | undefined;
  private idleTimer: ReturnType<typeof setInterval> | undefined;
  private readonly windowId = `${vscode.env.sessionId.slice(0, 8)}-${randomUUID().slice(0, 8)}`;

  constructor(private readonly context: vscode.ExtensionContext) {
    super();
    this.extensionUri = context.extensionUri;
    this.globalStorageUri = context.globalStorageUri;
    this.version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
    const channel = this.register(vscode.window.createOutputChannel('GenQueue', { log: true }));
    this.keys = this.register(new ApiKeys(context.secrets));
    this.log = new HostLog(channel, () => this.keys.all());
    this.lastEditor = this.register(new LastTextEditor());
    const fs = createVscodeFileSystem();
    this.fs = fs;
    this.history = new HistoryFiles(fs, this.globalStorageUri.toString(), this.log.forEngine);
    this.models = HostModels.create({
      keys: this.keys,
      config: this.config(),
      fs,
      storageUri: this.globalStorageUri.toString(),
      storageDir: this.globalStorageUri.fsPath,
      log: this.log,
    });
    this.assets = new AssetWriter({
      fs,
      root: () => assetRoot(this.globalStorageUri, this.config().assetsFolder),
      generatorVersion: this.version,
    });
    this.actions = new JobActions(this);
    this.generate = new GenerateFlow(this);
    this.notifier = new Notifier(this, this.actions);
    this.policy = new NotificationPolicy(() => this.config().notifications);
    this.statusBar = this.register(new StatusBarPresenter((m) => this.started?.engine.estimateDurationMs(m)));
    this.view = this.register(new GenerationsViewProvider(this, this.actions, this.generate));
    this.register(
      vscode.window.registerWebviewViewProvider(GENERATIONS_VIEW_ID, this.view, {
        webviewOptions: { retainContextWhenHidden: false },
      }),
    );
    this.register(new ShotDiagnostics(this.log));
    this.shotRunner = this.register(new ShotRunnerHost(vscodeShotDeps(this, fs, () => this.service())));
    this.queueEditors = this.register(new QueueEditorProvider(this.queueEditorDeps(this.shotRunner)));
    this.register(this.queueEditors.registerWithVscode());
    this.register(
      this.keys.onDidChange((changed) => {
        // Prices may carry account discounts: a new key reads them again.
        this.models.prices.forget();
        this.view.refresh();
        this.queueEditors.refresh();
        // Only the provider whose key changed: a batch held on another provider's rejected key stays held.
        this.shotRunner.resumeKeyHeld((p) => p === changed && this.keys.has(p));
      }),
    );
    this.register(vscode.workspace.onDidChangeConfiguration((e) => this.onConfigChange(e)));
    new HostCommands(this, this.actions, this.generate).registerAll((d) => this.register(d));
    this.register(toDisposable(() => this.stopIdleWatch()));
  }

  /** What the Production Queue editors use; `runner` sends shots as batches of jobs in the one job service. */
  private queueEditorDeps(runner: ShotRunner | undefined): QueueEditorDeps {
    return {
      extensionUri: this.extensionUri,
      log: this.log,
      runner,
      keys: () => this.keys.presence(),
      secrets: () => this.keys.all(),
      fallback: () => shotFallback(this.config(), (p) => this.keys.has(p)),
      defaultBudget: defaultShotListBudget,
      estimateMs: (model: string) => this.started?.engine.estimateDurationMs(model),
      formOf: (provider, model, modality) => {
        const form = this.models.formOf(provider, model, modality);
        return form && { model: form.model, note: formNote(form) };
      },
      onDidReadForm: (listener) => this.models.onDidReadForm(listener),
    };
  }

  /** Activation: load keys; start the engine only when jobs are waiting to be resumed. */
  async activate(): Promise<void> {
    await this.keys.load();
    if (this.jobsToResume()) {
      await this.service();
    } else {
      this.startIdleWatch();
    }
  }

  /** Job and lease files live in globalStorage, read with node:fs (the extension host's own disk). */
  private get storageDir(): string {
    return this.globalStorageUri.fsPath;
  }

  /** Anything unfinished, in the shared registry or in a job file (the registry may lag behind the files). */
  private jobsToResume(): boolean {
    if (storedActiveCount(this.context.globalState) > 0) return true;
    try {
      return hasActiveJobFiles(join(this.storageDir, JOBS_FOLDER));
    } catch (err) {
      this.log.warn(`Could not look for unfinished jobs on disk: ${String(err)}`);
      return false;
    }
  }

  config(): HostConfig {
    return readConfig();
  }

  serviceIfStarted(): GenQueueService | undefined {
    return this.started;
  }

  service(): Promise<GenQueueService> {
    this.servicePromise ??= this.createService().catch((err) => {
      this.servicePromise = undefined;
      this.log.error(`GenQueue could not start: ${String(err)}`);
      throw err;
    });
    return this.servicePromise;
  }

  private async createService(): Promise<GenQueueService> {
    this.stopIdleWatch();
    // Loaded on first use: the engine and the provider SDKs are most of the bundle.
    const { engineMaker, createProviders, engineLimits } = await import('./engineFactory');
    const cfg = this.config();
    const spoolDir = this.spoolDir();
    this.removeTempLeftovers(spoolDir);
    // A setting that is set but unsafe to use is said once, when the providers are built from it.
    for (const problem of cfg.settingProblems) {
      this.log.warn(problem);
      void vscode.window.showWarningMessage(vscode.l10n.t('GenQueue: {0}', problem));
    }
    const service = new GenQueueService({
      memento: this.context.globalState,
      storageDir: this.storageDir,
      windowId: this.windowId,
      clock: systemClock,
      createEngine: engineMaker(this.keys, {
        spoolDir,
        costing: this.models.prices.costing(),
        references: {
          reader: createWorkspaceReferenceReader(this.fs, () => vscode.workspace.workspaceFolders?.[0]?.uri.toString()),
          cacheStore: createFileUploadCacheStore(this.storageDir),
        },
      }),
      providers: createProviders(this.keys, cfg),
      assets: this.assets,
      history: this.history,
      pollWindowMs: cfg.pollWindowMinutes * 60_000,
      limits: engineLimits(cfg),
      log: this.log.forEngine,
    });
    this.register(service);
    this.register(
      service.onDidChange((c) => {
        this.statusBar.update(c.jobs);
        this.failedKey.update(c.jobs);
        const finished = c.changed.some((id) => {
          const j = service.engine.get(id);
          return !j || isTerminal(j.state);
        });
        this.view.refresh({ history: finished });
        // State changes and request ids are logged by the engine itself (through HostLog, redacted).
        if (c.changed.length > 0) {
          // Only the window that drove a job notifies about it (other windows just show it).
          const mine = (id: string) => service.leases.holds(id);
          const notices = this.policy.update(service.engine.list());
          this.notifier.show(notices.filter((n) => n.kind === 'summary' || mine(n.job.id)));
        }
      }),
    );
    // Before the jobs resume: a batch resumed after a reload is capped by its list's budget.
    await this.shotRunner.attach(service);
    // First sight of the loaded jobs: remembered without notifying.
    await service.start();
    this.policy.update(service.engine.list());
    this.started = service;
    this.statusBar.update(service.jobs());
    this.failedKey.update(service.jobs());
    this.view.refresh();
    this.log.info(
      `GenQueue started in window ${this.windowId} with ${service.jobs().length} job(s); job and lease files in ${this.storageDir}.`,
    );
    return service;
  }

  /** Downloads in progress live here, on the extension host's disk. */
  private spoolDir(): string {
    const base = this.globalStorageUri.scheme === 'file' ? this.globalStorageUri.fsPath : tmpdir();
    return join(base, 'genqueue-downloads');
  }

  /** Temp files a crashed or killed window left (spool and assets folder); never a live window's. */
  private removeTempLeftovers(spoolDir: string): void {
    void Promise.all([removeSpoolLeftovers(spoolDir), this.assets.removeLeftovers()]).then(
      ([spool, assets]) => {
        if (spool + assets > 0) this.log.info(`Removed ${spool + assets} temp file(s) left by an earlier crash.`);
      },
      (err) => this.log.warn(`Could not remove leftover temp files: ${String(err)}`),
    );
  }

  async showPanel(): Promise<void> {
    await vscode.commands.executeCommand(`${GENERATIONS_VIEW_ID}.focus`);
  }

  private startIdleWatch(): void {
    if (this.idleTimer) return;
    this.idleTimer = setInterval(() => {
      if (this.jobsToResume()) void this.service().catch(() => undefined);
    }, IDLE_CHECK_MS);
    this.idleTimer.unref?.();
  }

  private stopIdleWatch(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = undefined;
  }

  private onConfigChange(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration('genqueue')) return;
    this.statusBar.update(this.started?.jobs() ?? []);
    this.queueEditors.refresh();
    if (this.started && RELOAD_SETTINGS.some((s) => e.affectsConfiguration(s))) {
      const reload = vscode.l10n.t('Reload Window');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('GenQueue applies this setting after a window reload.'), reload)
        .then((a) => (a === reload ? vscode.commands.executeCommand('workbench.action.reloadWindow') : undefined));
    }
  }

  /** deactivate: save everything and hand our leases to other windows. */
  async shutdown(): Promise<void> {
    this.stopIdleWatch();
    const service =
      this.started ?? (this.servicePromise ? await this.servicePromise.catch(() => undefined) : undefined);
    try {
      await service?.shutdown();
    } finally {
      this.dispose();
    }
  }
}
