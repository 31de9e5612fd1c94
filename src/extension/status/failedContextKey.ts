// The `genqueue.hasFailed` context key: the view's "Retry All Failed" title button shows only when
// there is a failure to retry (package.json menus, `when` clause). Same rule as the panel's Failed section.
import * as vscode from 'vscode';
import type { Job } from '../../core/jobTypes';
import { retryableFailures } from '../generate/retryableFailures';

export const HAS_FAILED_KEY = 'genqueue.hasFailed';

export class FailedContextKey {
  private last: boolean | undefined;

  update(jobs: readonly Job[]): void {
    const value = retryableFailures(jobs).length > 0;
    if (value === this.last) return;
    this.last = value;
    void vscode.commands.executeCommand('setContext', HAS_FAILED_KEY, value);
  }
}
