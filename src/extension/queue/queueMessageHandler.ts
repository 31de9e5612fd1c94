// What the Production Queue webview asks for: edits become document edits (undo, dirty state and
// save as for typing), batch and take actions go to the runner. Malformed messages are logged and
// dropped; a failed action is logged and shown, never swallowed.
import * as vscode from 'vscode';
import { redact } from '../../core/redact';
import type { ShotEdit } from '../../core/shots/shotEdits';
import type { Shot } from '../../core/shots/shotTypes';
import { describeMessage } from '../panel/messageValidation';
import { applyShotEdit } from '../shots/documentShotEdit';
import { openShotListAsText } from './openAsText';
import type { QueueEditorDeps } from './queueEditorDeps';
import type { QueueEditorSession } from './queueEditorSession';
import { validateQueueMessage } from './queueMessageValidation';
import type { QueueWebviewMessage } from './queueProtocol';

/** Actions that read the list's text (pause, resume, cancel and close only touch the batch). */
const LIST_ACTIONS = new Set<QueueWebviewMessage['type']>([
  'generate',
  'generateStale',
  'retryFailed',
  'blockAction',
  'useTake',
  'rerun',
  'editRetry',
  'insertTake',
  'revealTake',
]);

export class QueueMessageHandler {
  constructor(
    private readonly session: QueueEditorSession,
    private readonly deps: QueueEditorDeps,
  ) {}

  async handle(raw: unknown): Promise<void> {
    const msg = validateQueueMessage(raw);
    if (!msg) {
      this.deps.log.warn(`Ignored a malformed message from the Production Queue: ${describeMessage(raw)}`);
      return;
    }
    try {
      await this.dispatch(msg);
    } catch (err) {
      const message = redact(err instanceof Error ? err.message : String(err), this.deps.secrets());
      this.deps.log.error(`Production Queue action ${msg.type} failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('GenQueue: {0}', message));
    }
  }

  private async dispatch(msg: QueueWebviewMessage): Promise<void> {
    const s = this.session;
    switch (msg.type) {
      case 'ready':
        return s.onReady();
      case 'selectShot':
        return s.select(msg.id);
      case 'openText': {
        const line = msg.id === undefined ? undefined : s.parsedNow().parsed.spans[msg.id]?.start.line;
        return openShotListAsText(s.textDocument.uri, line);
      }
      case 'setField':
        return this.edit({ kind: 'setField', ids: msg.ids, field: msg.field, value: msg.value });
      case 'setModel':
        return this.edit({ kind: 'setModel', ids: msg.ids, provider: msg.provider, model: msg.model });
      case 'setParam':
        return this.edit(
          msg.value === undefined
            ? { kind: 'setParam', ids: msg.ids, name: msg.name }
            : { kind: 'setParam', ids: msg.ids, name: msg.name, value: msg.value },
        );
      case 'addShot':
        return this.edit({ kind: 'appendShot', shot: this.newShot() });
      case 'setRef':
        return this.edit(
          msg.value === undefined
            ? { kind: 'setRef', id: msg.id, field: msg.field }
            : { kind: 'setRef', id: msg.id, field: msg.field, value: msg.value },
        );
      case 'dropRef':
        return this.refFromUri(msg.id, msg.field, vscode.Uri.parse(msg.uri, true));
      case 'browseRef': {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: vscode.l10n.t('Use as {0}', msg.field),
          defaultUri: vscode.workspace.getWorkspaceFolder(s.textDocument.uri)?.uri,
        });
        return picked?.[0] ? this.refFromUri(msg.id, msg.field, picked[0]) : undefined;
      }
      default:
        return this.runnerAction(msg);
    }
  }

  private async runnerAction(msg: QueueWebviewMessage): Promise<void> {
    const runner = this.deps.runner;
    if (!runner) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('GenQueue: generating from the Production Queue is not available in this window yet.'),
      );
      return;
    }
    const s = this.session;
    if (LIST_ACTIONS.has(msg.type) && !this.listReadable()) return;
    switch (msg.type) {
      case 'generate': {
        const ids = this.knownIds(msg.ids);
        if (ids.length > 0) await runner.generate(s.listRef(), ids);
        return;
      }
      case 'generateStale':
        return runner.generateStale(s.listRef());
      case 'retryFailed':
        return runner.retryFailed(s.listRef());
      case 'pauseBatch':
        return runner.pause(s.listPath);
      case 'resumeBatch':
        return runner.resume(s.listPath);
      case 'cancelBatch':
        return runner.cancel(s.listPath);
      case 'closeOverlay':
        runner.closeOverlay(s.listPath);
        return s.sendBatch();
      case 'blockAction':
        return runner.blockAction(s.listRef(), msg.action);
      case 'useTake':
        return runner.useTake(s.listRef(), msg.id, msg.take);
      case 'rerun':
        return runner.rerun(s.listRef(), msg.id, msg.take);
      case 'editRetry':
        return runner.editRetry(s.listRef(), msg.id, msg.take);
      case 'insertTake':
        return runner.insertTake(s.listRef(), msg.id, msg.take);
      case 'revealTake':
        return runner.revealTake(s.listRef(), msg.id, msg.take);
      default:
        return;
    }
  }

  /** The runner works from the text: while it cannot be read as a list, nothing is sent from it. */
  private listReadable(): boolean {
    const { fileError } = this.session.parsedNow();
    if (fileError === undefined) return true;
    void vscode.window.showErrorMessage(
      vscode.l10n.t('GenQueue: fix the shot list first; nothing was sent. {0}', fileError),
    );
    return false;
  }

  /** Only shots the file has now: a row of a removed shot (an orphan) is never generated. */
  private knownIds(ids: readonly string[]): string[] {
    const known = this.session.parsedNow().resolved;
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('GenQueue: {0} is not a shot of this list any more; it was not generated.', unknown.join(', ')),
      );
    }
    return ids.filter((id) => known.has(id));
  }

  private async edit(edit: ShotEdit): Promise<void> {
    const outcome = await applyShotEdit(this.session.textDocument, edit);
    if (outcome.ok) return;
    this.deps.log.warn(`Production Queue edit refused: ${outcome.message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('GenQueue: the shot list was not changed: {0}', outcome.message));
  }

  /** A file as a reference: a shot list stores workspace paths, so a file outside is refused with why. */
  private async refFromUri(id: string, field: string, uri: vscode.Uri): Promise<void> {
    if (!vscode.workspace.getWorkspaceFolder(uri)) {
      return this.refused(
        `${uri.fsPath} is outside the workspace; a shot list names workspace files. Copy it into the workspace first.`,
      );
    }
    return this.edit({ kind: 'setRef', id, field, value: vscode.workspace.asRelativePath(uri, false) });
  }

  private refused(message: string): void {
    this.deps.log.warn(`Production Queue reference refused: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('GenQueue: the shot list was not changed: {0}', message));
  }

  /** A new shot at the end: the next free `shot-<n>` id, an image until the user says otherwise. */
  private newShot(): Shot {
    const ids = new Set(this.session.parsedNow().parsed.list.shots.map((s) => s.id));
    let n = ids.size + 1;
    while (ids.has(`shot-${n}`)) n++;
    return { id: `shot-${n}`, modality: 'image', prompt: vscode.l10n.t('Describe this shot') };
  }
}
