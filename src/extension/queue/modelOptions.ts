// The models the inspector offers: every catalog model (plus the hand-typed ones the list uses),
// each with its price label, typical time and the input fields the params form is built from.
import type { Modality, ProviderId } from '../../core/jobTypes';
import { type CatalogModel, MODEL_CATALOG, type ModelField, resolveModel } from '../../core/modelCatalog';
import type { ResolvedShot } from '../../core/shots/shotTypes';
import { priceText, timeText } from '../generate/modelPicks';
import type { ModelFieldView, ModelOptionView, RefFieldView } from './queueProtocol';

/** A hand-typed model's form once read (its schema's fields, or the JSON fallback), with where it came from. */
export type ModelFormLookup = (
  provider: ProviderId,
  model: string,
  modality: Modality,
) => { model: CatalogModel; note: string } | undefined;

export function modelOptions(
  used: readonly Pick<ResolvedShot, 'provider' | 'model' | 'modality'>[],
  estimateMs: (model: string) => number | undefined,
  formOf: ModelFormLookup = () => undefined,
): ModelOptionView[] {
  const views = MODEL_CATALOG.map((m) => modelOption(m, estimateMs(m.id)));
  const known = new Set(MODEL_CATALOG.map((m) => key(m.provider, m.id)));
  for (const u of used) {
    if (known.has(key(u.provider, u.model))) continue;
    known.add(key(u.provider, u.model));
    const form = formOf(u.provider, u.model, u.modality);
    const view = modelOption(form?.model ?? resolveModel(u.provider, u.model, u.modality), estimateMs(u.model));
    const secrets = form?.model.fields.filter((f) => f.secret).map((f) => f.label) ?? [];
    const hidden = secrets.length
      ? `. Not offered here: ${secrets.join(', ')} (a secret; the shot list is a file in your repository)`
      : '';
    view.inputsNote = `${form?.note ?? `Reading this model's inputs from ${providerName(u.provider)}…`}${hidden}`;
    views.push(view);
  }
  return views;
}

function providerName(p: ProviderId): string {
  return p === 'fal' ? 'fal' : p === 'replicate' ? 'Replicate' : 'the offline provider';
}

function key(provider: ProviderId, model: string): string {
  return `${provider}\u0000${model}`;
}

export function modelOption(m: CatalogModel, estimateMs: number | undefined): ModelOptionView {
  return {
    provider: m.provider,
    model: m.id,
    label: m.label,
    modality: m.modality,
    priceLabel: priceLabel(m),
    typicalTime: timeText(m, estimateMs),
    // The prompt has its own box and file fields are refs; the form shows the other inputs.
    // Secrets are never offered: the form writes to the shot list, a file in the repository.
    fields: m.fields
      .filter((f) => f.name !== m.promptField && f.type !== 'file' && f.type !== 'files' && !f.secret)
      .map(fieldView),
    fileFields: m.fields
      .filter((f) => f.type === 'file' || f.type === 'files')
      .map((f) => {
        const view: RefFieldView = {
          name: f.name,
          label: f.label,
          multiple: f.type === 'files',
          required: !!f.required,
        };
        if (f.media !== undefined) view.media = f.media;
        return view;
      }),
  };
}

/** "$0.003/MP (catalog, 2026-11)", "free (offline)", "price unknown". */
function priceLabel(m: CatalogModel): string {
  const text = priceText(m);
  return m.price && m.provider !== 'local' ? `${text} (catalog, ${m.price.date})` : text;
}

function formKind(f: ModelField): ModelFieldView['kind'] {
  if (f.type === 'json') return 'json';
  if (f.type === 'text' || f.type === 'file' || f.type === 'files') return 'string';
  return f.type;
}

function fieldView(f: ModelField): ModelFieldView {
  const view: ModelFieldView = { name: f.name, label: f.label, kind: formKind(f) };
  if (f.options) view.options = f.options.map(String);
  if (f.min !== undefined) view.min = f.min;
  if (f.max !== undefined) view.max = f.max;
  if (f.default !== undefined) view.default = f.default;
  if (f.description) view.description = f.description;
  return view;
}
