// What an edit of shots does to one shot's mapping. Scalars are changed in place, so a value
// keeps its quoting style and its comment; new keys go at the end of the shot.
import { type Document, isMap, isScalar, type YAMLMap } from 'yaml';
import type { ShotEdit } from './shotEdits';

export type ShotEditOfShots = Extract<ShotEdit, { kind: 'setField' | 'setModel' | 'setParam' | 'setTake' | 'setRef' }>;

export const isEditOfShots = (edit: ShotEdit): edit is ShotEditOfShots =>
  edit.kind === 'setField' ||
  edit.kind === 'setModel' ||
  edit.kind === 'setParam' ||
  edit.kind === 'setTake' ||
  edit.kind === 'setRef';

export const idsOf = (edit: ShotEditOfShots): readonly string[] =>
  edit.kind === 'setTake' || edit.kind === 'setRef' ? [edit.id] : edit.ids;

/** The change to make to each chosen shot's mapping (nodes are created in `doc`). */
export function shotChange(doc: Document, edit: ShotEditOfShots): (shot: YAMLMap) => void {
  switch (edit.kind) {
    case 'setTake':
      return (shot) => shot.set('take', edit.take);
    case 'setModel':
      return (shot) => {
        shot.set('provider', edit.provider);
        shot.set('model', edit.model);
      };
    case 'setField':
      return (shot) => {
        if (edit.value === '') shot.delete(edit.field);
        else shot.set(edit.field, edit.value);
      };
    case 'setParam':
      return (shot) => setParam(doc, shot, edit.name, edit.value);
    case 'setRef':
      return (shot) => setRef(doc, shot, edit.field, edit.value?.trim());
  }
}

function setRef(doc: Document, shot: YAMLMap, field: string, value: string | undefined): void {
  const refs = shot.get('refs', true);
  if (value === undefined || value === '') {
    if (!isMap(refs)) return;
    refs.delete(field);
    if (refs.items.length === 0) shot.delete('refs');
    return;
  }
  if (isMap(refs)) {
    const prev = refs.get(field, true);
    if (isScalar(prev)) prev.value = value;
    else refs.set(field, value);
  } else shot.set('refs', doc.createNode({ [field]: value }, { flow: true }));
}

function setParam(doc: Document, shot: YAMLMap, name: string, value: unknown): void {
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
    if (isScalar(prev) && isScalar(node)) prev.value = node.value;
    else params.set(name, node);
  } else shot.set('params', doc.createNode({ [name]: value }));
}
