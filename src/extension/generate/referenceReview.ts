// Edit & retry of a job that read references: they are kept, shown (field and path), and each can
// be changed through the same pick as in Generate. Pure parts (items, replacing a field's files)
// are exported for tests; `reviewReferences` shows the pick.
import * as vscode from 'vscode';
import type { CatalogModel } from '../../core/modelCatalog';
import type { JobReference } from '../../core/references/referenceTypes';
import { plainT, type Translate } from '../shared/text';
import type { ChosenReferences } from './referenceChooser';

export type ReviewItem =
  | { action: 'keep'; label: string; description: string }
  | { action: 'change'; label: string; description: string; field: string };

/** One item per referenced field (a list field's files joined), after "Keep". Fields the model does not list cannot be changed. */
export function reviewItems(refs: readonly JobReference[], model: CatalogModel, t: Translate = plainT): ReviewItem[] {
  const items: ReviewItem[] = [
    { action: 'keep', label: t('$(check) Keep these references'), description: t('then edit the prompt') },
  ];
  const fields = [...new Set(refs.map((r) => r.field))];
  for (const name of fields) {
    const paths = refs
      .filter((r) => r.field === name)
      .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
      .map((r) => r.path);
    const field = model.fields.find((f) => f.name === name);
    const label = `$(file-media) ${field?.label ?? name}: ${paths.join(', ')}`;
    items.push(
      field
        ? { action: 'change', label, description: t('Change…'), field: name }
        : { action: 'change', label, description: t('not a field of this model; kept as it is'), field: '' },
    );
  }
  return items;
}

/** The references with one field's files replaced (in place of the old ones, so the order stays). */
export function replaceField(
  refs: readonly JobReference[],
  field: string,
  chosen: readonly JobReference[],
): JobReference[] {
  const at = refs.findIndex((r) => r.field === field);
  const rest = refs.filter((r) => r.field !== field);
  const where = at < 0 ? rest.length : refs.slice(0, at).filter((r) => r.field !== field).length;
  return [...rest.slice(0, where), ...chosen, ...rest.slice(where)];
}

/** Undefined when the person cancelled; else the references to retry with (changed or not). */
export async function reviewReferences(
  refs: readonly JobReference[],
  model: CatalogModel,
  chooseField: (field: string) => Promise<ChosenReferences | undefined>,
): Promise<JobReference[] | undefined> {
  let current = [...refs];
  for (;;) {
    const pick = await vscode.window.showQuickPick(reviewItems(current, model, vscode.l10n.t), {
      title: vscode.l10n.t('Retry with edits — references'),
      placeHolder: vscode.l10n.t('Keep the references, or choose one to change'),
      ignoreFocusOut: true,
    });
    if (!pick) return undefined;
    if (pick.action === 'keep') return current;
    if (!pick.field) continue;
    const chosen = await chooseField(pick.field);
    // Cancelling a change keeps the file it would have replaced.
    if (chosen) current = replaceField(current, pick.field, chosen.refs);
  }
}
