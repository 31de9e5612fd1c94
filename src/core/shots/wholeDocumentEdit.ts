// An edit applied to the whole parsed document: the general path, for every edit kind (appending
// a shot, the budget, and shot edits the per-shot path cannot place). Lines yaml would rewrite
// in its own way keep the user's form unless the edit touches them.
import { type Document, isMap, isScalar, isSeq, type Node, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { keepSourceFormatChecked } from './keepSourceFormat';
import { SHOT_KEYS } from './readShot';
import type { ShotEdit } from './shotEdits';
import { idsOf, isEditOfShots, shotChange } from './shotMapChanges';
import type { Shot } from './shotTypes';
import { formatOf } from './yamlFormat';

/** The new text, or why the edit cannot be made. */
export function editWholeDocument(text: string, edit: ShotEdit): { text: string } | { message: string } {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { message: `Fix the YAML error first: ${doc.errors[0]?.message.split('\n')[0] ?? ''}` };
  }
  const format = formatOf(text);
  const before = doc.toString(format);
  const problem = applyEdit(doc, edit);
  return problem !== undefined
    ? { message: problem }
    : { text: keepSourceFormatChecked(text, before, doc.toString(format)) };
}

function applyEdit(doc: Document.Parsed, edit: ShotEdit): string | undefined {
  if (isEditOfShots(edit)) return eachShot(doc, idsOf(edit), shotChange(doc, edit));
  if (edit.kind === 'appendShot') return appendShot(doc, edit.shot);
  if (edit.budget === undefined) {
    if (isMap(doc.contents)) doc.contents.delete('budget');
  } else rootMap(doc).set('budget', edit.budget);
  return undefined;
}

/** Apply `change` to the first shot of each id; a message naming the ids not found. */
function eachShot(doc: Document.Parsed, ids: readonly string[], change: (map: YAMLMap) => void): string | undefined {
  const byId = new Map<string, YAMLMap>();
  const seq = isMap(doc.contents) ? doc.contents.get('shots', true) : undefined;
  if (isSeq(seq)) {
    for (const item of seq.items) {
      const id = isMap(item) ? item.get('id') : undefined;
      if (typeof id === 'string' && !byId.has(id)) byId.set(id, item as YAMLMap);
    }
  }
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) return missingShots(missing);
  for (const id of new Set(ids)) change(byId.get(id) as YAMLMap);
  return undefined;
}

const missingShots = (ids: readonly string[]) =>
  `No shot with id ${ids.map((id) => `"${id}"`).join(', ')} in this list.`;

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
