// Edits of a shot list written back through yaml's Document API, so comments, blank lines and key
// order survive; each edit comes back as one minimal text replace for the editor to apply.
import { MODALITIES, type ProviderId } from '../jobTypes';
import { minimalReplace } from './minimalReplace';
import { editShotItems } from './shotItemEdit';
import { isEditOfShots } from './shotMapChanges';
import { idProblem, MAX_PROMPT_CHARS, MAX_SHOT_LIST_CHARS, workspacePathProblem } from './shotRules';
import { type Shot, type ShotField, shotRefTarget } from './shotTypes';
import { editWholeDocument } from './wholeDocumentEdit';

export type ShotEdit =
  | { kind: 'setField'; ids: readonly string[]; field: ShotField; value: string }
  | { kind: 'setModel'; ids: readonly string[]; provider: ProviderId; model: string }
  | { kind: 'setParam'; ids: readonly string[]; name: string; value?: unknown }
  | { kind: 'setTake'; id: string; take: number }
  /** A reference of one shot: a workspace path or `shot:<id>`; undefined removes it. */
  | { kind: 'setRef'; id: string; field: string; value?: string }
  | { kind: 'appendShot'; shot: Shot }
  | { kind: 'setBudget'; budget: number | undefined };

export interface TextReplace {
  offset: number;
  length: number;
  text: string;
}

export type EditResult = { ok: true; replace: TextReplace; text: string } | { ok: false; message: string };

const promptTooLong = `A prompt has at most ${MAX_PROMPT_CHARS.toLocaleString('en-US')} characters.`;

/** Fields a shot cannot do without: `setField` refuses to clear them. */
const REQUIRED_FIELDS: readonly ShotField[] = ['modality', 'prompt'];

/**
 * Apply `edit` to the text of a shot list. Edits of shots change only those shots' text when it
 * can be placed on its own (the usual case, and fast on long lists); otherwise, and for the other
 * edits, the whole document is parsed and written back.
 */
export function editShotList(text: string, edit: ShotEdit): EditResult {
  if (text.length > MAX_SHOT_LIST_CHARS) return { ok: false, message: 'This shot list is too large to edit here.' };
  const problem = checkEdit(edit);
  if (problem !== undefined) return { ok: false, message: problem };
  // yaml writes "\n": a CRLF file is edited as LF and turned back, so no other line changes.
  const crlf = text.includes('\r\n');
  const lf = crlf ? text.replace(/\r\n/g, '\n') : text;
  let result: { text: string } | { message: string };
  try {
    result = (isEditOfShots(edit) ? editShotItems(lf, edit) : undefined) ?? editWholeDocument(lf, edit);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { ok: false, message: 'This shot list nests too deeply to edit.' };
  }
  if ('message' in result) return { ok: false, message: result.message };
  const after = crlf ? result.text.replace(/\n/g, '\r\n') : result.text;
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
      return promptTooLong;
    }
    if (edit.field === 'output' && value !== '') return workspacePathProblem(value);
  }
  if ((edit.kind === 'setField' || edit.kind === 'setModel' || edit.kind === 'setParam') && edit.ids.length === 0) {
    return 'No shot was chosen.';
  }
  if (edit.kind === 'setModel' && edit.model.trim() === '') return 'Choose a model.';
  if (edit.kind === 'setParam' && edit.name.trim() === '') return 'A param needs a name.';
  if (edit.kind === 'setRef') return refEditProblem(edit.id, edit.field, edit.value);
  if (edit.kind === 'setTake' && !(Number.isInteger(edit.take) && edit.take >= 1)) {
    return 'A take number is a whole number from 1.';
  }
  if (edit.kind === 'setBudget' && edit.budget !== undefined && !(Number.isFinite(edit.budget) && edit.budget >= 0)) {
    return 'A budget is a number of USD from 0.';
  }
  if (edit.kind === 'appendShot') {
    if (edit.shot.prompt.trim() === '') return 'A shot needs a prompt.';
    if (edit.shot.prompt.length > MAX_PROMPT_CHARS) return promptTooLong;
    return idProblem(edit.shot.id);
  }
  return undefined;
}

function refEditProblem(id: string, field: string, value: string | undefined): string | undefined {
  if (!/^[A-Za-z0-9_.-]+$/.test(field)) return `"${field}" is not an input name.`;
  if (value === undefined) return undefined;
  const target = shotRefTarget(value.trim());
  if (target === undefined) return workspacePathProblem(value.trim());
  if (target === id) return 'A shot cannot reference itself.';
  return idProblem(target);
}
