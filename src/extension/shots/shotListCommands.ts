// The shot-list commands: New Shot List (a commented example, never over an existing file), Add
// Selection as Shot (Markdown storyboard text appended to a list as a document edit), and the two
// switches between the Production Queue and the text editor.
import * as vscode from 'vscode';
import { EXAMPLE_SHOT_LIST } from '../../core/shots/exampleShotList';
import { shotFromSelection } from '../../core/shots/selectionToShot';
import { openShotListAsText } from '../queue/openAsText';
import { PRODUCTION_QUEUE_VIEW_TYPE } from '../queue/queueEditorProvider';
import { fileErrorOf } from '../queue/queueSnapshot';
import { uriExists } from '../shared/uriExists';
import { applyShotEdit } from './documentShotEdit';
import { isShotListUri, parseShotListDocument, SHOT_LIST_SUFFIX } from './shotListDocument';
import { shotListName } from './shotListName';

type Register = (id: string, fn: (...args: unknown[]) => unknown) => void;

export function registerShotListCommands(command: Register): void {
  command('genqueue.openProductionQueue', (uri) => openProductionQueue(uri));
  command('genqueue.openShotListAsText', (uri) => openAsText(uri));
  command('genqueue.newShotList', async () => {
    const uri = await newShotList();
    if (uri) await openInQueue(uri);
  });
  command('genqueue.addSelectionAsShot', () => addSelectionAsShot());
}

function openInQueue(uri: vscode.Uri): Thenable<unknown> {
  return vscode.commands.executeCommand('vscode.openWith', uri, PRODUCTION_QUEUE_VIEW_TYPE);
}

/** From the text editor's title (the file's URI) or the palette (the active editor's file). */
async function openProductionQueue(arg: unknown): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !isShotListUri(uri)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a shot list (a *.shots.yaml file) to show it in the Production Queue.'),
    );
    return;
  }
  await openInQueue(uri);
}

/** From the Production Queue's title (the file's URI), or the active custom editor tab. */
async function openAsText(arg: unknown): Promise<void> {
  const input = vscode.window.tabGroups.activeTabGroup?.activeTab?.input;
  const uri = arg instanceof vscode.Uri ? arg : input instanceof vscode.TabInputCustom ? input.uri : undefined;
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a shot list in the Production Queue first.'));
    return;
  }
  await openShotListAsText(uri);
}

/** Asks for a name and writes the example list; undefined when cancelled or refused (said why). */
export async function newShotList(): Promise<vscode.Uri | undefined> {
  const folder = targetFolder();
  if (!folder) {
    void vscode.window.showErrorMessage(vscode.l10n.t('GenQueue: open a folder first; a shot list is a file in it.'));
    return undefined;
  }
  const input = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Name of the new shot list (saved as <name>{0})', SHOT_LIST_SUFFIX),
    value: 'storyboard',
    validateInput: (v) => {
      const r = shotListName(v);
      return r.ok ? undefined : r.message;
    },
  });
  if (input === undefined) return undefined;
  const name = shotListName(input);
  if (!name.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('GenQueue: {0}', name.message));
    return undefined;
  }
  const uri = vscode.Uri.joinPath(folder, `${name.name}${SHOT_LIST_SUFFIX}`);
  if (await uriExists(uri)) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('GenQueue: {0} already exists; it was left as it is. Choose another name.', uri.path),
    );
    return undefined;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(EXAMPLE_SHOT_LIST));
  return uri;
}

/** The active file's folder when it is in the workspace, else the first workspace folder. */
function targetFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active)) {
    return vscode.Uri.joinPath(active, '..');
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function addSelectionAsShot(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const text = editor && editor.document.languageId === 'markdown' ? editor.document.getText(editor.selection) : '';
  if (!editor || editor.selection.isEmpty || text.trim() === '') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Select the text of a shot in a Markdown storyboard, then run Add Selection as Shot.'),
    );
    return;
  }
  const target = await pickShotList();
  if (!target) return;
  const document = await vscode.workspace.openTextDocument(target);
  const parsed = parseShotListDocument(document);
  const fileError = fileErrorOf(parsed);
  if (fileError !== undefined) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('GenQueue: {0} cannot be read as a shot list ({1}); nothing was added.', target.path, fileError),
    );
    return;
  }
  const shot = shotFromSelection(
    text,
    parsed.list.shots.map((s) => s.id),
  );
  const outcome = await applyShotEdit(document, { kind: 'appendShot', shot });
  if (!outcome.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('GenQueue: the shot was not added: {0}', outcome.message));
    return;
  }
  const open = vscode.l10n.t('Open Production Queue');
  const listPath = vscode.workspace.asRelativePath(target, false);
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Added shot {0} to {1}.', shot.id, listPath),
    open,
  );
  if (answer === open) await openInQueue(target);
}

/** The shot lists of the workspace to choose from, or a new one. */
async function pickShotList(): Promise<vscode.Uri | undefined> {
  const lists = await vscode.workspace.findFiles(`**/*${SHOT_LIST_SUFFIX}`, '**/node_modules/**', 500);
  if (lists.length === 0) {
    const create = vscode.l10n.t('New Shot List');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('There is no shot list (*.shots.yaml) in this workspace yet.'),
      create,
    );
    return answer === create ? newShotList() : undefined;
  }
  const items: (vscode.QuickPickItem & { uri?: vscode.Uri })[] = lists
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri, false), uri }))
    .sort((a, b) => a.label.localeCompare(b.label));
  items.push({ label: vscode.l10n.t('$(add) New shot list…') });
  const pick = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Add the selection to which shot list?'),
  });
  if (!pick) return undefined;
  return pick.uri ?? newShotList();
}
