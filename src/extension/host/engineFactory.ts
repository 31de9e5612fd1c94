// Builds the real engine and providers from settings and keys. Keys are read on every request
// (credentials()/auth()), so setting or clearing a key applies at once.

import type { EngineOptions } from '../../core/engineApi';
import type { Costing } from '../../core/engineOptions';
import { JobEngine } from '../../core/jobEngine';
import type { ProviderId } from '../../core/jobTypes';
import type { ProviderAdapter } from '../../core/providerPort';
import type { ReferenceOptions } from '../../core/references/referencePorts';
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

/** What the host adds to each engine: temp files for downloads, live prices, reading references. */
export interface EngineExtras {
  /** Downloads stream into temp files here (leftovers are removed at start). */
  spoolDir?: string;
  costing?: Costing;
  references?: ReferenceOptions;
}

/** The host's engines: the keys in use are masked in job errors and logs before storing. */
export function engineMaker(keys: ApiKeys, extras: EngineExtras = {}): (opts: EngineOptions) => HostEngine {
  const { spoolDir, costing, references } = extras;
  const spooled =
    spoolDir === undefined ? {} : { download: createTakeDownloader({ spool: new FileTakeSpool(spoolDir) }) };
  return (opts) =>
    new JobEngine({
      ...opts,
      ...spooled,
      ...(costing ? { costing } : {}),
      ...(references ? { references } : {}),
      secrets: () => keys.all(),
    });
}
