// A model's input schema as read from its provider, in one shape for both dialects: the Input
// object schema (OpenAPI 3.0, `$ref`s pointing into `components`) plus what identifies it. The
// cache stores it as JSON; the form fields and the validator are both made from it.

export type JsonObject = Record<string, unknown>;

export type SchemaProvider = 'fal' | 'replicate';

export interface FetchedSchema {
  provider: SchemaProvider;
  /** The model id without a version ("owner/name", "fal-ai/flux/dev"). */
  model: string;
  /** Replicate: the version id. fal: `metadata.updated_at`, else the fetch date (ISO). */
  version: string;
  /** When it was read, epoch ms. */
  fetchedAt: number;
  /** The Input object schema. */
  input: JsonObject;
  /** The document's `components.schemas`, which `$ref`s point into. */
  components: Record<string, JsonObject>;
  /** The Output schema, when the document has one (chooses the output shape). */
  output?: JsonObject;
  /** Replicate `is_official`: official models run at /models/{o}/{n}/predictions, others need a version. */
  official?: boolean;
  /** fal `metadata.category` ("image-to-video"). */
  category?: string;
  displayName?: string;
}

export type SchemaFailureKind = 'offline' | 'auth' | 'not-found' | 'no-schema' | 'http' | 'bad-schema';

/** Why a schema could not be read; `message` is plain words for the person. */
export class SchemaFetchError extends Error {
  readonly kind: SchemaFailureKind;
  readonly status?: number;

  constructor(kind: SchemaFailureKind, message: string, status?: number) {
    super(message);
    this.name = 'SchemaFetchError';
    this.kind = kind;
    this.status = status;
  }
}

/** Reads one model's schema from its provider; `ref` may carry a Replicate version ("owner/name:id"). */
export type SchemaFetcher = (ref: string, signal?: AbortSignal) => Promise<FetchedSchema>;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "owner/name:version" → both parts; anything else is a model id with no version. */
export function splitModelRef(ref: string): { model: string; version?: string } {
  const colon = ref.indexOf(':');
  if (colon < 0) return { model: ref };
  return { model: ref.slice(0, colon), version: ref.slice(colon + 1) };
}
