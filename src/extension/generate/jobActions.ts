// Everything a user can do to a job, shared by the commands, the panel and the notifications.
import * as vscode from 'vscode';
import { specOf } from '../../core/jobFactory';
import { isTerminal, type Job, type JobSpec } from '../../core/jobTypes';
import { findModel, resolveModel } from '../../core/modelCatalog';
import { redact, redactDeep } from '../../core/redact';
import type { JobReference } from '../../core/references/referenceTypes';
import { takeUri } from '../assets/assetLocations';
import type { HostContext } from '../host/hostContext';
import { insertTake } from '../insert/insertion';
import { setApiKey } from '../keys/keyCommands';
import { uriExists } from '../shared/uriExists';
import { promptText } from '../status/jobProgress';
import { modelLabel } from './modelLabel';
import { askPrompt } from './promptBox';
import { promptLimit } from './promptLines';
import { ReferenceChooser } from './referenceChooser';
import { replaceField, reviewReferences } from './referenceReview';
import { retryableFailures, supersededFailureIds } from './retryableFailures';
import { confirmSpend } from './spendConfirmation';

export class JobActions {
  private readonly references: ReferenceChooser;

  constructor(private readonly ctx: HostContext) {
    this.references = new ReferenceChooser(ctx);
  }

  /** A job from the registry, or from history (it may have been cleared from the panel). */
  async find(id: string): Promise<Job | undefined> {
    const service = await this.ctx.service();
    const job = service.get(id);
    if (job) return job;
    return (await this.ctx.history.readJobs()).find((j) => j.id === id);
  }

  private async withJob(id: string, fn: (job: Job) => unknown): Promise<void> {
    const job = await this.find(id);
    if (!job) {
      this.ctx.log.warn(`Action on unknown job ${id}.`);
      void vscode.window.showWarningMessage(vscode.l10n.t('That generation is no longer in the list.'));
      return;
    }
    try {
      await fn(job);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.ctx.log.error(`Action on job ${id} failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('GenQueue: {0}', redact(message, this.ctx.keys.all())));
    }
  }

  async cancel(id: string): Promise<void> {
    await this.withJob(id, async (job) => {
      if (isTerminal(job.state)) return;
      this.ctx.log.info(
        `Cancel requested for job ${id} (${job.provider} ${job.model}, request ${job.requestId ?? '—'}).`,
      );
      const where = await (await this.ctx.service()).cancel(id);
      if (where === 'forwarded') {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('This generation runs in another VS Code window; it will be canceled there.'),
        );
      }
    });
  }

  /** A new job linked to `id` (edits replace input fields), after the cost confirmation. */
  /** `refs`: the references to use instead of the job's (Edit & retry changed one). */
  async retry(id: string, edits?: Record<string, unknown>, refs?: JobReference[]): Promise<Job | undefined> {
    let created: Job | undefined;
    await this.withJob(id, async (job) => {
      const spec = specFrom(job, edits);
      if (refs) spec.refs = refs;
      if (!(await this.confirm([spec], vscode.l10n.t('Retry')))) return;
      created = await this.submitRetry(job, edits, refs);
    });
    return created;
  }

  private async submitRetry(job: Job, edits?: Record<string, unknown>, refs?: JobReference[]): Promise<Job> {
    const service = await this.ctx.service();
    const known = service.engine.get(job.id);
    // A job only in history is no longer known to the engine: submit its spec again, linked. New
    // references go the same way (the engine's retry repeats the job's own).
    const created =
      known && refs === undefined
        ? service.retry(job.id, edits)
        : known
          ? service.submit({ ...specOf(known, edits), refs })
          : service.submit({ ...specFrom(job, edits), ...(refs ? { refs } : {}), retriedFrom: job.id });
    this.ctx.log.info(`Retry of job ${job.id} submitted as ${created.id}.`);
    return created;
  }

  private confirm(specs: JobSpec[], button: string): Promise<boolean> {
    return confirmSpend(specs, this.ctx.config().budgetConfirmThreshold, button, this.ctx.models);
  }

  /** `changeField`: a reference field to pick again first (the panel card's "Change…"). */
  async editRetry(id: string, changeField?: string): Promise<void> {
    await this.withJob(id, async (job) => {
      let refs = job.refs;
      if (refs?.length) {
        const model = resolveModel(job.provider, job.model, job.modality);
        const change = async (name: string) => {
          const field = model.fields.find((f) => f.name === name);
          return field ? this.references.chooseField(model, field) : undefined;
        };
        if (changeField && refs.some((r) => r.field === changeField)) {
          const chosen = await change(changeField);
          if (chosen) refs = replaceField(refs, changeField, chosen.refs);
        }
        refs = await reviewReferences(refs, model, change);
        if (!refs) return;
      }
      const field = promptField(job);
      const value = await askPrompt({
        title: vscode.l10n.t('Retry with edits — {0}', modelLabel(job)),
        prompt: vscode.l10n.t('Edit the prompt, then press Enter to submit a new job.'),
        value: promptText(job),
        limit: promptLimit(job),
      });
      if (value === undefined) return;
      await this.retry(id, { [field]: value }, refs);
    });
  }

  /** The same job again (a new take), not linked as a retry. */
  async rerun(id: string): Promise<void> {
    await this.withJob(id, async (job) => {
      const spec = specFrom(job);
      if (!(await this.confirm([spec], vscode.l10n.t('Re-run')))) return;
      const created = (await this.ctx.service()).submit(spec);
      this.ctx.log.info(`Re-run of job ${id} submitted as ${created.id}.`);
    });
  }

  async dismiss(id: string): Promise<void> {
    const service = await this.ctx.service();
    const job = service.get(id);
    if (job && !isTerminal(job.state)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Cancel the generation before dismissing it.'));
      return;
    }
    await service.dismiss(id);
  }

  async checkAgain(id: string): Promise<void> {
    await (await this.ctx.service()).checkAgain(id);
  }

  async resubmit(id: string): Promise<void> {
    await this.withJob(id, async (job) => {
      const go = vscode.l10n.t('Submit Again');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t(
          'GenQueue could not tell whether {0} received this job. Submitting again may run (and bill) it twice.',
          job.provider,
        ),
        { modal: true },
        go,
      );
      if (answer === go) (await this.ctx.service()).engine.resubmitUnknown(id);
    });
  }

  async showError(id: string): Promise<void> {
    await this.withJob(id, async (job) => {
      const message = job.error?.message ?? vscode.l10n.t('This generation has no error.');
      const details = vscode.l10n.t('Show Details');
      const retry = vscode.l10n.t('Retry');
      const setKey = vscode.l10n.t('Set API Key');
      const buttons = [details, ...(isTerminal(job.state) ? [retry] : [])];
      if (job.error?.category === 'auth') buttons.push(setKey);
      const answer = await vscode.window.showErrorMessage(
        redact(`${modelLabel(job)}: ${message}`, this.ctx.keys.all()),
        ...buttons,
      );
      if (answer === details) await this.openDetails(job);
      else if (answer === retry) await this.retry(job.id);
      else if (answer === setKey) await setApiKey(this.ctx, job.provider);
    });
  }

  /** The job (redacted) as an untitled JSON document: provider detail, request id, timings, logs. */
  async openDetails(job: Job): Promise<void> {
    const safe = redactDeep(job, this.ctx.keys.all());
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(safe, null, 2) });
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  async insert(id: string, take: number): Promise<void> {
    await this.withJob(id, (job) => insertTake(this.ctx, job, take));
  }

  async open(id: string, take: number): Promise<void> {
    await this.withJob(id, async (job) => {
      const uri = takeUri(job, take, this.ctx.globalStorageUri);
      if (uri) await vscode.commands.executeCommand('vscode.open', uri);
    });
  }

  async reveal(id: string, take: number): Promise<void> {
    await this.withJob(id, async (job) => {
      const uri = takeUri(job, take, this.ctx.globalStorageUri);
      if (!uri) return;
      if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
      else await vscode.commands.executeCommand('revealFileInOS', uri);
    });
  }

  async download(id: string, take: number): Promise<void> {
    await this.withJob(id, async (job) => {
      const uri = takeUri(job, take, this.ctx.globalStorageUri);
      if (!uri) return;
      const name = uri.path.split('/').pop() ?? 'result';
      const dest = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? uri, '..', name),
        title: vscode.l10n.t('Save generated file as'),
      });
      if (!dest) return;
      await vscode.workspace.fs.copy(uri, dest, { overwrite: true });
      this.ctx.log.info(`Saved a copy of ${uri.path} to ${dest.toString()}.`);
    });
  }

  async openHistory(id: string): Promise<void> {
    await this.withJob(id, async (job) => {
      const uri = job.takes[0] ? takeUri(job, job.takes[0].index, this.ctx.globalStorageUri) : undefined;
      if (uri && (await uriExists(uri))) await vscode.commands.executeCommand('vscode.open', uri);
      else await this.openDetails(job);
    });
  }

  /** Every failure not retried yet, with one confirmation that states what will be sent. */
  async retryAllFailed(): Promise<void> {
    const service = await this.ctx.service();
    const failed = retryableFailures(service.jobs());
    if (failed.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No failed generations to retry.'));
      return;
    }
    await this.retryJobs(failed.map((j) => j.id));
  }

  /** Retry several failures (the summary notification's Retry Failed) behind one confirmation. */
  async retryJobs(ids: readonly string[]): Promise<Job[]> {
    const jobs = (await Promise.all(ids.map((id) => this.find(id)))).filter((j): j is Job => j !== undefined);
    if (jobs.length === 0) return [];
    if (
      !(await this.confirm(
        jobs.map((j) => specFrom(j)),
        vscode.l10n.t('Retry {0}', jobs.length),
      ))
    )
      return [];
    // Re-checked after the question: a failure retried meanwhile (another window, a click) is not sent twice.
    const taken = supersededFailureIds((await this.ctx.service()).jobs());
    const created: Job[] = [];
    for (const job of jobs) if (!taken.has(job.id)) created.push(await this.submitRetry(job));
    this.ctx.log.info(`Retried ${created.length} failed job(s).`);
    return created;
  }

  /** Finished jobs leave the list (they stay in History); the outcome is said, nothing is asked. */
  async clearFinished(): Promise<void> {
    const engine = (await this.ctx.service()).engine;
    const finished = engine.list().filter((j) => isTerminal(j.state)).length;
    engine.clearFinished();
    this.ctx.log.info(`Cleared ${finished} finished job(s) from the list.`);
    void vscode.window.showInformationMessage(
      finished === 0
        ? vscode.l10n.t('Nothing finished to clear.')
        : finished === 1
          ? vscode.l10n.t('Cleared 1 finished generation from the list. It stays in History.')
          : vscode.l10n.t('Cleared {0} finished generations from the list. They stay in History.', finished),
    );
  }
}

export function promptField(job: Job): string {
  const known = findModel(job.provider, job.model)?.promptField;
  if (known) return known;
  return 'prompt' in job.input ? 'prompt' : 'text' in job.input ? 'text' : 'prompt';
}

export function specFrom(job: Job, edits?: Record<string, unknown>): JobSpec {
  const spec: JobSpec = {
    provider: job.provider,
    model: job.model,
    modality: job.modality,
    input: { ...job.input, ...(edits ?? {}) },
  };
  if (job.destination) spec.destination = { ...job.destination };
  if (job.refs) spec.refs = job.refs.map((r) => ({ ...r }));
  return spec;
}
