// The items of the "Generate …" model quick pick: each model with its price and typical time
// (the user's own estimate once there is one), plus "dual mode" (when there are two models to
// choose from) and "other model id" (for fal and Replicate) entries.
import { formatUsd } from '../../core/cost';
import { formatEstimate } from '../../core/durationEstimates';
import type { Modality, ProviderId } from '../../core/jobTypes';
import type { CatalogModel } from '../../core/modelCatalog';
import { needsReference, type ReferenceTask, referenceTask } from '../../core/references/referenceTasks';
import { plainT, type Translate } from '../shared/text';

export type ModelPickItem =
  | { kind: 'model'; label: string; description: string; detail: string; model: CatalogModel; picked?: boolean }
  | { kind: 'dual'; label: string; description: string; detail: string }
  | { kind: 'other'; label: string; description: string; detail: string }
  | { kind: 'separator'; label: string };

const UNIT_TEXT: Record<string, string> = {
  image: 'image',
  megapixel: 'MP',
  'video-second': 's of output',
  'second-of-gpu': 'GPU-s',
  request: 'request',
  '1k-characters': '1k chars',
};

export function priceText(model: CatalogModel, t: Translate = plainT): string {
  if (model.provider === 'local') return t('free (offline)');
  if (!model.price) return t('price unknown');
  return `${formatUsd(model.price.amount)}/${UNIT_TEXT[model.price.unit] ?? model.price.unit}`;
}

export function timeText(model: CatalogModel, userEstimateMs: number | undefined, t: Translate = plainT): string {
  if (userEstimateMs !== undefined) return t('{0} (your runs)', formatEstimate(userEstimateMs));
  if (model.typicalDurationSec !== undefined)
    return t('{0} (typical)', formatEstimate(model.typicalDurationSec * 1000));
  return t('time unknown');
}

const PROVIDER_LABEL: Record<ProviderId, string> = { fal: 'fal.ai', replicate: 'Replicate', local: 'Offline' };

const PROVIDER_ORDER: readonly ProviderId[] = ['fal', 'replicate', 'local'];

/**
 * Without `task`: the modality's models of the provider plus the offline ones, leaving out those that
 * cannot run without a reference. With `task` (Animate Image…, Generate Talking Head…): that job
 * type's models of every provider, the chosen provider's first, so the pick chooses both.
 */
export function modelPickItems(opts: {
  modality: Modality;
  provider: ProviderId;
  models: readonly CatalogModel[];
  estimateMs: (model: string) => number | undefined;
  defaultModel?: string;
  includeSpecial?: boolean;
  task?: ReferenceTask;
  t?: Translate;
}): ModelPickItem[] {
  const t = opts.t ?? plainT;
  const wanted = opts.models.filter((m) =>
    opts.task
      ? referenceTask(m) === opts.task
      : m.modality === opts.modality && (m.provider === opts.provider || m.provider === 'local') && !needsReference(m),
  );
  // The provider's models first (default model on top), then the others' (fal, Replicate, offline).
  const ordered = [...wanted].sort((a, b) => {
    const rank = (m: CatalogModel) =>
      m.id === opts.defaultModel ? -1 : m.provider === opts.provider ? 0 : 1 + PROVIDER_ORDER.indexOf(m.provider);
    return rank(a) - rank(b);
  });
  const items: ModelPickItem[] = [];
  let lastProvider: ProviderId | undefined;
  for (const m of ordered) {
    if (m.provider !== lastProvider) {
      items.push({ kind: 'separator', label: PROVIDER_LABEL[m.provider] });
      lastProvider = m.provider;
    }
    const item: ModelPickItem = {
      kind: 'model',
      label: m.label,
      description: `${priceText(m, t)} · ${timeText(m, opts.estimateMs(m.id), t)}`,
      detail: m.id === opts.defaultModel ? t('{0} (default)', m.id) : m.id,
      model: m,
    };
    if (m.id === opts.defaultModel) item.picked = true;
    items.push(item);
  }
  if (opts.includeSpecial !== false && !opts.task) {
    // Dual mode needs two models to choose from; the offline provider takes no other model ids.
    const dual = items.filter((i) => i.kind === 'model').length >= 2;
    const other = opts.provider !== 'local';
    if (dual || other) items.push({ kind: 'separator', label: t('More') });
    if (dual) {
      items.push({
        kind: 'dual',
        label: t('$(split-horizontal) Two models in parallel (dual mode)…'),
        description: '',
        detail: t('Run the same prompt on two models and compare.'),
      });
    }
    if (other) {
      items.push({
        kind: 'other',
        label: t('$(edit) Other model id…'),
        description: PROVIDER_LABEL[opts.provider],
        detail: t('Type any {0} model id.', PROVIDER_LABEL[opts.provider]),
      });
    }
  }
  return items;
}
