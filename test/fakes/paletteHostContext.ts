// The host context the palette flow sees in unit tests: a service that records the specs it is handed,
// every key present, and the settings a test chooses. The rest of HostContext is not reached by the flow.
import type { JobSpec } from '../../src/core/jobTypes';
import type { HostContext } from '../../src/extension/host/hostContext';
import type { HostModels } from '../../src/extension/models/hostModels';
import { FakeUri } from './vscodeFakes';

export function paletteHostContext(opts: {
  submitted: JobSpec[];
  defaultProvider: 'fal' | 'replicate' | 'local';
  budgetConfirmThreshold: number;
  models: HostModels;
}): HostContext {
  const { submitted } = opts;
  const service = {
    engine: { estimateDurationMs: () => undefined, list: () => [] },
    submit: (spec: JobSpec) => {
      submitted.push(spec);
      return { id: `job-${submitted.length}`, provider: spec.provider, model: spec.model };
    },
  };
  return {
    globalStorageUri: FakeUri.file('/global'),
    keys: { has: () => true },
    log: { info() {} },
    config: () => ({
      defaultProvider: opts.defaultProvider,
      defaultModel: () => '',
      assetsFolder: 'assets/generated',
      assetsFolderExplicit: false,
      budgetConfirmThreshold: opts.budgetConfirmThreshold,
    }),
    service: async () => service,
    serviceIfStarted: () => service,
    history: { readJobs: async () => [] },
    models: opts.models,
  } as unknown as HostContext;
}
