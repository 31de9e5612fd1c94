// Tells the user their genqueue.assetsFolder setting was not used, why, and where results go
// instead, with a way to fix it. Not modal: the generation goes ahead.
import * as vscode from 'vscode';
import type { AssetsFolderChoice, FolderProblem } from './assetsFolderChoice';

function reason(problem: FolderProblem): string {
  switch (problem) {
    case 'outside':
      return vscode.l10n.t('is outside the workspace folder');
    case 'notAFolder':
      return vscode.l10n.t('does not name a folder');
    case 'characters':
      return vscode.l10n.t('has characters a file name cannot have');
  }
}

export function warnIfFolderRejected(choice: AssetsFolderChoice): void {
  if (!choice.rejected) return;
  const open = vscode.l10n.t('Open Settings');
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t(
        'The genqueue.assetsFolder setting "{0}" {1}, so results are saved to "{2}" in the workspace instead.',
        choice.rejected.value,
        reason(choice.rejected.problem),
        choice.folder,
      ),
      open,
    )
    .then((a) =>
      a === open ? vscode.commands.executeCommand('workbench.action.openSettings', 'genqueue.assetsFolder') : undefined,
    );
}
