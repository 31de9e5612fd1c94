import * as vscode from 'vscode';

/** Whether a file or folder exists at `uri` (any error reading it counts as no). */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
