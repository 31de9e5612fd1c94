// "Re-run from this file" (explorer context menu on media files): read `<file>.genq.json` and
// submit the same provider/model/input and references (by workspace path and content hash, so an
// upload that expired long ago is simply made again); the new result lands next to the original.
import * as vscode from 'vscode';
import type { JobDestination } from '../../core/jobTypes';
import { MEDIA_FILE_PATTERN } from '../assets/safeFileName';
import { parseSidecarForRerun, SIDECAR_SUFFIX } from '../assets/sidecar';
import type { HostContext } from '../host/hostContext';
import type { GenerateFlow } from './generateFlow';

export async function rerunFromFile(ctx: HostContext, generate: GenerateFlow, arg: unknown): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !MEDIA_FILE_PATTERN.test(uri.path)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Choose a generated image, video or audio file in the Explorer.'),
    );
    return;
  }
  const sidecarUri = uri.with({ path: `${uri.path}${SIDECAR_SUFFIX}` });
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecarUri));
  } catch {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} has no GenQueue sidecar ({1}), so it cannot be re-run.',
        uri.path.split('/').pop() ?? '',
        SIDECAR_SUFFIX,
      ),
    );
    return;
  }
  const parsed = parseSidecarForRerun(text);
  if (!parsed.ok) {
    ctx.log.warn(`Sidecar ${sidecarUri.toString()} not usable: ${parsed.reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot re-run: {0}', parsed.reason));
    return;
  }
  const destination: JobDestination = {};
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder) {
    const rel = vscode.workspace.asRelativePath(uri, false).split('/').slice(0, -1).join('/');
    if (rel) destination.folder = rel;
  }
  await generate.submitSpec({ ...parsed.spec, destination });
}
