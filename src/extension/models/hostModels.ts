// What the host knows about models beyond the curated catalog: each model's real inputs (its schema,
// read from the provider and cached per version) and fal's live prices (cached with their date).
// Both caches live in globalStorage; both are read lazily, so activation fetches nothing.
import { join } from 'node:path';
import type { JobSpec, Modality, ProviderId } from '../../core/jobTypes';
import { findModel } from '../../core/modelCatalog';
import { PriceBook } from '../../core/prices/priceBook';
import { isFileField } from '../../core/references/referenceTasks';
import { validateModelInput } from '../../core/schemas/inputValidation';
import { loadModelInputs, type ModelInputs, spreadRawInput } from '../../core/schemas/modelInputs';
import { SchemaCache } from '../../core/schemas/schemaCache';
import { createFalSchemaFetcher } from '../../providers/fal/falModelSchema';
import { createFalPriceFetcher } from '../../providers/fal/falPricing';
import { createReplicateSchemaFetcher } from '../../providers/replicate/replicateSchema';
import type { HostFileSystem } from '../assets/hostFileSystem';
import { checkReferenceFile } from '../generate/referenceFiles';
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

  private readonly forms = new Map<string, ModelInputs>();
  private readonly reading = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly schemas: SchemaCache,
    readonly prices: PriceBook,
  ) {}

  /**
   * A hand-typed model's input form if it has been read; else undefined, and it is read now and
   * `onDidReadForm` listeners hear when it is in (views built synchronously show it on their next
   * refresh). Curated and offline models are the catalog's, so they are never read here.
   */
  formOf(provider: ProviderId, model: string, modality: Modality): ModelInputs | undefined {
    if (provider === 'local' || findModel(provider, model)) return undefined;
    const key = `${provider}\u0000${model}`;
    const known = this.forms.get(key);
    if (known || this.reading.has(key)) return known;
    this.reading.add(key);
    void this.inputs(provider, model, modality).then(
      (form) => {
        this.reading.delete(key);
        this.forms.set(key, form);
        for (const l of this.listeners) l();
      },
      () => this.reading.delete(key),
    );
    return undefined;
  }

  onDidReadForm(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A model's input form: the live schema's fields, else the catalog's, else a JSON field (with why). */
  inputs(provider: ProviderId, model: string, modality: Modality): Promise<ModelInputs> {
    return loadModelInputs(this.schemas, provider, model, modality);
  }

  /**
   * Problems with the jobs' inputs, in plain words, before anything is sent: a red input error costs
   * nothing, a provider's 422 costs a round trip and sometimes money. Empty when all are fine.
   */
  async problems(specs: readonly JobSpec[], opts: { refsComeLater?: boolean } = {}): Promise<string[]> {
    const out: string[] = [];
    const seen = new Map<string, Promise<ModelInputs>>();
    for (const spec of specs) {
      const key = `${spec.provider}\u0000${spec.model}`;
      let inputs = seen.get(key);
      if (!inputs) {
        inputs = this.inputs(spec.provider, spec.model, spec.modality);
        seen.set(key, inputs);
      }
      const { model, schema, source } = await inputs;
      // Jobs sent once their dependencies are done get their references then: count every file input as given.
      const refs = opts.refsComeLater ? model.fields.filter(isFileField).map((f) => ({ field: f.name })) : spec.refs;
      const problems = validateModelInput(schema ?? model.fields, spreadRawInput(spec.input), {
        ...(refs ? { refs } : {}),
      });
      // Each reference against the field that takes it (type and size), whatever path made the job.
      for (const ref of spec.refs ?? []) {
        const field = model.fields.find((f) => f.name === ref.field);
        if (!field) {
          if (source !== 'json') problems.push(`${ref.field} is not an input of this model (${ref.path})`);
          continue;
        }
        const check = checkReferenceFile(field, { name: ref.path, bytes: ref.bytes });
        if (!check.ok) problems.push(check.message);
      }
      for (const p of problems) out.push(`${spec.model}: ${p}`);
    }
    return [...new Set(out)];
  }
}

/** Where a form's fields come from, in words: the schema and its date, or why not. */
export function formNote(form: ModelInputs): string {
  if (form.reason) return form.reason;
  const s = form.schema;
  if (!s) return "The catalog's fields";
  const from = s.provider === 'fal' ? "fal's model API" : `Replicate's schema of version ${s.version.slice(0, 12)}`;
  return `Inputs read from ${from} on ${new Date(s.fetchedAt).toISOString().slice(0, 10)}`;
}
