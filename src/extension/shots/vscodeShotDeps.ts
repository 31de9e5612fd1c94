// The shot runner's ports over VS Code and the host context (see shotRunnerDeps.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { chooseAssetsFolder } from '../assets/assetsFolderChoice';
import type { HostFileSystem } from '../assets/hostFileSystem';
import { askPrompt } from '../generate/promptBox';
import { confirmSpend } from '../generate/spendConfirmation';
import type { HostContext } from '../host/hostContext';
import { insertTake } from '../insert/insertion';
import { setApiKey } from '../keys/keyCommands';
import { defaultShotListBudget } from '../queue/queueSettings';
import type { ShotJobService, ShotRunnerDeps, ShotRunnerUi } from './shotRunnerDeps';

function workspaceFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function readWorkspaceFile(fs: HostFileSystem, relative: string): Promise<string | undefined> {
  const folder = workspaceFolder();
  if (!folder) return undefined;
  const uri = vscode.Uri.joinPath(folder, ...relative.split('/')).toString();
  return new TextDecoder().decode(await fs.readFile(uri));
}

/** genqueue.shotListBudget: a positive amount in USD, else no default cap. */
export function vscodeShotUi(ctx: HostContext): ShotRunnerUi {
  const open = (uri: string) => vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  return {
    confirmSpend: (specs, button, later = []) =>
      confirmSpend(specs, ctx.config().budgetConfirmThreshold, button, ctx.models, undefined, later),
    info: (m) => void vscode.window.showInformationMessage(m),
    warn: (m) => void vscode.window.showWarningMessage(m),
    error: (m) => void vscode.window.showErrorMessage(m),
    askPrompt,
    setKey: (provider) => setApiKey(ctx, provider),
    openExternal: async (url) => {
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
    },
    openAt: async (uri, line) => {
      const at = new vscode.Position(line, 0);
      await vscode.window.showTextDocument(await open(uri), { selection: new vscode.Range(at, at), preview: false });
    },
    applyEdit: async (uri, replace, baseText) => {
      const doc = await open(uri);
      // Offsets are into the text the edit was made from: a document changed since would be hit elsewhere.
      if (doc.getText() !== baseText) return false;
      const edit = new vscode.WorkspaceEdit();
      const range = new vscode.Range(doc.positionAt(replace.offset), doc.positionAt(replace.offset + replace.length));
      edit.replace(doc.uri, range, replace.text);
      return vscode.workspace.applyEdit(edit);
    },
    insertTake: async (job, takeIndex) => {
      await insertTake(ctx, job, takeIndex);
    },
    reveal: async (fileUri) => {
      const uri = vscode.Uri.parse(fileUri, true);
      if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
      else await vscode.commands.executeCommand('revealFileInOS', uri);
    },
  };
}

/** `service` is the host's job service (GenQueueService), started on first use. */
export function vscodeShotDeps(
  ctx: HostContext,
  fs: HostFileSystem,
  service: () => Promise<ShotJobService>,
): ShotRunnerDeps {
  return {
    service,
    fs,
    workspaceUri: () => workspaceFolder()?.toString(),
    assetsFolder: async () => {
      const cfg = ctx.config();
      const choice = await chooseAssetsFolder({ value: cfg.assetsFolder, explicit: cfg.assetsFolderExplicit }, () =>
        readWorkspaceFile(fs, 'package.json'),
      );
      return choice.folder;
    },
    settings: () => {
      const cfg = ctx.config();
      return {
        defaultProvider: cfg.defaultProvider,
        defaultModel: cfg.defaultModel,
        shotListBudget: defaultShotListBudget(),
      };
    },
    hasKey: (p) => ctx.keys.has(p),
    history: ctx.history,
    listText: (listPath) => {
      const open = vscode.workspace.textDocuments.find(
        (d) => !d.isClosed && vscode.workspace.asRelativePath(d.uri, false) === listPath,
      );
      if (open) return open.getText();
      // A closed list on disk (a virtual workspace has no sync read: the setting's cap applies there).
      const folder = workspaceFolder();
      if (folder?.scheme !== 'file') return undefined;
      try {
        return readFileSync(join(folder.fsPath, ...listPath.split('/')), 'utf8');
      } catch {
        return undefined;
      }
    },
    ui: vscodeShotUi(ctx),
    log: (level, message) => ctx.log[level](message),
    now: () => Date.now(),
  };
}
