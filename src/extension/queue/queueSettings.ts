// The default budget cap of a shot list, read the same way by the Production Queue and the shot runner.
import * as vscode from 'vscode';
import { userValue } from '../host/settingsSafety';

/**
 * genqueue.shotListBudget (USD) for lists without `budget:`; null, unset or 0: no cap (the runner's
 * rule, so the header shows the cap that is applied). User settings only, like
 * budgetConfirmThreshold: a cloned repository's settings cannot change a spending cap.
 */
export function defaultShotListBudget(): number | undefined {
  const v = userValue(vscode.workspace.getConfiguration('genqueue').inspect<number | null>('shotListBudget'));
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}
