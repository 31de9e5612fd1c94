// The provider and model a shot uses when neither the shot nor the file's defaults name one: what
// the palette would pick (the provider setting, or the first provider with a key, else offline;
// the user's model for the modality when that provider has it, else the provider's first model).
import type { Modality, ProviderId } from '../../core/jobTypes';
import { findModel, modelsFor } from '../../core/modelCatalog';
import type { ModelFallback } from '../../core/shots/resolveShot';
import { resolveProvider } from '../generate/providerChoice';
import type { ShotRunnerSettings } from './shotRunnerDeps';

export function shotFallback(
  settings: Pick<ShotRunnerSettings, 'defaultProvider' | 'defaultModel'>,
  hasKey: (p: ProviderId) => boolean,
): ModelFallback {
  const provider = resolveProvider(settings.defaultProvider, hasKey);
  return (modality: Modality) => {
    const wanted = settings.defaultModel(modality);
    if (wanted && findModel(provider, wanted)?.modality === modality) return { provider, model: wanted };
    const first = modelsFor(modality, provider)[0];
    // The catalog has an offline model for every modality (local/image, local/video…).
    return first ? { provider, model: first.id } : { provider: 'local', model: `local/${modality}` };
  };
}
