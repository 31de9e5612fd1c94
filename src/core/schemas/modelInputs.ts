// The input form for a model id: its real fields from the schema when it can be read, else the
// catalog's fields, else a prompt and one JSON field, with a sentence that says which and why.
// Curated models are the fast path (no request) unless the caller asks for their live schema.
import type { Modality, ProviderId } from '../jobTypes';
import { type CatalogModel, customModel, findModel, type ModelField } from '../modelCatalog';
import { catalogWithSchema, modelFromSchema } from './modelFromSchema';
import type { SchemaCache } from './schemaCache';
import type { FetchedSchema, SchemaFailureKind } from './schemaTypes';

export interface ModelInputs {
  model: CatalogModel;
  /** What the fields come from. */
  source: 'schema' | 'catalog' | 'json';
  /** The schema the fields were made from (validate against it); undefined: validate against the fields. */
  schema?: FetchedSchema;
  /** Why the fields are not the live schema's (or are an older reading); undefined when they are. */
  reason?: string;
}

/** The fallback's free-form field: a JSON object merged into the input by `spreadRawInput`. */
export const RAW_INPUT_FIELD = '_json';

export async function loadModelInputs(
  cache: SchemaCache,
  provider: ProviderId,
  modelId: string,
  modality: Modality,
  opts: { preferSchema?: boolean; refresh?: boolean; signal?: AbortSignal } = {},
): Promise<ModelInputs> {
  const id = modelId.trim();
  const curated = findModel(provider, id);
  if (provider === 'local' || (curated && !opts.preferSchema)) {
    return curated ? { model: curated, source: 'catalog' } : fallback(provider, id, modality, 'no schema');
  }
  const found = await cache.lookup(provider, id, { refresh: opts.refresh, signal: opts.signal });
  const build = (s: FetchedSchema) =>
    curated ? catalogWithSchema(curated, s) : modelFromSchema(provider, id, modality, s);
  if (found.ok) return { model: build(found.schema), source: 'schema', schema: found.schema };
  const why = failureWords(found.failure.kind, found.failure.status);
  const from = provider === 'fal' ? 'fal' : 'Replicate';
  if (found.stale) {
    const day = new Date(found.stale.fetchedAt).toISOString().slice(0, 10);
    return {
      model: build(found.stale),
      source: 'schema',
      schema: found.stale,
      reason: `Could not check ${from} for newer inputs (${why}); showing the inputs read on ${day}`,
    };
  }
  if (curated) {
    return {
      model: curated,
      source: 'catalog',
      reason: `Could not read the model's inputs from ${from} (${why}); showing the catalog's fields`,
    };
  }
  return fallback(provider, id, modality, why);
}

function fallback(provider: ProviderId, id: string, modality: Modality, why: string): ModelInputs {
  const base = customModel(provider, id, modality);
  const raw: ModelField = {
    name: RAW_INPUT_FIELD,
    type: 'json',
    label: 'Other inputs (JSON)',
    description: "A JSON object of the model's other inputs, sent as typed.",
  };
  const from = provider === 'fal' ? 'fal' : provider === 'replicate' ? 'Replicate' : 'the offline provider';
  return {
    model: { ...base, fields: [...base.fields, raw] },
    source: 'json',
    reason: `Could not read the model's inputs from ${from} (${why}); type its other inputs as JSON`,
  };
}

/** The input with the fallback's JSON object spread into it; the named fields win over it. */
export function spreadRawInput(input: Record<string, unknown>): Record<string, unknown> {
  const { [RAW_INPUT_FIELD]: raw, ...named } = input;
  const parsed = typeof raw === 'string' ? parseObject(raw) : raw;
  if (parsed === undefined || parsed === null) return named;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('Other inputs (JSON) must be a JSON object, like {"seed": 42}');
  }
  return { ...(parsed as Record<string, unknown>), ...named };
}

function parseObject(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`Other inputs (JSON) is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function failureWords(kind: SchemaFailureKind, status: number | undefined): string {
  switch (kind) {
    case 'offline':
      return 'offline';
    case 'auth':
      return 'the API key was refused or is missing';
    case 'not-found':
      return 'no model with this id';
    case 'no-schema':
      return 'the model publishes no input schema';
    case 'bad-schema':
      return 'its schema could not be read';
    case 'http':
      return status ? `HTTP ${status}` : 'the request failed';
  }
}
