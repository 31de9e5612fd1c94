// The one cost confirmation, used by every path that sends jobs to a paid provider.
import * as vscode from 'vscode';
import type { JobSpec } from '../../core/jobTypes';
import { estimateSpend, needsConfirmation, spendQuestion } from './spendEstimate';

/** True when the jobs may be sent: free, below the threshold, or the user said yes. */
export async function confirmSpend(
  specs: readonly JobSpec[],
  threshold: number,
  button: string,
  audioSec?: number,
): Promise<boolean> {
  const est = estimateSpend(specs, audioSec);
  if (!needsConfirmation(est, threshold)) return true;
  const answer = await vscode.window.showWarningMessage(
    spendQuestion(est, vscode.l10n.t),
    { modal: true, detail: est.lines.join('\n') },
    button,
  );
  return answer === button;
}
