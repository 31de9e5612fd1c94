// Which provider and model a shot uses: the shot's own, then the file's defaults for its modality,
// then the user's settings. A level that names only a model gets the provider the catalog knows
// it from, so `model: local/image` alone never pairs with another level's provider.
import type { Modality, ProviderId } from '../jobTypes';
import { MODEL_CATALOG, modelsFor } from '../modelCatalog';

export interface ModelLevel {
  provider?: ProviderId;
  model?: string;
}

/** The catalog's provider for a model id (its modality's entry first), if the id is in the catalog. */
function catalogProviderOf(model: string, modality: Modality): ProviderId | undefined {
  const same = MODEL_CATALOG.find((m) => m.id === model && m.modality === modality);
  return (same ?? MODEL_CATALOG.find((m) => m.id === model))?.provider;
}

/**
 * The first level that names a provider or a model, completed from the levels after it and, for a
 * provider named without a model, from the provider's first catalog model (unless `catalogModel`
 * is false).
 */
export function chooseModel(
  levels: readonly (ModelLevel | undefined)[],
  modality: Modality,
  catalogModel = true,
): ModelLevel {
  const named = levels.filter((l): l is ModelLevel => l?.provider !== undefined || l?.model !== undefined);
  const [first, ...rest] = named;
  if (first === undefined) return {};
  const provider =
    first.provider ??
    (first.model !== undefined ? catalogProviderOf(first.model, modality) : undefined) ??
    rest.find((l) => l.provider !== undefined)?.provider;
  if (first.model !== undefined)
    return provider === undefined ? { model: first.model } : { provider, model: first.model };
  const model =
    rest.find((l) => l.model !== undefined && (l.provider ?? catalogProviderOf(l.model, modality)) === provider)
      ?.model ?? (provider !== undefined && catalogModel ? modelsFor(modality, provider)[0]?.id : undefined);
  const out: ModelLevel = {};
  if (provider !== undefined) out.provider = provider;
  if (model !== undefined) out.model = model;
  return out;
}
