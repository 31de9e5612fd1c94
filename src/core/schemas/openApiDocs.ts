// Where each provider keeps a model's Input schema in its OpenAPI document.
// Replicate: `components.schemas.Input` (and `Output`) of the version's `openapi_schema`.
// fal: the `$ref` of the POST `/<endpoint_id>` request body; the component name varies per model
// (`BytedanceSeedreamV4TextToImageInput`, `Input`, …), so it is never guessed.
import { derefSchema, refName } from './schemaRefs';
import { type FetchedSchema, isJsonObject, type JsonObject, SchemaFetchError } from './schemaTypes';

interface Identity {
  model: string;
  version: string;
  fetchedAt: number;
  category?: string;
  displayName?: string;
  official?: boolean;
}

export function schemaFromCog(openapi: unknown, id: Identity): FetchedSchema {
  const components = componentsOf(openapi);
  const input = components.Input;
  if (!input) throw new SchemaFetchError('no-schema', `${id.model} publishes no input schema for this version`);
  const schema: FetchedSchema = { provider: 'replicate', ...id, input, components };
  if (components.Output) schema.output = derefSchema(components.Output, components);
  return schema;
}

export function schemaFromFal(openapi: unknown, id: Identity): FetchedSchema {
  const components = componentsOf(openapi);
  const paths = isJsonObject(openapi) && isJsonObject(openapi.paths) ? openapi.paths : {};
  const bodyRef = dig(paths, [`/${id.model}`, 'post', 'requestBody', 'content', 'application/json', 'schema']);
  const name = isJsonObject(bodyRef) ? refName(bodyRef.$ref) : undefined;
  const input = name === undefined ? (isJsonObject(bodyRef) ? bodyRef : undefined) : components[name];
  if (!input || !isJsonObject(input.properties)) {
    throw new SchemaFetchError('bad-schema', `fal's document for ${id.model} has no input schema at POST /${id.model}`);
  }
  const schema: FetchedSchema = { provider: 'fal', ...id, input, components };
  const out = dig(paths, [
    `/${id.model}/requests/{request_id}`,
    'get',
    'responses',
    '200',
    'content',
    'application/json',
    'schema',
  ]);
  if (isJsonObject(out)) schema.output = derefSchema(out, components);
  return schema;
}

function componentsOf(openapi: unknown): Record<string, JsonObject> {
  const all = isJsonObject(openapi) ? dig(openapi, ['components', 'schemas']) : undefined;
  const out: Record<string, JsonObject> = {};
  if (isJsonObject(all)) for (const [k, v] of Object.entries(all)) if (isJsonObject(v)) out[k] = v;
  return out;
}

function dig(root: JsonObject, keys: readonly string[]): unknown {
  let at: unknown = root;
  for (const k of keys) {
    if (!isJsonObject(at)) return undefined;
    at = at[k];
  }
  return at;
}
