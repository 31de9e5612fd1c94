// What an insert needs to know about a document's Remotion project: whether it is one (the file
// imports 'remotion', or a package.json between it and its workspace folder depends on it), and
// the composition's fps (to give a video or audio its length in frames).
import * as vscode from 'vscode';
import { declaredFps } from './remotionFps';
import { importsRemotion, packageDependsOnRemotion } from './remotionImports';

const JSX_LANGUAGES = new Set(['typescriptreact', 'javascriptreact']);
/** Where create-video templates declare their compositions. */
const ROOT_FILES = ['Root.tsx', 'Root.jsx', 'Video.tsx', 'Video.jsx'];

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // not there
  }
}

/** The document's folder and each parent up to its workspace folder (monorepos nest projects). */
function foldersUp(doc: vscode.TextDocument): vscode.Uri[] {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) return [];
  const out: vscode.Uri[] = [];
  let dir = vscode.Uri.joinPath(doc.uri, '..');
  for (let i = 0; i < 32 && dir.path.startsWith(folder.uri.path); i++) {
    out.push(dir);
    if (dir.path === folder.uri.path) break;
    dir = vscode.Uri.joinPath(dir, '..');
  }
  return out;
}

export async function isRemotionDocument(doc: vscode.TextDocument): Promise<boolean> {
  if (!JSX_LANGUAGES.has(doc.languageId)) return false;
  if (importsRemotion(doc.getText())) return true;
  for (const dir of foldersUp(doc)) {
    const pkg = await readText(vscode.Uri.joinPath(dir, 'package.json'));
    if (pkg !== undefined && packageDependsOnRemotion(pkg)) return true;
  }
  return false;
}

/** The fps the document or the nearest Root/Video file declares; undefined when unknown. */
export async function compositionFps(doc: vscode.TextDocument): Promise<number | undefined> {
  const own = declaredFps([doc.getText()]);
  if (own !== undefined) return own;
  for (const dir of foldersUp(doc)) {
    const texts: string[] = [];
    for (const name of ROOT_FILES) {
      const text = await readText(vscode.Uri.joinPath(dir, name));
      if (text !== undefined) texts.push(text);
    }
    if (texts.length > 0) return declaredFps(texts);
  }
  return undefined;
}
