// `$ref` resolution inside one OpenAPI document (`#/components/schemas/<Name>` only: both
// providers point nowhere else) and Cog's enum wrapper `allOf: [{$ref}]`, whose target is merged
// under the property's own keys (a property's `default` or `description` wins over the target's).
import { isJsonObject, type JsonObject } from './schemaTypes';

const PREFIX = '#/components/schemas/';
const MAX_DEPTH = 8;

export function refName(ref: unknown): string | undefined {
  return typeof ref === 'string' && ref.startsWith(PREFIX) ? ref.slice(PREFIX.length) : undefined;
}

/** The schema with `$ref` and single-purpose `allOf` merged in; property-level keys override. */
export function derefSchema(schema: JsonObject, components: Record<string, JsonObject>, depth = 0): JsonObject {
  if (depth > MAX_DEPTH) return schema;
  const { $ref, allOf, ...own } = schema;
  let merged: JsonObject = {};
  const name = refName($ref);
  const target = name === undefined ? undefined : components[name];
  if (target) merged = { ...derefSchema(target, components, depth + 1) };
  if (Array.isArray(allOf)) {
    for (const part of allOf)
      if (isJsonObject(part)) merged = { ...merged, ...derefSchema(part, components, depth + 1) };
  }
  // Cog titles an enum target with its own name and describes it as "An enumeration.": neither
  // says anything about the property.
  if (target && own.title === undefined) delete merged.title;
  if (target && merged.description === 'An enumeration.') delete merged.description;
  return { ...merged, ...own };
}
