// Insert a reference to a take at the cursor: the active (or last active) text editor's, else the
// position remembered at submit time when that file is still open. The text is shaped by
// insertTemplates.ts; in a Remotion project's .tsx/.jsx the missing `remotion` imports are added in
// the same edit (one undo).
import * as vscode from 'vscode';
import type { Job } from '../../core/jobTypes';
import { takeUri } from '../assets/assetLocations';
import type { HostContext } from '../host/hostContext';
import { promptText } from '../status/jobProgress';
import { renderReference } from './insertTemplates';
import { indentUnit } from './jsxPlacement';
import type { EditorTarget } from './lastTextEditor';
import { placeReference } from './ownLinePlacement';
import { framesFor } from './remotionFps';
import { type OffsetEdit, preferredQuote, remotionImportEdit, remotionNamesFor } from './remotionImports';
import { compositionFps, isRemotionDocument } from './remotionProject';

/** The place remembered at submit, when that file is still open (used only when no editor is). */
async function rememberedPlace(job: Job): Promise<EditorTarget | undefined> {
  const at = job.destination?.insertAt;
  if (!at) return undefined;
  let editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === at.uri);
  // Still open but in a background tab: bring it forward rather than insert somewhere else.
  const doc = editor?.document ?? vscode.workspace.textDocuments?.find((d) => d.uri.toString() === at.uri);
  if (!editor && doc && !doc.isClosed) editor = await vscode.window.showTextDocument(doc, { preview: false });
  if (!editor) return undefined;
  const offset = Math.max(0, Math.min(at.offset, editor.document.getText().length));
  return { editor, position: editor.document.positionAt(offset) };
}

export async function insertTake(ctx: HostContext, job: Job, takeIndex: number): Promise<boolean> {
  const uri = takeUri(job, takeIndex, ctx.globalStorageUri);
  if (!uri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This result has not been saved to a file yet.'));
    return false;
  }
  // Where the user is now wins over where they were when they submitted.
  const target = (await ctx.lastEditor.target()) ?? (await rememberedPlace(job));
  if (!target) {
    await vscode.env.clipboard.writeText(vscode.workspace.asRelativePath(uri, false));
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No editor is open, so the file path was copied to the clipboard.'),
    );
    return false;
  }
  const { editor, position } = target;
  const doc = editor.document;
  const remotion = await isRemotionDocument(doc);
  const take = job.takes.find((t) => t.index === takeIndex);
  const timed = remotion && job.modality !== 'image' && take?.durationSec !== undefined;
  const durationInFrames = timed ? framesFor(take?.durationSec, await compositionFps(doc)) : undefined;
  const text = renderReference({
    languageId: doc.languageId,
    modality: job.modality,
    assetPath: uri.path,
    ...(doc.isUntitled || doc.uri.scheme !== uri.scheme ? {} : { documentPath: doc.uri.path }),
    ...(vscode.workspace.getWorkspaceFolder(uri)
      ? { workspaceRoot: vscode.workspace.getWorkspaceFolder(uri)!.uri.path }
      : {}),
    prompt: promptText(job),
    templates: ctx.config().insertTemplates,
    remotion,
    quote: preferredQuote(doc.getText()),
    indentUnit: indentUnit(doc.getText()),
    ...(durationInFrames ? { durationInFrames } : {}),
  });
  const importEdit = remotion ? remotionImportEdit(doc.getText(), remotionNamesFor(text)) : undefined;
  const placed = placeReference(doc.languageId, doc.getText(), doc.offsetAt(position), text);
  const range = (e: OffsetEdit) => new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end));
  const ok = await editor.edit((b) => {
    // Both edits use the document's current offsets; VS Code applies them together.
    if (importEdit) b.replace(range(importEdit), importEdit.text);
    b.replace(range(placed), placed.text);
  });
  if (ok) {
    ctx.log.info(`Inserted ${uri.path} into ${doc.uri.toString()} (job ${job.id}).`);
    await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
  }
  return ok;
}
