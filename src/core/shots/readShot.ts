// One item of `shots:` read into a Shot, with a diagnostic for each bad field. Fields that cannot
// be read are left out of the shot; a shot without a usable id, prompt or modality is unusable.
import { isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { MODALITIES, type Modality, PROVIDER_IDS, type ProviderId } from '../jobTypes';
import { type CatalogModel, MODEL_CATALOG } from '../modelCatalog';
import { checkModel } from './modelChecks';
import { checkParams } from './paramChecks';
import type { ShotDiagnosticSink } from './shotDiagnosticSink';
import { idProblem, MAX_PROMPT_CHARS, workspacePathProblem } from './shotRules';
import type { Shot, ShotDefaults, ShotRefValue } from './shotTypes';
import { type KeyedPair, keyOf, type YamlReader } from './yamlNodes';

export const SHOT_KEYS = [
  'id',
  'scene',
  'group',
  'modality',
  'provider',
  'model',
  'prompt',
  'params',
  'refs',
  'notes',
  'output',
  'take',
] as const;

export interface RefDraft {
  field: string;
  /** The position in a list of references (a `files` field). */
  index?: number;
  value: string;
  node: Node | null;
}

export interface ShotDraft {
  shot: Shot;
  /** False when the id, prompt or modality is missing or bad: the shot is left out of the list. */
  usable: boolean;
  idNode: Node | null;
  refs: RefDraft[];
  outputNode: Node | null;
  /** The catalog model the shot uses, when known: its file fields are what `refs` may name. */
  model?: CatalogModel;
}

export interface ShotContext {
  reader: YamlReader;
  out: ShotDiagnosticSink;
  defaults: ShotDefaults;
  insideWorkspace?: (relativePath: string) => boolean;
}

/** Text of a scalar; numbers and booleans keep their source spelling (`scene: 1` is "1"). */
export function scalarText(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (typeof node.value === 'number' || typeof node.value === 'boolean') return node.source ?? String(node.value);
  return undefined;
}

const isNull = (node: Node | null) => node === null || (isScalar(node) && node.value === null);

export function readShot(ctx: ShotContext, map: YAMLMap): ShotDraft {
  const { reader, out } = ctx;
  const fields = new Map<string, KeyedPair>();
  const unknown: KeyedPair[] = [];
  for (const p of reader.pairs(map)) {
    if ((SHOT_KEYS as readonly string[]).includes(p.key)) fields.set(p.key, p);
    else unknown.push(p);
  }
  const value = (key: string) => {
    const node = fields.get(key)?.value ?? null;
    return isNull(node) ? null : node;
  };
  const firstKey = map.items[0]?.key as Node | undefined;
  const draft: ShotDraft = {
    shot: { id: '', modality: 'image', prompt: '' },
    usable: true,
    idNode: null,
    refs: [],
    outputNode: null,
  };

  // id
  const idNode = value('id');
  draft.idNode = idNode;
  const id = isScalar(idNode) && typeof idNode.value === 'string' ? idNode.value : undefined;
  if (idNode === null) {
    out.error(
      'missing-id',
      'This shot has no id: add `id:` (letters, digits, "_" or "-"); it names its take folder.',
      firstKey ?? map,
    );
    draft.usable = false;
  } else if (id === undefined) {
    const text = scalarText(idNode);
    const hint = text !== undefined ? ` Quote it: id: "${text}".` : '';
    out.error('bad-id', `A shot id is text.${hint}`, idNode);
    draft.usable = false;
  } else {
    const problem = idProblem(id);
    if (problem) {
      out.error('bad-id', problem, idNode, id);
      draft.usable = false;
    }
    draft.shot.id = id;
  }
  const shotId = draft.usable ? id : undefined;
  for (const p of unknown) {
    out.warning('unknown-key', `Unknown shot key "${p.key}"; a shot has ${SHOT_KEYS.join(', ')}.`, keyOf(p), shotId);
  }

  for (const key of ['scene', 'group', 'notes'] as const) {
    const node = value(key);
    if (node === null) continue;
    const text = scalarText(node);
    if (text === undefined) out.error('bad-value', `"${key}" is text.`, node, shotId);
    else draft.shot[key] = text;
  }

  // provider and model (read before the modality, which a catalog model implies)
  const providerNode = value('provider');
  let provider: ProviderId | undefined;
  if (providerNode !== null) {
    const text = scalarText(providerNode);
    if (text !== undefined && (PROVIDER_IDS as readonly string[]).includes(text)) provider = text as ProviderId;
    else {
      out.error(
        'unknown-provider',
        `Unknown provider "${text ?? '?'}"; use ${PROVIDER_IDS.join(', ')}.`,
        providerNode,
        shotId,
      );
      draft.usable = false;
    }
  }
  const modelNode = value('model');
  const model = modelNode === null ? undefined : scalarText(modelNode);
  if (modelNode !== null && (model === undefined || model.trim() === '')) {
    out.error('bad-value', '"model" is a model id, e.g. local/image.', modelNode, shotId);
  }
  if (provider !== undefined) draft.shot.provider = provider;
  if (model !== undefined && model.trim() !== '') draft.shot.model = model;

  // modality
  const modalityNode = value('modality');
  const modalityText = scalarText(modalityNode);
  let modality: Modality | undefined;
  if ((MODALITIES as readonly string[]).includes(modalityText ?? '')) modality = modalityText as Modality;
  else if (modalityNode !== null) {
    out.error(
      'bad-modality',
      `Unknown modality "${modalityText ?? '?'}"; use ${MODALITIES.join(', ')}.`,
      modalityNode,
      shotId,
    );
  } else if (draft.shot.model !== undefined) {
    modality = MODEL_CATALOG.find((m) => m.id === draft.shot.model)?.modality;
  }
  if (modality === undefined) {
    if (modalityNode === null) {
      out.error(
        'bad-modality',
        `This shot has no modality: add \`modality:\` (${MODALITIES.join(', ')}).`,
        firstKey ?? map,
        shotId,
      );
    }
    draft.usable = false;
  } else draft.shot.modality = modality;

  // prompt
  const promptNode = value('prompt');
  const prompt = scalarText(promptNode);
  if (prompt === undefined || prompt.trim() === '') {
    const why = promptNode === null ? 'has no prompt: add `prompt:`' : 'has an empty prompt';
    out.error(
      'missing-prompt',
      `This shot ${why} (for speech, the words to say).`,
      promptNode ?? firstKey ?? map,
      shotId,
    );
    draft.usable = false;
  } else if (prompt.length > MAX_PROMPT_CHARS) {
    const size = prompt.length.toLocaleString('en-US');
    out.error(
      'prompt-too-long',
      `This prompt has ${size} characters; the limit is ${MAX_PROMPT_CHARS.toLocaleString('en-US')}.`,
      promptNode,
      shotId,
    );
    draft.usable = false;
  } else draft.shot.prompt = prompt;

  // model against the catalog, then params against the model's fields
  const paramsNode = value('params');
  const providerKnown = providerNode === null || provider !== undefined;
  const entry =
    modality === undefined || !providerKnown
      ? undefined
      : checkModel(out, draft.shot, ctx.defaults[modality], modality, modelNode, shotId);
  if (entry !== undefined) draft.model = entry;
  if (paramsNode !== null) {
    const params = reader.toJS(paramsNode);
    if (reader.map(paramsNode) === undefined || typeof params !== 'object' || params === null) {
      out.error('bad-value', '"params" is a mapping of model inputs (name: value).', paramsNode, shotId);
    } else {
      draft.shot.params = params as Record<string, unknown>;
      if (entry !== undefined && shotId !== undefined) checkParams(reader, out, paramsNode, entry, shotId);
    }
  }

  readRefs(ctx, value('refs'), draft, shotId);
  readOutput(ctx, value('output'), draft, shotId);

  const takeNode = value('take');
  if (takeNode !== null) {
    const take = isScalar(takeNode) ? takeNode.value : undefined;
    if (typeof take === 'number' && Number.isInteger(take) && take >= 1) draft.shot.take = take;
    else out.error('bad-take', '"take" is the chosen take\'s number: a whole number from 1.', takeNode, shotId);
  }
  return draft;
}

function readRefs(ctx: ShotContext, node: Node | null, draft: ShotDraft, shotId: string | undefined): void {
  if (node === null) return;
  const map = ctx.reader.map(node);
  if (map === undefined) {
    ctx.out.error('bad-reference', '"refs" is a mapping of input name to a workspace path or shot:<id>.', node, shotId);
    return;
  }
  const refs: Record<string, ShotRefValue> = {};
  for (const p of ctx.reader.pairs(map)) {
    const seq = p.value !== null && isSeq(p.value) ? p.value : undefined;
    const items = seq ? seq.items.map((n) => ctx.reader.deref(n)) : [p.value];
    const texts: string[] = [];
    items.forEach((item, index) => {
      const text = scalarText(item);
      if (text === undefined) {
        ctx.out.error(
          'bad-reference',
          `Reference "${p.key}" is a workspace path or shot:<id>${seq ? ' (one per list item)' : ''}.`,
          item ?? p.value ?? keyOf(p),
          shotId,
        );
        return;
      }
      texts.push(text);
      draft.refs.push(
        seq ? { field: p.key, index, value: text, node: item } : { field: p.key, value: text, node: item },
      );
    });
    if (seq) refs[p.key] = texts;
    else if (texts[0] !== undefined) refs[p.key] = texts[0];
  }
  draft.shot.refs = refs;
}

function readOutput(ctx: ShotContext, node: Node | null, draft: ShotDraft, shotId: string | undefined): void {
  if (node === null) return;
  const path = scalarText(node);
  if (path === undefined) {
    ctx.out.error('bad-value', '"output" is a workspace-relative file path, e.g. public/shots/s01.png.', node, shotId);
    return;
  }
  const problem =
    workspacePathProblem(path) ??
    (ctx.insideWorkspace?.(path) === false ? `"${path}" is outside the workspace.` : undefined);
  if (problem) {
    // Left out of the shot: the chosen take is never copied outside the workspace.
    ctx.out.error('output-outside-workspace', `${problem} The chosen take is not copied there.`, node, shotId);
    return;
  }
  draft.shot.output = path;
  draft.outputNode = node;
}
