// Edits of a shot list written back through yaml's Document API, so comments, blank lines and key
// order survive; each edit comes back as one minimal text replace for the editor to apply.
import { type Document, isMap, isScalar, isSeq, type Node, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { MODALITIES, type ProviderId } from '../jobTypes';
import { minimalReplace } from './minimalReplace';
import { SHOT_KEYS } from './readShot';
import { idProblem, MAX_PROMPT_CHARS, MAX_SHOT_LIST_CHARS, workspacePathProblem } from './shotRules';
import type { Shot, ShotField } from './shotTypes';
import { formatOf } from './yamlFormat';

export type ShotEdit =
  | { kind: 'setField'; ids: readonly string[]; field: ShotField; value: string }
  | { kind: 'setModel'; ids: readonly string[]; provider: ProviderId; model: string }
  | { kind: 'setParam'; ids: readonly string[]; name: string; value?: unknown }
  | { kind: 'setTake'; id: string; take: number }
  | { kind: 'appendShot'; shot: Shot }
  | { kind: 'setBudget'; budget: number | undefined };

export interface TextReplace {
  offset: number;
  length: number;
  text: string;
}

export type EditResult = { ok: true; replace: TextReplace; text: string } | { ok: false; message: string };

/** Fields a shot cannot do without: `setField` refuses to clear them. */
const REQUIRED_FIELDS: readonly ShotField[] = ['modality', 'prompt'];

export function editShotList(text: string, edit: ShotEdit): EditResult {
  if (text.length > MAX_SHOT_LIST_CHARS) return { ok: false, message: 'This shot list is too large to edit here.' };
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, message: `Fix the YAML error first: ${doc.errors[0]?.message.split('\n')[0] ?? ''}` };
  }
  const problem = checkEdit(edit) ?? applyEdit(doc, edit);
  if (problem !== undefined) return { ok: false, message: problem };
  const after = doc.toString(formatOf(text));
  return { ok: true, replace: minimalReplace(text, after), text: after };
}

/** Why the edit's own values are refused, before the file is looked at. */
function checkEdit(edit: ShotEdit): string | undefined {
  if (edit.kind === 'setField') {
    const value = edit.value;
    if (value === '' && REQUIRED_FIELDS.includes(edit.field))
      return `A shot needs a ${edit.field}; it cannot be removed.`;
    if (edit.field === 'modality' && !(MODALITIES as readonly string[]).includes(value)) {
      return `Unknown modality "${value}"; use ${MODALITIES.join(', ')}.`;
    }
    if (edit.field === 'prompt' && value.length > MAX_PROMPT_CHARS) {
      return `A prompt has at most ${MAX_PROMPT_CHARS.toLocaleString('en-US')} characters.`;
    }
    if (edit.field === 'output' && value !== '') return workspacePathProblem(value);
  }
  if (edit.kind === 'setModel' && edit.model.trim() === '') return 'Choose a model.';
  if (edit.kind === 'setParam' && edit.name.trim() === '') return 'A param needs a name.';
  if (edit.kind === 'setTake' && !(Number.isInteger(edit.take) && edit.take >= 1)) {
    return 'A take number is a whole number from 1.';
  }
  if (edit.kind === 'setBudget' && edit.budget !== undefined && !(Number.isFinite(edit.budget) && edit.budget >= 0)) {
    return 'A budget is a number of USD from 0.';
  }
  if (edit.kind === 'appendShot') {
    if (edit.shot.prompt.trim() === '') return 'A shot needs a prompt.';
    return idProblem(edit.shot.id);
  }
  return undefined;
}

/** Apply the edit to the document; a message when it cannot be. */
function applyEdit(doc: Document.Parsed, edit: ShotEdit): string | undefined {
  switch (edit.kind) {
    case 'setBudget':
      if (edit.budget === undefined) {
        if (isMap(doc.contents)) doc.contents.delete('budget');
      } else rootMap(doc).set('budget', edit.budget);
      return undefined;
    case 'appendShot':
      return appendShot(doc, edit.shot);
    case 'setTake':
      return eachShot(doc, [edit.id], (map) => map.set('take', edit.take));
    case 'setModel':
      return eachShot(doc, edit.ids, (map) => {
        map.set('provider', edit.provider);
        map.set('model', edit.model);
      });
    case 'setField':
      return eachShot(doc, edit.ids, (map) => {
        if (edit.value === '') map.delete(edit.field);
        else map.set(edit.field, edit.value);
      });
    case 'setParam':
      return eachShot(doc, edit.ids, (map) => setParam(doc, map, edit.name, edit.value));
  }
}

function setParam(doc: Document.Parsed, shot: YAMLMap, name: string, value: unknown): void {
  const params = shot.get('params', true);
  if (value === undefined) {
    if (!isMap(params)) return;
    params.delete(name);
    if (params.items.length === 0) shot.delete('params');
    return;
  }
  if (isMap(params)) {
    const node = doc.createNode(value);
    const prev = params.get(name, true);
    // A scalar keeps its node (and so its quoting style and comment).
    if (isScalar(prev) && isScalar(node)) prev.value = node.value;
    else params.set(name, node);
  } else shot.set('params', doc.createNode({ [name]: value }));
}

/** The shot mappings with these ids (each id once); a message naming the ids not found. */
function eachShot(doc: Document.Parsed, ids: readonly string[], change: (map: YAMLMap) => void): string | undefined {
  if (ids.length === 0) return 'No shot was chosen.';
  const byId = new Map<string, YAMLMap>();
  const seq = doc.contents && isMap(doc.contents) ? doc.contents.get('shots', true) : undefined;
  if (isSeq(seq)) {
    for (const item of seq.items) {
      const id = isMap(item) ? item.get('id') : undefined;
      if (typeof id === 'string' && !byId.has(id)) byId.set(id, item as YAMLMap);
    }
  }
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) return `No shot with id ${missing.map((id) => `"${id}"`).join(', ')} in this list.`;
  for (const id of new Set(ids)) change(byId.get(id) as YAMLMap);
  return undefined;
}

function rootMap(doc: Document.Parsed): YAMLMap {
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as Document.Parsed['contents'];
  return doc.contents as YAMLMap;
}

function appendShot(doc: Document.Parsed, shot: Shot): string | undefined {
  if (doc.contents !== null && !isMap(doc.contents)) return 'This file is not a shot list (no `shots:` mapping).';
  const root = rootMap(doc);
  let seq = root.get('shots', true) as Node | undefined;
  if (seq !== undefined && !(isSeq(seq) || (isScalar(seq) && seq.value === null))) {
    return '`shots:` is not a list; fix it first.';
  }
  if (!isSeq(seq)) {
    seq = doc.createNode([]) as YAMLSeq;
    root.set('shots', seq);
  }
  const items = (seq as YAMLSeq).items as Node[];
  if (items.some((item) => isMap(item) && item.get('id') === shot.id))
    return `A shot "${shot.id}" is already in this list.`;
  const node = doc.createNode(orderedShot(shot)) as YAMLMap;
  // Keep the list's look: blank lines between shots when it has them; block style for a new list.
  if (items.some((item) => item.spaceBefore)) node.spaceBefore = true;
  if (items.length === 0) (seq as YAMLSeq).flow = false;
  items.push(node);
  return undefined;
}

/** The shot's fields in the file's usual order, undefined ones left out. */
function orderedShot(shot: Shot): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SHOT_KEYS) {
    const value = shot[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
