// The palette's reference step: after the model pick, one quick pick per file field (required ones
// first; optional ones can be skipped). Each chosen file is checked against its field (missing,
// wrong type, too big) before anything is created or spent; a bad file says why and the pick opens
// again. A file given up front (the explorer's context menu) fills the first field that takes it.
import * as vscode from 'vscode';
import type { CatalogModel, ModelField } from '../../core/modelCatalog';
import { fileFields } from '../../core/references/referenceTasks';
import type { JobReference } from '../../core/references/referenceTypes';
import { localPathToUri } from '../assets/assetLocations';
import type { HostContext } from '../host/hostContext';
import { audioDurationSec } from './audioLength';
import {
  buildReference,
  checkReferenceFile,
  extensionsFor,
  fieldTakes,
  referenceContentType,
  referenceGlobs,
  referencePath,
} from './referenceFiles';
import { type ReferenceCandidate, type ReferencePickItem, referencePickItems } from './referencePicks';

/** Bounds on what the pick lists (a large workspace must not stall the palette). */
const MAX_WORKSPACE_FILES = 200;
/** The most files one list field ("image_urls") takes from the palette. */
const MAX_LIST_FILES = 4;

export interface ChosenReferences {
  refs: JobReference[];
  /** The length of the audio reference, when it could be read (prices talking heads). */
  audioSec?: number;
}

type Picked = vscode.Uri | 'skip' | undefined;
type PickEntry = vscode.QuickPickItem & { entry?: ReferencePickItem };

export class ReferenceChooser {
  constructor(private readonly ctx: HostContext) {}

  /** Undefined when the person cancelled. */
  async choose(model: CatalogModel, prefill?: vscode.Uri): Promise<ChosenReferences | undefined> {
    const out: ChosenReferences = { refs: [] };
    let unused = prefill;
    if (prefill && !fileFields(model).some((f) => fieldTakes(f, referenceContentType(prefill.path)))) {
      // Said, not dropped silently: the picks that follow do not offer it.
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} is not a file {1} takes; choose its files below.',
          prefill.path.split('/').pop() ?? '',
          model.label,
        ),
      );
      unused = undefined;
    }
    for (const field of fileFields(model)) {
      const many = field.type === 'files';
      // A list field's files are told apart: one already in the list is not offered again.
      const taken = new Set<string>();
      for (let index = 0; index < (many ? MAX_LIST_FILES : 1); index++) {
        // A list field needs its first file when required; more are optional.
        const required = field.required === true && index === 0;
        let given: vscode.Uri | undefined;
        if (unused && fieldTakes(field, referenceContentType(unused.path))) {
          given = unused;
          unused = undefined;
        }
        const one = await this.chooseOne(
          model,
          field,
          { required, index: many ? index : undefined, given, taken },
          out,
        );
        if (one === undefined) return undefined;
        if (one === 'skip') break;
        out.refs.push(one.ref);
        taken.add(one.uri.path);
      }
    }
    return out;
  }

  /** One field again (Edit & retry's "Change…"): every file of a list field. */
  async chooseField(model: CatalogModel, field: ModelField): Promise<ChosenReferences | undefined> {
    return this.choose({ ...model, fields: [field] });
  }

  private async chooseOne(
    model: CatalogModel,
    field: ModelField,
    at: { required: boolean; index: number | undefined; given: vscode.Uri | undefined; taken: ReadonlySet<string> },
    out: ChosenReferences,
  ): Promise<{ ref: JobReference; uri: vscode.Uri } | 'skip' | undefined> {
    const { required, index, taken } = at;
    let next: vscode.Uri | undefined = at.given;
    for (;;) {
      const uri: Picked = next ?? (await this.pick(model, field, required, index, taken));
      next = undefined;
      if (uri === undefined || uri === 'skip') return uri;
      const read = await this.read(field, uri, index);
      if ('message' in read) {
        void vscode.window.showErrorMessage(read.message);
        continue;
      }
      if (read.audioSec !== undefined) out.audioSec = read.audioSec;
      return { ref: read.ref, uri };
    }
  }

  private async pick(
    model: CatalogModel,
    field: ModelField,
    required: boolean,
    index: number | undefined,
    taken: ReadonlySet<string>,
  ): Promise<Picked> {
    const byPath = new Map<string, vscode.Uri>();
    const candidate = (uri: vscode.Uri, extra?: Partial<ReferenceCandidate>): ReferenceCandidate => {
      byPath.set(uri.path, uri);
      return { absPath: uri.path, shownPath: vscode.workspace.asRelativePath(uri, false), ...extra };
    };
    const active = activeFile();
    const found: vscode.Uri[] = [];
    for (const glob of referenceGlobs(field)) {
      if (found.length >= MAX_WORKSPACE_FILES) break;
      found.push(...(await vscode.workspace.findFiles(glob, '**/node_modules/**', MAX_WORKSPACE_FILES - found.length)));
    }
    const items = referencePickItems({
      field: { ...field, required },
      active: active && !taken.has(active.path) ? candidate(active) : undefined,
      recentTakes: this.recentTakes()
        .filter((r) => !taken.has(r.uri.path))
        .map(({ uri, contentType, detail }) => candidate(uri, { contentType, detail })),
      workspaceFiles: found
        .filter((u) => !taken.has(u.path))
        .map((u) => candidate(u))
        .sort((a, b) => a.shownPath.localeCompare(b.shownPath)),
      t: vscode.l10n.t,
    });
    const entries: PickEntry[] = items.map((i) =>
      i.kind === 'separator'
        ? { label: i.label, kind: vscode.QuickPickItemKind.Separator }
        : { label: i.label, description: i.description, detail: i.kind === 'file' ? i.detail : undefined, entry: i },
    );
    const title =
      index === undefined || index === 0
        ? vscode.l10n.t('{0}: {1}', model.label, field.label)
        : vscode.l10n.t('{0}: {1} (another one, or Skip)', model.label, field.label);
    const choice = await vscode.window.showQuickPick(entries, {
      title,
      placeHolder: field.description ?? vscode.l10n.t('Choose the file for "{0}"', field.label),
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    const entry = choice?.entry;
    if (!entry || entry.kind === 'separator') return undefined;
    if (entry.kind === 'skip') return 'skip';
    if (entry.kind === 'file') return byPath.get(entry.candidate.absPath);
    const uris = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: vscode.l10n.t('Use as {0}', field.label),
      filters: { [field.label]: extensionsFor(field) },
    });
    return uris?.[0];
  }

  /** Imported takes, newest first, with what they were made by. */
  private recentTakes(): { uri: vscode.Uri; contentType?: string; detail: string }[] {
    const jobs = this.ctx.serviceIfStarted()?.engine.list() ?? [];
    return [...jobs]
      .filter((j) => j.state === 'succeeded')
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .flatMap((j) =>
        j.takes.flatMap((take) => {
          const uri = take.localPath ? localPathToUri(take.localPath, this.ctx.globalStorageUri) : undefined;
          return uri ? [{ uri, contentType: take.contentType, detail: j.model }] : [];
        }),
      );
  }

  private async read(
    field: ModelField,
    uri: vscode.Uri,
    index: number | undefined,
  ): Promise<{ ref: JobReference; audioSec?: number } | { message: string }> {
    const name = uri.path.split('/').pop() ?? uri.path;
    let size: number;
    try {
      size = (await vscode.workspace.fs.stat(uri)).size;
    } catch {
      return { message: vscode.l10n.t('The reference file {0} does not exist or cannot be read.', uri.fsPath) };
    }
    const check = checkReferenceFile(field, { name, bytes: size }, vscode.l10n.t);
    if (!check.ok) return check;
    const data = await vscode.workspace.fs.readFile(uri);
    const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const ref = buildReference({
      field: field.name,
      index,
      path: referencePath(uri.fsPath, roots),
      data,
      contentType: check.contentType,
    });
    const audioSec = check.contentType.startsWith('audio/') ? await audioDurationSec(data) : undefined;
    if (audioSec === undefined) return { ref };
    ref.audioSec = audioSec;
    return { ref, audioSec };
  }
}

/** The file shown in the active editor or tab (an image preview is a tab, not a text editor). */
function activeFile(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups?.activeTabGroup?.activeTab?.input as { uri?: unknown } | undefined;
  if (input?.uri instanceof vscode.Uri && input.uri.scheme === 'file') return input.uri;
  const doc = vscode.window.activeTextEditor?.document.uri;
  return doc?.scheme === 'file' ? doc : undefined;
}
