// The Production Queue: the default editor of `*.shots.yaml` files, a custom TEXT editor, so the
// document stays the one source of truth (undo/redo, dirty state, save and git as for any file).
// One session per webview panel; several panels may show one document, each with its own session.
import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import type { QueueEditorDeps } from './queueEditorDeps';
import { QueueEditorSession } from './queueEditorSession';

export const PRODUCTION_QUEUE_VIEW_TYPE = 'genqueue.productionQueue';

export class QueueEditorProvider extends Disposable implements vscode.CustomTextEditorProvider {
  /** Each open session with its panel's dispose listener. */
  private readonly sessions = new Map<QueueEditorSession, vscode.Disposable>();

  constructor(private readonly deps: QueueEditorDeps) {
    super();
    this.register({ dispose: () => this.disposeSessions() });
    // A hand-typed model's inputs arrived from its schema: the inspector shows its real form.
    const forms = deps.onDidReadForm?.(() => this.refresh());
    if (forms) this.register(forms);
  }

  /** Registers the provider with VS Code; the registration is owned by the caller. */
  registerWithVscode(): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(PRODUCTION_QUEUE_VIEW_TYPE, this, {
      // A hidden editor's page is torn down; it says `ready` when shown and gets a full snapshot.
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    });
  }

  /** Keys or settings changed (defaults, models, the budget): every open editor gets a new snapshot. */
  refresh(): void {
    for (const s of this.sessions.keys()) s.refresh();
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const session = new QueueEditorSession(document, panel, this.deps);
    this.sessions.set(
      session,
      panel.onDidDispose(() => this.close(session)),
    );
  }

  /** Open sessions (for tests and diagnostics of the host). */
  get openCount(): number {
    return this.sessions.size;
  }

  private close(session: QueueEditorSession): void {
    this.sessions.get(session)?.dispose();
    this.sessions.delete(session);
    session.dispose();
  }

  private disposeSessions(): void {
    for (const s of [...this.sessions.keys()]) this.close(s);
  }
}
