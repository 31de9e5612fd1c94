// "Open as text": the same file in VS Code's text editor, at a shot's line when one is given.
import * as vscode from 'vscode';

export async function openShotListAsText(uri: vscode.Uri, line?: number): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
  if (line === undefined) return;
  const document = await vscode.workspace.openTextDocument(uri);
  const at = new vscode.Position(line, 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at), preview: false });
}
