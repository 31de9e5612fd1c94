// Which provider a new job uses: the setting, or for "auto" the first provider with a key
// (fal, then replicate), else the local provider so a new user can try everything offline.
import type { ProviderId } from '../../core/jobTypes';

export type ProviderSetting = 'auto' | ProviderId;

export function resolveProvider(setting: unknown, hasKey: (p: ProviderId) => boolean): ProviderId {
  if (setting === 'fal' || setting === 'replicate' || setting === 'local') return setting;
  if (hasKey('fal')) return 'fal';
  if (hasKey('replicate')) return 'replicate';
  return 'local';
}
