// The generations panel (`genqueue.generations`): a webview view. It waits for the webview's
// `ready`, then posts a complete snapshot; after that each change (coalesced ~100 ms) posts only
// the jobs that changed and, when jobs finished, the new head of history (generationsProtocol.ts).
// retainContextWhenHidden is false: a hidden webview is torn down and says `ready` again when
// shown, so nothing is posted while hidden (VS Code would drop it anyway).
import * as vscode from 'vscode';
import type { Job, ProviderId } from '../../core/jobTypes';
import { takeUri } from '../assets/assetLocations';
import type { GenerateFlow } from '../generate/generateFlow';
import type { JobActions } from '../generate/jobActions';
import type { GenQueueService } from '../host/genQueueService';
import type { HostContext } from '../host/hostContext';
import { setApiKey } from '../keys/keyCommands';
import { Disposable, toDisposable } from '../shared/disposable';
import { createNonce, renderWebviewHtml } from '../shared/webviewHtml';
import {
  DEFAULT_HISTORY_QUERY,
  HISTORY_PAGE_ROWS,
  type HistoryQuery,
  type HostToWebview,
  type JobView,
  type WebviewToHost,
} from './generationsProtocol';
import { HISTORY_INDEX_ROWS, HistoryIndex } from './historyIndex';
import { patchIsLarge, SentJobs } from './jobsPatch';
import { describeMessage, validateWebviewMessage } from './messageValidation';
import { finishedRows, type JobViewInputs, labelledRow, toJobViews } from './snapshotBuilder';

export const GENERATIONS_VIEW_ID = 'genqueue.generations';
const COALESCE_MS = 100;
const HISTORY_REREAD_MS = 30_000;

export class GenerationsViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private history = new HistoryIndex();
  /** When the history files were last read (0: never), and whether they may hold rows the index lacks. */
  private historyReadAt = 0;
  private historyStale = true;
  /** The history query the webview last asked for: snapshots and head updates page through it. */
  private query: HistoryQuery = DEFAULT_HISTORY_QUERY;
  /** What the webview has: jobs (by view JSON), keys, and the history version of its head page. */
  private readonly sentJobs = new SentJobs();
  private sentKeys = '';
  private sentHistoryVersion = -1;
  /** The next post must be a complete snapshot (after `ready`). */
  private needSnapshot = true;
  private readonly viewDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly ctx: HostContext,
    private readonly actions: JobActions,
    private readonly generate: GenerateFlow,
  ) {
    super();
    this.register(
      toDisposable(() => {
        if (this.timer) clearTimeout(this.timer);
        for (const d of this.viewDisposables.splice(0)) d.dispose();
      }),
    );
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
    this.view = view;
    this.ready = false;
    this.needSnapshot = true;
    const dist = vscode.Uri.joinPath(this.ctx.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.ctx.extensionUri, 'media');
    view.webview.options = {
      enableScripts: true,
      // Assets are shown from disk through asWebviewUri: workspace folders and global storage.
      localResourceRoots: [
        dist,
        media,
        this.ctx.globalStorageUri,
        ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
      ],
    };
    view.webview.html = renderWebviewHtml({
      cspSource: view.webview.cspSource,
      nonce: createNonce(),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      codiconsUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
      title: vscode.l10n.t('Generations'),
    });
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      view.onDidChangeVisibility(() => {
        // Hidden: the page is gone (retainContextWhenHidden false); it says `ready` when shown again.
        if (!view.visible) this.ready = false;
      }),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
    // Opening the panel is a reason to load the jobs.
    void this.ctx.service().catch((err) => this.ctx.log.error(`Could not start GenQueue: ${String(err)}`));
  }

  /** Something changed: post a fresh snapshot soon (coalesced). */
  refresh(opts: { history?: boolean } = {}): void {
    if (opts.history) this.historyStale = true;
    if (!this.ready || !this.view || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.post();
    }, COALESCE_MS);
  }

  private async post(): Promise<void> {
    const view = this.view;
    if (!view || !this.ready) return;
    const service = await this.ctx.service();
    await this.loadHistory();
    const jobs = service.jobs();
    // Every finished job the panel has seen stays in history when it leaves the list (Clear
    // Finished, Dismiss, the size cap), whether or not the history file is read again.
    this.history.upsert(finishedRows(jobs));
    const now = Date.now();
    const views = toJobViews(jobs, this.jobViewInputs(view.webview, service, now));
    const keys = this.ctx.keys.presence();
    const messages: HostToWebview[] = [];
    const patch = this.sentJobs.diff(views, now);
    if (this.needSnapshot || JSON.stringify(keys) !== this.sentKeys || patchIsLarge(patch, views.length)) {
      messages.push(this.snapshotMessage(views, keys, now));
    } else {
      if (patch.changed.length > 0 || patch.removed.length > 0) messages.push({ type: 'jobs', patch });
      if (this.history.version !== this.sentHistoryVersion) messages.push(this.headMessage(now));
    }
    for (const m of messages) if (this.view === view && this.ready) await view.webview.postMessage(m);
  }

  private snapshotMessage(jobs: JobView[], keys: Record<ProviderId, boolean>, now: number): HostToWebview {
    this.needSnapshot = false;
    this.sentJobs.reset(jobs);
    this.sentKeys = JSON.stringify(keys);
    this.sentHistoryVersion = this.history.version;
    const history = this.history.page(this.query, 0, HISTORY_PAGE_ROWS, now);
    return { type: 'snapshot', snapshot: { now, jobs, history, keys: { ...keys } } };
  }

  /** History changed: the new first page; the webview splices it over the rows it has. */
  private headMessage(now: number): HostToWebview {
    this.sentHistoryVersion = this.history.version;
    return { type: 'history', page: this.history.page(this.query, 0, HISTORY_PAGE_ROWS, now) };
  }

  /**
   * Reads the history files on first use and, when they may hold rows the index lacks (jobs that
   * finished and left the list), again at most every HISTORY_REREAD_MS: the index already takes
   * every finished job from the registry, and a batch finishes jobs every few seconds.
   */
  private async loadHistory(): Promise<void> {
    if (this.historyReadAt > 0 && (!this.historyStale || Date.now() - this.historyReadAt < HISTORY_REREAD_MS)) return;
    this.historyStale = false;
    this.historyReadAt = Date.now();
    try {
      this.history.upsert((await this.ctx.history.readRows(HISTORY_INDEX_ROWS)).map(labelledRow));
    } catch (err) {
      this.ctx.log.warn(`Could not read history: ${String(err)}`);
    }
  }

  private jobViewInputs(webview: vscode.Webview, service: GenQueueService, now: number): JobViewInputs {
    const gs = this.ctx.globalStorageUri;
    return {
      now,
      estimateMs: (m) => service.engine.estimateDurationMs(m),
      phaseHint: (j: Job) => service.engine.phaseHint(j),
      previewUri: (j, i) => {
        const u = takeUri(j, i, gs);
        return u ? webview.asWebviewUri(u).toString() : undefined;
      },
      fileUri: (j, i) => takeUri(j, i, gs)?.toString(),
      secrets: this.ctx.keys.all(),
    };
  }

  /** A page the webview asked for (scrolling, a search or a filter). */
  private async answerHistory(query: HistoryQuery, offset: number, limit: number): Promise<void> {
    const view = this.view;
    if (!view || !this.ready) return;
    this.query = query;
    await this.loadHistory();
    const page = this.history.page(query, offset, limit, Date.now());
    if (this.view === view && this.ready)
      await view.webview.postMessage({ type: 'history', page } satisfies HostToWebview);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg = validateWebviewMessage(raw);
    if (!msg) {
      this.ctx.log.warn(`Ignored a malformed message from the panel: ${describeMessage(raw)}`);
      return;
    }
    try {
      await this.dispatch(msg);
    } catch (err) {
      this.ctx.log.error(`Panel action ${msg.type} failed: ${String(err)}`);
    }
  }

  private async dispatch(msg: WebviewToHost): Promise<void> {
    const a = this.actions;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.needSnapshot = true;
        await this.post();
        return;
      case 'loadHistory':
        return this.answerHistory(msg.query, msg.offset, msg.limit);
      case 'generate':
        await this.generate.run(msg.modality);
        return;
      case 'cancel':
        return a.cancel(msg.id);
      case 'retry':
        await a.retry(msg.id);
        return;
      case 'editRetry':
        return a.editRetry(msg.id, msg.field);
      case 'rerun':
        return a.rerun(msg.id);
      case 'dismiss':
        await a.dismiss(msg.id);
        this.refresh({ history: true });
        return;
      case 'checkAgain':
        return a.checkAgain(msg.id);
      case 'resubmit':
        return a.resubmit(msg.id);
      case 'showError':
        return a.showError(msg.id);
      case 'insert':
        return a.insert(msg.id, msg.take);
      case 'reveal':
        return a.reveal(msg.id, msg.take);
      case 'download':
        return a.download(msg.id, msg.take);
      case 'openHistory':
        return a.openHistory(msg.id);
      case 'retryAllFailed':
        return a.retryAllFailed();
      case 'clearFinished':
        await a.clearFinished();
        this.refresh({ history: true });
        return;
      case 'setApiKey':
        await setApiKey(this.ctx, msg.provider);
        this.refresh();
        return;
    }
  }
}
