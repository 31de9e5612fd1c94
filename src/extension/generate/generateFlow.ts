// "Generate Image/Video/Audio/Speech…": pick a model (price and typical time shown; dual mode;
// any model id), type the prompt (prefilled from the selection, line breaks kept), confirm the cost when it is
// above the budget threshold, submit. The job is in the list at once; where the cursor was is
// remembered so Insert puts the result there.
import * as vscode from 'vscode';
import type { Job, JobDestination, JobSpec, Modality, ProviderId } from '../../core/jobTypes';
import { buildModelInput, type CatalogModel, defaultInput, MODEL_CATALOG } from '../../core/modelCatalog';
import type { ReferenceTask } from '../../core/references/referenceTasks';
import type { JobReference } from '../../core/references/referenceTypes';
import { chooseAssetsFolder } from '../assets/assetsFolderChoice';
import { warnIfFolderRejected } from '../assets/assetsFolderWarning';
import type { HostContext } from '../host/hostContext';
import { setApiKey } from '../keys/keyCommands';
import { type ModelPickItem, modelPickItems } from './modelPicks';
import { askPrompt } from './promptBox';
import { promptLimit } from './promptLines';
import { resolveProvider } from './providerChoice';
import { ReferenceChooser } from './referenceChooser';
import { confirmSpend } from './spendConfirmation';

const MODALITY_NOUN: Record<Modality, string> = { image: 'image', video: 'video', audio: 'audio', speech: 'speech' };
/** What each reference job makes. */
const TASK_MODALITY: Record<ReferenceTask, Modality> = {
  'image-to-video': 'video',
  'talking-head': 'video',
  'image-edit': 'image',
  'voice-clone': 'speech',
};

function taskTitle(task: ReferenceTask): string {
  switch (task) {
    case 'image-to-video':
      return vscode.l10n.t('Animate Image');
    case 'talking-head':
      return vscode.l10n.t('Generate Talking Head');
    case 'image-edit':
      return vscode.l10n.t('Edit Image');
    case 'voice-clone':
      return vscode.l10n.t('Speak with Reference Voice');
  }
}
/** Owner/name, optionally :version (Replicate) or a deeper path (fal). */
const MODEL_ID_PATTERN = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)+(:[A-Za-z0-9]+)?$/;

type PickEntry = vscode.QuickPickItem & { entry?: ModelPickItem };

function toQuickPickItems(items: ModelPickItem[]): PickEntry[] {
  return items.map((i) =>
    i.kind === 'separator'
      ? { label: i.label, kind: vscode.QuickPickItemKind.Separator }
      : { label: i.label, description: i.description, detail: i.detail, entry: i },
  );
}

async function readRootPackageJson(): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'package.json'));
  return new TextDecoder().decode(bytes);
}

async function estimateMs(ctx: HostContext, model: string): Promise<number | undefined> {
  return ctx.serviceIfStarted()?.engine.estimateDurationMs(model);
}

export class GenerateFlow {
  private readonly references: ReferenceChooser;

  constructor(private readonly ctx: HostContext) {
    this.references = new ReferenceChooser(ctx);
  }

  private async pickModel(
    modality: Modality,
    provider: ProviderId,
    title: string,
    special: boolean,
    task?: ReferenceTask,
  ): Promise<CatalogModel | 'dual' | undefined> {
    const estimates = new Map<string, number | undefined>();
    for (const m of MODEL_CATALOG) estimates.set(m.id, await estimateMs(this.ctx, m.id));
    const items = modelPickItems({
      modality,
      provider,
      models: MODEL_CATALOG,
      estimateMs: (id) => estimates.get(id),
      defaultModel: this.ctx.config().defaultModel(modality),
      includeSpecial: special,
      task,
      t: vscode.l10n.t,
    });
    const pick = await vscode.window.showQuickPick(toQuickPickItems(items), {
      title,
      placeHolder: vscode.l10n.t('Choose a model (price · typical time)'),
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    const entry = pick?.entry;
    if (!entry) return undefined;
    if (entry.kind === 'model') return entry.model;
    if (entry.kind === 'dual') return 'dual';
    if (entry.kind === 'other') {
      const id = await vscode.window.showInputBox({
        title: vscode.l10n.t('Other {0} model', provider),
        prompt:
          provider === 'replicate'
            ? vscode.l10n.t('A Replicate model id, e.g. black-forest-labs/flux-schnell or owner/name:version')
            : vscode.l10n.t('A fal.ai model id, e.g. fal-ai/flux/dev'),
        ignoreFocusOut: true,
        validateInput: (v) =>
          MODEL_ID_PATTERN.test(v.trim()) ? undefined : vscode.l10n.t('A model id looks like owner/name.'),
      });
      return id ? this.typedModel(provider, id.trim(), modality) : undefined;
    }
    return undefined;
  }

  /** A typed model id with its real inputs from its schema (file fields become reference picks), or the fallback and why. */
  private async typedModel(provider: ProviderId, id: string, modality: Modality): Promise<CatalogModel> {
    const form = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Reading {0}'s inputs…", id) },
      () => this.ctx.models.inputs(provider, id, modality),
    );
    if (form.reason) void vscode.window.showInformationMessage(vscode.l10n.t('GenQueue: {0}.', form.reason));
    return form.model;
  }

  /** Make sure the model's provider has a key; offers to set one. */
  private async ensureKey(provider: ProviderId): Promise<boolean> {
    if (this.ctx.keys.has(provider)) return true;
    const setKey = vscode.l10n.t('Set API Key');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('No {0} API key is set. Set one to use this model, or pick an offline model.', provider),
      setKey,
    );
    return answer === setKey ? setApiKey(this.ctx, provider) : false;
  }

  /**
   * Animate Image…, Generate Talking Head…, Edit Image…, Speak with Reference Voice…: the job type's
   * models of every provider, then the references (`prefill`: the file the command was run on).
   */
  async runTask(task: ReferenceTask, prefill?: vscode.Uri): Promise<Job[] | undefined> {
    await this.ctx.service();
    const modality = TASK_MODALITY[task];
    const title = taskTitle(task);
    const provider = resolveProvider(this.ctx.config().defaultProvider, (p) => this.ctx.keys.has(p));
    const model = await this.pickModel(modality, provider, title, false, task);
    if (!model || model === 'dual') return undefined;
    return this.finish(modality, [model], vscode.l10n.t('{0} with {1}', title, model.label), prefill);
  }

  async run(modality: Modality): Promise<Job[] | undefined> {
    // Started first so the pick can show the user's own duration estimates.
    await this.ctx.service();
    const provider = resolveProvider(this.ctx.config().defaultProvider, (p) => this.ctx.keys.has(p));
    const noun = MODALITY_NOUN[modality];
    const first = await this.pickModel(modality, provider, vscode.l10n.t('Generate {0}', noun), true);
    if (!first) return undefined;
    let models: CatalogModel[];
    if (first === 'dual') {
      const a = await this.pickModel(modality, provider, vscode.l10n.t('Dual mode: first model'), false);
      if (!a || a === 'dual') return undefined;
      const b = await this.pickModel(modality, provider, vscode.l10n.t('Dual mode: second model'), false);
      if (!b || b === 'dual') return undefined;
      models = [a, b];
    } else {
      models = [first];
    }
    const labels = models.map((m) => m.label).join(' + ');
    return this.finish(modality, models, vscode.l10n.t('Generate {0} with {1}', noun, labels));
  }

  /** Keys, references, prompt, cost, submit: the same for every palette generation. */
  private async finish(
    modality: Modality,
    models: CatalogModel[],
    title: string,
    prefill?: vscode.Uri,
  ): Promise<Job[] | undefined> {
    const cfg = this.ctx.config();
    for (const p of new Set(models.map((m) => m.provider))) if (!(await this.ensureKey(p))) return undefined;
    // Each model names its own file fields; nothing is created until every reference is checked.
    const refs: JobReference[][] = [];
    let audioSec: number | undefined;
    for (const m of models) {
      const chosen = await this.references.choose(m, prefill);
      if (!chosen) return undefined;
      refs.push(chosen.refs);
      audioSec ??= chosen.audioSec;
    }

    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
    const limits = models.map(promptLimit).filter((n): n is number => n !== undefined);
    const optional = models.every((m) => !m.fields.find((f) => f.name === m.promptField)?.required);
    const prompt = await askPrompt({
      title,
      prompt:
        modality === 'speech'
          ? vscode.l10n.t('Text to speak')
          : optional
            ? vscode.l10n.t('A prompt (optional: press Enter to leave it empty)')
            : vscode.l10n.t('Describe what to generate'),
      value: selected,
      limit: limits.length > 0 ? Math.min(...limits) : undefined,
      optional,
    });
    if (prompt === undefined) return undefined;

    const choice = await chooseAssetsFolder(
      { value: cfg.assetsFolder, explicit: cfg.assetsFolderExplicit },
      readRootPackageJson,
    );
    warnIfFolderRejected(choice);
    const destination: JobDestination = { folder: choice.folder };
    if (editor) {
      destination.insertAt = {
        uri: editor.document.uri.toString(),
        offset: editor.document.offsetAt(editor.selection.end),
      };
    }
    const specs: JobSpec[] = models.map((m, i) => {
      const spec: JobSpec = {
        provider: m.provider,
        model: m.id,
        modality,
        // A model with no prompt-like input (a lip-sync) takes none.
        input: buildModelInput({
          ...defaultInput(m),
          ...(prompt.trim() && m.promptField ? { [m.promptField]: prompt } : {}),
        }),
        destination,
      };
      if (refs[i]?.length) spec.refs = refs[i];
      return spec;
    });

    if (!(await this.confirmCost(specs, cfg.budgetConfirmThreshold, audioSec))) return undefined;
    const service = await this.ctx.service();
    const jobs = specs.length > 1 ? service.submitBatch(specs) : [service.submit(specs[0]!)];
    for (const j of jobs) this.ctx.log.info(`Submitted job ${j.id}: ${j.provider} ${j.model} (${modality}).`);
    return jobs;
  }

  /** Submit a spec (re-run from a sidecar), with the same key and cost checks. */
  async submitSpec(spec: JobSpec): Promise<Job | undefined> {
    if (!(await this.ensureKey(spec.provider))) return undefined;
    if (!(await this.confirmCost([spec], this.ctx.config().budgetConfirmThreshold))) return undefined;
    const job = (await this.ctx.service()).submit(spec);
    this.ctx.log.info(`Submitted job ${job.id}: ${job.provider} ${job.model} (re-run from file).`);
    return job;
  }

  private confirmCost(specs: JobSpec[], threshold: number, audioSec?: number): Promise<boolean> {
    return confirmSpend(specs, threshold, vscode.l10n.t('Generate'), this.ctx.models, audioSec);
  }
}
