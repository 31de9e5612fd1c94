// One Production Queue editor: a webview panel over one `*.shots.yaml` document. The webview says
// `ready` (again after being hidden: retainContextWhenHidden is false), and gets a complete
// snapshot; an edit of the document (typed, undo, or ours) sends a new snapshot ~100 ms later; the
// runner's progress sends only the changed rows and the batch; `selectShot` sends that shot's takes.
import * as vscode from 'vscode';
import type { RefContent } from '../../core/shots/resolveShot';
import { type ParsedShotList, type ResolvedShot, refEntries } from '../../core/shots/shotTypes';
import { listNameOf } from '../../core/shots/takePaths';
import { Disposable, toDisposable } from '../shared/disposable';
import { createNonce, renderWebviewHtml } from '../shared/webviewHtml';
import { parseShotListDocument } from '../shots/shotListDocument';
import type { ShotListRef, ShotTakeFile } from '../shots/shotRunnerPort';
import type { QueueEditorDeps } from './queueEditorDeps';
import { QueueMessageHandler } from './queueMessageHandler';
import type { BatchView, QueueHostMessage } from './queueProtocol';
import { buildQueueSnapshot, fileErrorOf, resolveAll } from './queueSnapshot';
import { buildRows } from './shotRows';
import { takeViews } from './takeViews';

const REPARSE_MS = 100;
/** The Production Queue app's custom element (webview/queue/main.ts defines it). */
export const QUEUE_APP_ELEMENT = 'genqueue-queue';

interface Parsed {
  version: number;
  parsed: ParsedShotList;
  resolved: Map<string, ResolvedShot>;
  fileError?: string;
}

export class QueueEditorSession extends Disposable {
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Parsed | undefined;
  private lastGood: Parsed | undefined;
  private selected: string | undefined;
  /** Bumped by every snapshot: rows and takes computed before it are dropped, not posted late. */
  private generation = 0;
  /** Content hashes of the list's references, as last read (fingerprints of shots with refs). */
  private content: RefContent = new Map();
  /** The batch the page has (JSON), so a job's progress does not re-send an unchanged batch. */
  private sentBatch: string | undefined;

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: QueueEditorDeps,
  ) {
    super();
    const webview = panel.webview;
    const dist = vscode.Uri.joinPath(deps.extensionUri, 'dist');
    webview.options = {
      enableScripts: true,
      // Take previews are files in the workspace, shown through asWebviewUri.
      localResourceRoots: [dist, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)],
    };
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'queue.js')).toString(),
      codiconsUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
      title: vscode.l10n.t('Production Queue'),
      appElement: QUEUE_APP_ELEMENT,
    });
    const handler = new QueueMessageHandler(this, deps);
    this.register(webview.onDidReceiveMessage((m: unknown) => void handler.handle(m)));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri) this.scheduleSnapshot();
      }),
    );
    this.register(
      panel.onDidChangeViewState(() => {
        // Hidden: the page is gone; it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
    );
    const runner = deps.runner;
    if (runner) {
      this.register(
        runner.onDidChange((listPath, ids) => {
          if (listPath === this.listPath) void this.onRunnerChange(ids);
        }),
      );
    }
    this.register(toDisposable(() => this.timer && clearTimeout(this.timer)));
  }

  get uri(): string {
    return this.document.uri.toString();
  }

  get listPath(): string {
    return vscode.workspace.asRelativePath(this.document.uri, false);
  }

  get textDocument(): vscode.TextDocument {
    return this.document;
  }

  /** The document as last parsed; re-parsed when its text changed since. */
  parsedNow(): Parsed {
    if (this.current?.version === this.document.version) return this.current;
    const parsed = parseShotListDocument(this.document);
    const resolved = resolveAll(parsed, this.deps.fallback(), this.content);
    const next: Parsed = { version: this.document.version, parsed, resolved };
    const fileError = fileErrorOf(parsed);
    if (fileError === undefined) {
      this.lastGood = next;
      this.current = next;
    } else {
      // The file cannot be read as a list right now (mid-typing): the table keeps the last good rows.
      this.current = { ...(this.lastGood ?? next), version: next.version, fileError };
    }
    return this.current;
  }

  /** What the runner gets: the document's current text and parse. */
  listRef(): ShotListRef {
    const { parsed } = this.parsedNow();
    return { uri: this.uri, listPath: this.listPath, text: this.document.getText(), parsed };
  }

  onReady(): Promise<void> {
    this.ready = true;
    return this.sendSnapshot();
  }

  select(id: string): Promise<void> {
    this.selected = id;
    return this.sendTakes(id, this.generation);
  }

  /** Something outside the file changed what its shots resolve to (keys, settings). */
  refresh(): void {
    this.current = undefined;
    this.scheduleSnapshot();
  }

  private scheduleSnapshot(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sendSnapshot().catch((err) => this.deps.log.error(`Production Queue update failed: ${String(err)}`));
    }, REPARSE_MS);
  }

  async sendSnapshot(): Promise<void> {
    if (!this.ready) return;
    const generation = ++this.generation;
    // A shot selected while this snapshot is built gets its takes from select() itself.
    const selected = this.selected;
    const runner = this.deps.runner;
    const listPath = this.listPath;
    const takes = await this.takes();
    await this.readContent();
    if (generation !== this.generation) return;
    const { parsed, resolved, fileError } = this.parsedNow();
    const snapshot = buildQueueSnapshot({
      now: Date.now(),
      listName: listNameOf(listPath),
      listPath,
      parsed,
      resolved,
      jobs: runner?.jobsFor(listPath) ?? new Map(),
      takes,
      chain: runner?.chainFor(listPath, parsed.list) ?? new Map(),
      spent: runner?.spentOn(listPath) ?? { source: 'unknown', label: '—' },
      defaultBudget: this.deps.defaultBudget(),
      batch: this.currentBatch().batch,
      fileError,
      keys: this.deps.keys(),
      estimateMs: this.deps.estimateMs,
      ...(this.deps.formOf ? { formOf: this.deps.formOf } : {}),
    });
    await this.post({ type: 'snapshot', snapshot });
    if (selected !== undefined) await this.sendTakes(selected, generation, takes);
  }

  private async onRunnerChange(ids: readonly string[] | 'all'): Promise<void> {
    if (!this.ready) return;
    if (ids === 'all') return this.sendSnapshot();
    const generation = this.generation;
    const runner = this.deps.runner;
    const takes = await this.takes();
    // A new take of a dependency changes what its dependents are made from: their rows too. Only
    // then are the references read again (not on every progress event of a batch).
    const contentChanged = this.isDependency(ids) && (await this.readContent());
    if (generation !== this.generation || !runner) return;
    if (contentChanged) return this.sendSnapshot();
    const { parsed, resolved } = this.parsedNow();
    const chain = runner.chainFor(this.listPath, parsed.list);
    // Shots waiting in a plan change with their dependencies' jobs: their rows go with them.
    const wanted = new Set([...ids, ...chain.keys()]);
    const rows = buildRows({ parsed, resolved, jobs: runner.jobsFor(this.listPath), takes, chain }, wanted);
    if (rows.length > 0) await this.post({ type: 'rows', rows });
    const { batch, changed } = this.currentBatch();
    if (changed) await this.post({ type: 'batch', batch });
    if (this.selected !== undefined && ids.includes(this.selected)) {
      await this.sendTakes(this.selected, generation, takes);
    }
  }

  /** The batch changed by a user action (close the overlay): say so without waiting for the runner. */
  async sendBatch(): Promise<void> {
    await this.post({ type: 'batch', batch: this.currentBatch().batch });
  }

  /** The runner's batch for this list, remembered as the one the page gets next. */
  private currentBatch(): { batch: BatchView | undefined; changed: boolean } {
    const batch = this.deps.runner?.batchFor(this.listPath);
    const json = JSON.stringify(batch ?? null);
    const changed = json !== this.sentBatch;
    this.sentBatch = json;
    return { batch, changed };
  }

  private async sendTakes(
    id: string,
    generation: number,
    known?: ReadonlyMap<string, readonly ShotTakeFile[]>,
  ): Promise<void> {
    const takes = known ?? (await this.takes());
    if (generation !== this.generation || this.selected !== id) return;
    const webview = this.panel.webview;
    const views = takeViews(takes.get(id) ?? [], this.parsedNow().resolved.get(id), (u) =>
      webview.asWebviewUri(vscode.Uri.parse(u)).toString(),
    );
    await this.post({ type: 'takes', shotId: id, takes: views });
  }

  private isDependency(ids: readonly string[]): boolean {
    const targets = new Set(ids.map((id) => `shot:${id}`));
    return this.parsedNow().parsed.list.shots.some((s) => refEntries(s.refs).some((r) => targets.has(r.value)));
  }

  /** Read the references' content again; true (and the shots resolved again) when it changed. */
  private async readContent(): Promise<boolean> {
    const runner = this.deps.runner;
    if (!runner) return false;
    let content: RefContent;
    try {
      content = await runner.refContent(this.listPath, this.parsedNow().parsed.list);
    } catch (err) {
      this.deps.log.warn(`Could not read the references of ${this.listPath}: ${String(err)}`);
      return false;
    }
    const key = (c: RefContent) => JSON.stringify([...c].sort());
    if (key(content) === key(this.content)) return false;
    this.content = content;
    this.current = undefined;
    this.lastGood = this.lastGood && {
      ...this.lastGood,
      resolved: resolveAll(this.lastGood.parsed, this.deps.fallback(), content),
    };
    return true;
  }

  private async takes(): Promise<ReadonlyMap<string, readonly ShotTakeFile[]>> {
    const runner = this.deps.runner;
    if (!runner) return new Map();
    try {
      return await runner.takesFor(this.listPath);
    } catch (err) {
      this.deps.log.warn(`Could not read the takes of ${this.listPath}: ${String(err)}`);
      return new Map();
    }
  }

  private async post(message: QueueHostMessage): Promise<void> {
    if (!this.ready || this.store.isDisposed) return;
    await this.panel.webview.postMessage(message);
  }
}
