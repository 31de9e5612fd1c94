// Turns notification notices into VS Code messages with actions. Failures use showErrorMessage,
// which stays until dismissed (never a progress notification that closes by itself); so do jobs
// that stopped being checked because of an error (see attentionNotice.ts).
import * as vscode from 'vscode';
import type { Job } from '../../core/jobTypes';
import { redact } from '../../core/redact';
import type { JobActions } from '../generate/jobActions';
import { modelLabel } from '../generate/modelLabel';
import type { HostContext } from '../host/hostContext';
import { setApiKey } from '../keys/keyCommands';
import { type AttentionAction, attentionNotice } from './attentionNotice';
import { promptText } from './jobProgress';
import type { Notice } from './notificationPolicy';
import { summaryText } from './notificationPolicy';

/** More than this many at once collapse into one summary (so a batch does not flood the corner). */
const MAX_SEPARATE = 3;
/** Enough of the prompt to tell which generation a notification is about. */
const PROMPT_CHARS = 60;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export class Notifier {
  constructor(
    private readonly ctx: HostContext,
    private readonly actions: JobActions,
  ) {}

  show(notices: readonly Notice[]): void {
    const singles = notices.filter((n) => n.kind === 'succeeded' || n.kind === 'failed');
    if (singles.length > MAX_SEPARATE) {
      const failedJobs = singles.filter((n) => n.kind === 'failed').map((n) => (n as { job: Job }).job);
      void this.summary({ succeeded: singles.length - failedJobs.length, failed: failedJobs.length, failedJobs });
      for (const n of notices) if (n.kind === 'attention' || n.kind === 'summary') void this.one(n);
      return;
    }
    for (const n of notices) void this.one(n);
  }

  private async one(n: Notice): Promise<void> {
    switch (n.kind) {
      case 'succeeded':
        return this.succeeded(n.job);
      case 'failed':
        return this.failed(n.job);
      case 'attention':
        return this.attention(n.job);
      case 'summary':
        return this.summary(n);
    }
  }

  private async succeeded(job: Job): Promise<void> {
    const insert = vscode.l10n.t('Insert');
    const reveal = vscode.l10n.t('Reveal');
    const open = vscode.l10n.t('Open');
    const hasFile = job.takes.some((t) => t.localPath);
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Generated {0} with {1}: “{2}”',
        job.modality,
        modelLabel(job),
        clip(promptText(job), PROMPT_CHARS),
      ),
      ...(hasFile ? [insert, reveal, open] : []),
    );
    const take = job.takes.find((t) => t.localPath)?.index ?? 0;
    if (answer === insert) await this.actions.insert(job.id, take);
    else if (answer === reveal) await this.actions.reveal(job.id, take);
    else if (answer === open) await this.actions.open(job.id, take);
  }

  private async failed(job: Job): Promise<void> {
    const show = vscode.l10n.t('Show Error');
    const retry = vscode.l10n.t('Retry');
    const editRetry = vscode.l10n.t('Edit & Retry');
    const setKey = vscode.l10n.t('Set API Key');
    const category = job.error?.category;
    // An input problem is fixed by changing the input, so that is the first action offered.
    const buttons = category === 'auth' ? [setKey, show] : category === 'input' ? [editRetry, show] : [show, retry];
    const answer = await vscode.window.showErrorMessage(
      redact(
        vscode.l10n.t(
          '{0} failed: {1} (“{2}”)',
          modelLabel(job),
          job.error?.message ?? vscode.l10n.t('unknown error'),
          clip(promptText(job), PROMPT_CHARS),
        ),
        this.ctx.keys.all(),
      ),
      ...buttons,
    );
    if (answer === show) await this.actions.openDetails(job);
    else if (answer === retry) await this.actions.retry(job.id);
    else if (answer === editRetry) await this.actions.editRetry(job.id);
    else if (answer === setKey) await setApiKey(this.ctx, job.provider);
  }

  private async attention(job: Job): Promise<void> {
    const notice = attentionNotice(job, vscode.l10n.t);
    const labels: Record<AttentionAction, string> = {
      checkAgain: vscode.l10n.t('Check Again'),
      setApiKey: vscode.l10n.t('Set API Key'),
      showPanel: vscode.l10n.t('Show Generations'),
    };
    const items = notice.actions.map((a) => labels[a]);
    const message = redact(notice.message, this.ctx.keys.all());
    const answer =
      notice.severity === 'error'
        ? await vscode.window.showErrorMessage(message, ...items)
        : await vscode.window.showWarningMessage(message, ...items);
    const action = notice.actions.find((a) => labels[a] === answer);
    if (action === 'showPanel') await this.ctx.showPanel();
    else if (action === 'checkAgain') await this.actions.checkAgain(job.id);
    // Storing a key checks every job it stopped again (keyCommands.ts).
    else if (action === 'setApiKey') await setApiKey(this.ctx, job.provider);
  }

  private async summary(n: { succeeded: number; failed: number; failedJobs: Job[] }): Promise<void> {
    const text = summaryText(n, vscode.l10n.t);
    const showPanel = vscode.l10n.t('Show Generations');
    if (n.failed > 0) {
      const retry = vscode.l10n.t('Retry Failed');
      const answer = await vscode.window.showErrorMessage(text, showPanel, retry);
      if (answer === showPanel) await this.ctx.showPanel();
      else if (answer === retry) await this.actions.retryJobs(n.failedJobs.map((j) => j.id));
      return;
    }
    const answer = await vscode.window.showInformationMessage(text, showPanel);
    if (answer === showPanel) await this.ctx.showPanel();
  }
}
