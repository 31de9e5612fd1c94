// The model a shot (or the defaults for a modality) names, against the catalog: unknown models,
// models of another modality. Offline (`local`) models are a closed set, so an unknown one is an
// error; fal and Replicate ids may be typed by hand, so an unknown one is a warning (a typo shows
// there; every send reads such a model's inputs from the provider's schema, hostModels.ts).
import type { Node } from 'yaml';
import type { Modality } from '../jobTypes';
import { type CatalogModel, findModel, MODEL_CATALOG, modelsFor } from '../modelCatalog';
import { chooseModel, type ModelLevel } from './modelChoice';
import type { ShotDiagnosticSink } from './shotDiagnosticSink';

/**
 * Report problems with the model `own` names (at `modelNode`) and return the catalog entry the
 * shot will use after falling back to `defaults`, if the catalog has it for this modality.
 */
export function checkModel(
  out: ShotDiagnosticSink,
  own: ModelLevel,
  defaults: ModelLevel | undefined,
  modality: Modality,
  modelNode: Node | null,
  shotId?: string,
): CatalogModel | undefined {
  const choice = chooseModel([own, defaults], modality, false);
  if (choice.model === undefined) return undefined;
  const entry = choice.provider !== undefined ? findModel(choice.provider, choice.model) : undefined;
  if (own.model !== undefined) {
    if (entry === undefined) reportUnknown(out, choice, modality, modelNode, shotId);
    else if (entry.modality !== modality) {
      out.error(
        'model-modality-mismatch',
        `${entry.label} (${entry.id}) makes ${entry.modality}, but this ${shotId === undefined ? 'default' : 'shot'} is ${modality}.`,
        modelNode,
        shotId,
      );
      return undefined;
    }
  }
  return entry?.modality === modality ? entry : undefined;
}

function reportUnknown(
  out: ShotDiagnosticSink,
  choice: ModelLevel,
  modality: Modality,
  at: Node | null,
  shotId?: string,
): void {
  const model = choice.model as string;
  if (choice.provider === 'local') {
    const ids = modelsFor(modality, 'local').map((m) => m.id);
    out.error(
      'unknown-model',
      `The offline provider has no model "${model}"; for ${modality} it has ${ids.join(', ')}.`,
      at,
      shotId,
    );
    return;
  }
  const elsewhere = MODEL_CATALOG.find((m) => m.id === model);
  if (elsewhere !== undefined) {
    out.warning(
      'unknown-model',
      `"${model}" is a ${elsewhere.provider} model in GenQueue's catalog, not a ${choice.provider} one: its inputs are checked against the provider's schema when that can be read, and its price is unknown unless the provider publishes one.`,
      at,
      shotId,
    );
    return;
  }
  const where = choice.provider === undefined ? ' (and no provider is set to tell whose model it is)' : '';
  out.warning(
    'unknown-model',
    `"${model}" is not in GenQueue's catalog${where}: its inputs are checked against the provider's schema when that can be read, and its price is unknown unless the provider publishes one.`,
    at,
    shotId,
  );
}
