// What an edit of shots does to one shot's mapping. Scalars are changed in place, so a value
// keeps its quoting style and its comment; new keys go at the end of the shot.
import { type Document, isMap, isScalar, type YAMLMap } from 'yaml';
import type { ShotEdit } from './shotEdits';

export type ShotEditOfShots = Extract<ShotEdit, { kind: 'setField' | 'setModel' | 'setParam' | 'setTake' }>;

export const isEditOfShots = (edit: ShotEdit): edit is ShotEditOfShots =>
  edit.kind === 'setField' || edit.kind === 'setModel' || edit.kind === 'setParam' || edit.kind === 'setTake';

export const idsOf = (edit: ShotEditOfShots): readonly string[] => (edit.kind === 'setTake' ? [edit.id] : edit.ids);

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
  }
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
