// The one check before jobs are sent, used by every path that sends them: their inputs against each
// model's schema (a red message costs nothing; a provider's 422 costs a round trip), then the cost
// confirmation with live fal prices where known.
import * as vscode from 'vscode';
import type { JobSpec } from '../../core/jobTypes';
import type { HostModels } from '../models/hostModels';
import { estimateSpend, needsConfirmation, spendQuestion } from './spendEstimate';

/**
 * True when the jobs may be sent: inputs valid, and free, below the threshold, or the user said yes.
 * `audioSec`: the length of the jobs' audio reference when known (talking heads are priced by it).
 * `later`: jobs sent without asking again once the ones they depend on are done; they count in the cost,
 * and their inputs are checked but for references, which do not exist yet.
 */
export async function confirmSpend(
  specs: readonly JobSpec[],
  threshold: number,
  button: string,
  models: HostModels,
  audioSec?: number,
  later: readonly JobSpec[] = [],
): Promise<boolean> {
  const problems = [...(await models.problems(specs)), ...(await models.problems(later, { refsComeLater: true }))];
  if (problems.length > 0) {
    const shown = problems.slice(0, 8);
    if (problems.length > shown.length) shown.push(vscode.l10n.t('…and {0} more', problems.length - shown.length));
    void vscode.window.showErrorMessage(
      vscode.l10n.t('GenQueue: nothing was sent. Fix these inputs first: {0}', shown.join('; ')),
    );
    return false;
  }
  const all = [...specs, ...later];
  await models.prices.refresh(all);
  const est = estimateSpend(all, (s) => models.prices.estimate(s.provider, s.model, s.input, audioSec));
  if (!needsConfirmation(est, threshold)) return true;
  const answer = await vscode.window.showWarningMessage(
    spendQuestion(est, vscode.l10n.t),
    { modal: true, detail: est.lines.join('\n') },
    button,
  );
  return answer === button;
}
