// The one status bar item (`genqueue.status`): text and tooltip from statusBarModel.ts; a click
// shows the panel. While jobs run it refreshes every few seconds so the ETA keeps moving.
import * as vscode from 'vscode';
import type { Job } from '../../core/jobTypes';
import { Disposable, toDisposable } from '../shared/disposable';
import { computeStatusBar } from './statusBarModel';

const TICK_MS = 5_000;

export class StatusBarPresenter extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setInterval> | undefined;
  private jobs: readonly Job[] = [];

  constructor(private readonly estimateMs: (model: string) => number | undefined) {
    super();
    this.item = this.register(vscode.window.createStatusBarItem('genqueue.status', vscode.StatusBarAlignment.Left, 0));
    this.item.name = vscode.l10n.t('GenQueue');
    this.item.command = 'genqueue.showGenerations';
    this.register(toDisposable(() => this.stopTimer()));
  }

  update(jobs: readonly Job[]): void {
    this.jobs = jobs;
    this.render();
  }

  private render(): void {
    const m = computeStatusBar(this.jobs, Date.now(), this.estimateMs, vscode.l10n.t);
    if (!m.visible) {
      this.item.hide();
      this.stopTimer();
      return;
    }
    this.item.text = m.text;
    const tip = new vscode.MarkdownString(m.tooltip);
    tip.supportThemeIcons = true;
    this.item.tooltip = tip;
    this.item.backgroundColor = m.error
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : m.warning
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    this.item.show();
    if (m.text.includes('loading~spin')) this.startTimer();
    else this.stopTimer();
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.render(), TICK_MS);
    this.timer.unref?.();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
