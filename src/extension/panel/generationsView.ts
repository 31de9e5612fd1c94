// The generations panel (`genqueue.generations`): a webview view. It waits for the webview's
// `ready`, then posts a complete snapshot, and again on every change (coalesced ~100 ms).
// retainContextWhenHidden is false: a hidden webview is torn down and says `ready` again when
// shown, so nothing is posted while hidden (VS Code would drop it anyway).
import * as vscode from 'vscode';
import type { Job } from '../../core/jobTypes';
import { takeUri } from '../assets/assetLocations';
import type { GenerateFlow } from '../generate/generateFlow';
import type { JobActions } from '../generate/jobActions';
import type { HostContext } from '../host/hostContext';
import { setApiKey } from '../keys/keyCommands';
import { Disposable, toDisposable } from '../shared/disposable';
import { createNonce, renderWebviewHtml } from '../shared/webviewHtml';
import type { HistoryRow, HostToWebview, WebviewToHost } from './generationsProtocol';
import { describeMessage, validateWebviewMessage } from './messageValidation';
import { buildSnapshot, mergeHistoryRows } from './snapshotBuilder';

export const GENERATIONS_VIEW_ID = 'genqueue.generations';
const COALESCE_MS = 100;

export class GenerationsViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private history: HistoryRow[] = [];
  private historyLoaded = false;
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
    if (opts.history) this.historyLoaded = false;
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
    if (!this.historyLoaded) {
      this.historyLoaded = true;
      try {
        this.history = await this.ctx.history.readRows();
      } catch (err) {
        this.ctx.log.warn(`Could not read history: ${String(err)}`);
      }
    }
    const webview = view.webview;
    const gs = this.ctx.globalStorageUri;
    const jobs = service.jobs();
    // Every finished job the panel has seen stays in the cached history when it leaves the list
    // (Clear Finished, Dismiss, the size cap), whether or not the history file is read again.
    this.history = mergeHistoryRows(jobs, this.history);
    const snapshot = buildSnapshot({
      jobs,
      history: this.history,
      keys: this.ctx.keys.presence(),
      now: Date.now(),
      estimateMs: (m) => service.engine.estimateDurationMs(m),
      phaseHint: (j: Job) => service.engine.phaseHint(j),
      previewUri: (j, i) => {
        const u = takeUri(j, i, gs);
        return u ? webview.asWebviewUri(u).toString() : undefined;
      },
      fileUri: (j, i) => takeUri(j, i, gs)?.toString(),
      secrets: this.ctx.keys.all(),
    });
    const message: HostToWebview = { type: 'snapshot', snapshot };
    if (this.view === view && this.ready) await webview.postMessage(message);
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
        await this.post();
        return;
      case 'generate':
        await this.generate.run(msg.modality);
        return;
      case 'cancel':
        return a.cancel(msg.id);
      case 'retry':
        await a.retry(msg.id);
        return;
      case 'editRetry':
        return a.editRetry(msg.id);
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
