// The palette commands of GenQueue and their job pickers, registered once by the host.
import * as vscode from 'vscode';
import { isTerminal, type JobState, MODALITIES, type Modality } from '../../core/jobTypes';
import { redact } from '../../core/redact';
import { REFERENCE_TASKS, type ReferenceTask } from '../../core/references/referenceTasks';
import type { GenerateFlow } from '../generate/generateFlow';
import type { JobActions } from '../generate/jobActions';
import { modelLabel } from '../generate/modelLabel';
import { rerunFromFile } from '../generate/rerunFromFile';
import { clearApiKey, setApiKey } from '../keys/keyCommands';
import type { DisposableLike } from '../shared/disposable';
import { registerShotListCommands } from '../shots/shotListCommands';
import { promptText } from '../status/jobProgress';
import type { HostContext } from './hostContext';

export class HostCommands {
  constructor(
    private readonly host: HostContext,
    private readonly actions: JobActions,
    private readonly generate: GenerateFlow,
  ) {}

  /** Register every command, each through `register` (the host owns and releases them). */
  registerAll(register: (d: DisposableLike) => void): void {
    const command = (id: string, fn: (...args: unknown[]) => unknown) => register(this.command(id, fn));
    const generate: Record<Modality, string> = {
      image: 'genqueue.generateImage',
      video: 'genqueue.generateVideo',
      audio: 'genqueue.generateAudio',
      speech: 'genqueue.generateSpeech',
    };
    for (const m of MODALITIES) command(generate[m], () => this.generate.run(m));
    const tasks: Record<ReferenceTask, string> = {
      'image-to-video': 'genqueue.animateImage',
      'talking-head': 'genqueue.generateTalkingHead',
      'image-edit': 'genqueue.editImage',
      'voice-clone': 'genqueue.speakWithReferenceVoice',
    };
    // From the explorer's context menu the file comes as the argument and fills the first field that takes it.
    for (const task of REFERENCE_TASKS) {
      command(tasks[task], (uri) => this.generate.runTask(task, uri instanceof vscode.Uri ? uri : undefined));
    }
    command('genqueue.showGenerations', () => this.host.showPanel());
    command('genqueue.cancel', () => this.pickAndCancel());
    command('genqueue.retry', () => this.pickAndRetry());
    command('genqueue.retryAllFailed', () => this.actions.retryAllFailed());
    command('genqueue.clearFinished', () => this.actions.clearFinished());
    command('genqueue.insertResult', () => this.pickAndInsert());
    command('genqueue.setApiKey', (p) => setApiKey(this.host, p));
    command('genqueue.clearApiKey', (p) => clearApiKey(this.host, p));
    command('genqueue.rerunFromFile', (uri) => rerunFromFile(this.host, this.generate, uri));
    registerShotListCommands(command);
  }

  private command(id: string, fn: (...args: unknown[]) => unknown): vscode.Disposable {
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await fn(...args);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.host.log.error(`Command ${id} failed: ${message}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('GenQueue: {0}', redact(message, this.host.keys.all())));
      }
    });
  }

  private async pickJob(
    filter: (state: JobState) => boolean,
    placeHolder: string,
    empty: string,
  ): Promise<string | undefined> {
    const service = await this.host.service();
    const jobs = service.engine.list().filter((j) => filter(j.state));
    if (jobs.length === 0) {
      void vscode.window.showInformationMessage(empty);
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      jobs.map((j) => ({
        label: modelLabel(j),
        description: `${j.state}${j.error ? ` — ${j.error.message}` : ''}`,
        detail: promptText(j).slice(0, 200),
        id: j.id,
      })),
      { placeHolder, matchOnDetail: true },
    );
    return pick?.id;
  }

  private async pickAndCancel(): Promise<void> {
    const id = await this.pickJob(
      (s) => !isTerminal(s) && s !== 'cancelling',
      vscode.l10n.t('Cancel which generation?'),
      vscode.l10n.t('Nothing is generating.'),
    );
    if (id) await this.actions.cancel(id);
  }

  private async pickAndRetry(): Promise<void> {
    const id = await this.pickJob(
      (s) => s === 'failed' || s === 'canceled',
      vscode.l10n.t('Retry which generation?'),
      vscode.l10n.t('No failed or canceled generations.'),
    );
    if (id) await this.actions.retry(id);
  }

  private async pickAndInsert(): Promise<void> {
    const service = await this.host.service();
    const items = service.engine
      .list()
      .filter((j) => j.state === 'succeeded')
      .flatMap((j) =>
        j.takes
          .filter((t) => t.localPath)
          .map((t) => ({
            label: t.localPath?.split('/').pop() ?? modelLabel(j),
            description: modelLabel(j),
            detail: promptText(j).slice(0, 200),
            id: j.id,
            take: t.index,
          })),
      );
    if (items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No finished results to insert yet.'));
      return;
    }
    const pick = await vscode.window.showQuickPick(items, {
      placeHolder: vscode.l10n.t('Insert which result at the cursor?'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (pick) await this.actions.insert(pick.id, pick.take);
  }
}
