// Builds the real engine and providers from settings and keys. Keys are read on every request
// (credentials()/auth()), so setting or clearing a key applies at once.

import type { EngineOptions } from '../../core/engineApi';
import type { Costing } from '../../core/engineOptions';
import { JobEngine } from '../../core/jobEngine';
import type { ProviderId } from '../../core/jobTypes';
import type { ProviderAdapter } from '../../core/providerPort';
import { createTakeDownloader } from '../../core/takeDownloader';
import { createFalProvider } from '../../providers/fal/falProvider';
import { createLocalProvider } from '../../providers/local/localProvider';
import { createReplicateProvider } from '../../providers/replicate/replicateProvider';
import { FileTakeSpool } from '../assets/fileTakeSpool';
import type { ApiKeys } from '../keys/apiKeys';
import type { HostEngine } from './genQueueService';
import type { HostConfig } from './hostConfig';

export function createProviders(keys: ApiKeys, cfg: HostConfig): Partial<Record<ProviderId, ProviderAdapter>> {
  return {
    fal: createFalProvider({
      credentials: () => keys.get('fal'),
      ...(cfg.baseUrl.fal ? { baseUrl: cfg.baseUrl.fal } : {}),
    }),
    replicate: createReplicateProvider({
      auth: () => keys.get('replicate'),
      ...(cfg.baseUrl.replicate ? { baseUrl: cfg.baseUrl.replicate } : {}),
    }),
    local: createLocalProvider(),
  };
}

export function engineLimits(cfg: HostConfig): EngineOptions['limits'] {
  const limits: NonNullable<EngineOptions['limits']> = {};
  for (const [p, n] of Object.entries(cfg.concurrency) as [ProviderId, number][]) limits[p] = { concurrency: n };
  return limits;
}

/**
 * The host's engines: the keys in use are masked in job errors and logs before storing, and with
 * `spoolDir` downloads stream into temp files there (leftovers are removed at start).
 */
export function engineMaker(keys: ApiKeys, spoolDir?: string, costing?: Costing): (opts: EngineOptions) => HostEngine {
  const spooled =
    spoolDir === undefined ? {} : { download: createTakeDownloader({ spool: new FileTakeSpool(spoolDir) }) };
  return (opts) => new JobEngine({ ...opts, ...spooled, ...(costing ? { costing } : {}), secrets: () => keys.all() });
}
