// What the host knows about models beyond the curated catalog: each model's real inputs (its schema,
// read from the provider and cached per version) and fal's live prices (cached with their date).
// Both caches live in globalStorage; both are read lazily, so activation fetches nothing.
import { join } from 'node:path';
import type { JobSpec, Modality, ProviderId } from '../../core/jobTypes';
import { PriceBook } from '../../core/prices/priceBook';
import { validateModelInput } from '../../core/schemas/inputValidation';
import { loadModelInputs, type ModelInputs, spreadRawInput } from '../../core/schemas/modelInputs';
import { SchemaCache } from '../../core/schemas/schemaCache';
import { createFalSchemaFetcher } from '../../providers/fal/falModelSchema';
import { createFalPriceFetcher } from '../../providers/fal/falPricing';
import { createReplicateSchemaFetcher } from '../../providers/replicate/replicateSchema';
import type { HostFileSystem } from '../assets/hostFileSystem';
import type { HostConfig } from '../host/hostConfig';
import type { ApiKeys } from '../keys/apiKeys';
import { CacheEntryFiles } from '../persistence/cacheFiles';
import { PriceCacheFile } from '../persistence/priceCacheFile';
import type { HostLog } from '../shared/hostLog';

export interface HostModelsOptions {
  keys: ApiKeys;
  /** Read once: a changed base URL takes a window reload, as for the providers. */
  config: HostConfig;
  fs: HostFileSystem;
  /** globalStorageUri: its string form (price file) and its fsPath (schema files). */
  storageUri: string;
  storageDir: string;
  log: HostLog;
}

export class HostModels {
  /** The host's: schemas and prices from the providers (or the emulator the base URLs name). */
  static create(opts: HostModelsOptions): HostModels {
    const { keys, config, log } = opts;
    const fal = config.baseUrl.fal;
    const replicate = config.baseUrl.replicate;
    const prices = new PriceBook({
      fetchFal: createFalPriceFetcher({ credentials: () => keys.get('fal'), ...(fal ? { baseUrl: fal } : {}) }),
      store: new PriceCacheFile(opts.fs, opts.storageUri),
      log: (m) => log.info(m),
    });
    const schemas = new SchemaCache({
      store: new CacheEntryFiles(join(opts.storageDir, 'schemas')),
      fetchers: {
        replicate: createReplicateSchemaFetcher({
          auth: () => keys.get('replicate'),
          ...(replicate ? { baseUrl: replicate } : {}),
        }),
        fal: createFalSchemaFetcher({ credentials: () => keys.get('fal'), ...(fal ? { platformBaseUrl: fal } : {}) }),
      },
      onStoreError: (err) => log.warn(`Model schema cache: ${String(err)}`),
    });
    void prices.load();
    return new HostModels(schemas, prices);
  }

  constructor(
    readonly schemas: SchemaCache,
    readonly prices: PriceBook,
  ) {}

  /** A model's input form: the live schema's fields, else the catalog's, else a JSON field (with why). */
  inputs(provider: ProviderId, model: string, modality: Modality): Promise<ModelInputs> {
    return loadModelInputs(this.schemas, provider, model, modality);
  }

  /**
   * Problems with the jobs' inputs, in plain words, before anything is sent: a red input error costs
   * nothing, a provider's 422 costs a round trip and sometimes money. Empty when all are fine.
   */
  async problems(specs: readonly JobSpec[]): Promise<string[]> {
    const out: string[] = [];
    const seen = new Map<string, Promise<ModelInputs>>();
    for (const spec of specs) {
      const key = `${spec.provider}\u0000${spec.model}`;
      let inputs = seen.get(key);
      if (!inputs) {
        inputs = this.inputs(spec.provider, spec.model, spec.modality);
        seen.set(key, inputs);
      }
      const { model, schema } = await inputs;
      const problems = validateModelInput(schema ?? model.fields, spreadRawInput(spec.input), {
        ...(spec.refs ? { refs: spec.refs } : {}),
      });
      for (const p of problems) out.push(`${spec.model}: ${p}`);
    }
    return [...new Set(out)];
  }
}
