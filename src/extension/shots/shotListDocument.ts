// A `*.shots.yaml` document as the host reads it: parsed with output paths checked against the
// workspace folder the file belongs to (or its own folder when it is outside every workspace).
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { parseShotList } from '../../core/shots/parseShotList';
import type { ParsedShotList } from '../../core/shots/shotTypes';

export const SHOT_LIST_SUFFIX = '.shots.yaml';

export function isShotListUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith(SHOT_LIST_SUFFIX);
}

export function parseShotListDocument(document: vscode.TextDocument): ParsedShotList {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.path ?? posix.dirname(document.uri.path);
  return parseShotList(document.getText(), { insideWorkspace: (rel) => isInsideFolder(folder, rel) });
}

/** A workspace-relative path that stays inside the folder (no `..` out of it, not absolute). */
export function isInsideFolder(folder: string, rel: string): boolean {
  if (rel.trim() === '' || rel.includes('\0') || posix.isAbsolute(rel) || /^[a-zA-Z]:|^\\\\/.test(rel)) return false;
  const root = posix.normalize(`${folder}/`);
  const full = posix.normalize(posix.join(root, rel.replace(/\\/g, '/')));
  return full.startsWith(root) && full !== root;
}
