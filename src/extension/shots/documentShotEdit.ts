// A shot-list change written as an edit of the open document: the smallest replace the core edit
// computes, applied through a WorkspaceEdit, so undo/redo, dirty state, save and git work as for
// any typed change. A refused or failed edit changes nothing and says why. Edits of one document
// run one after another: each is computed on the text the previous one left (applyEdit reaches the
// document a round trip later, so two edits computed at once would both start from the old text).
import * as vscode from 'vscode';
import { editShotList, type ShotEdit } from '../../core/shots/shotEdits';

export type EditOutcome = { ok: true } | { ok: false; message: string };

const queues = new Map<string, Promise<unknown>>();

export function applyShotEdit(document: vscode.TextDocument, edit: ShotEdit): Promise<EditOutcome> {
  const key = document.uri.toString();
  const next = (queues.get(key) ?? Promise.resolve()).then(() => applyNow(document, edit));
  const tail = next.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return next;
}

async function applyNow(document: vscode.TextDocument, edit: ShotEdit): Promise<EditOutcome> {
  const result = editShotList(document.getText(), edit);
  if (!result.ok) return { ok: false, message: result.message };
  const { offset, length, text } = result.replace;
  const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(document.uri, range, text);
  const applied = await vscode.workspace.applyEdit(workspaceEdit);
  return applied
    ? { ok: true }
    : {
        ok: false,
        message: vscode.l10n.t('VS Code did not apply the edit to {0}; the file is unchanged.', fileName(document)),
      };
}

function fileName(document: vscode.TextDocument): string {
  return document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
}
