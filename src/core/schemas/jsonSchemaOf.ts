// The JSON Schema a validator checks an input against. From a fetched schema: OpenAPI 3.0 turned
// into draft-07 (`nullable` becomes a null type, boolean `exclusiveMinimum` becomes a number,
// `#/components/schemas/X` becomes `#/definitions/X`; `x-*` and UI hints are left for the
// validator to ignore). From catalog fields: one property per field, dotted names nested.
import type { ModelField } from '../modelCatalog';
import { refName } from './schemaRefs';
import { type FetchedSchema, isJsonObject, type JsonObject } from './schemaTypes';

export function jsonSchemaOfFetched(schema: FetchedSchema): JsonObject {
  const definitions: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(schema.components)) definitions[name] = convert(s);
  return { ...(convert(schema.input) as JsonObject), definitions };
}

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!isJsonObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref') {
      const name = refName(v);
      out.$ref = name === undefined ? v : `#/definitions/${name}`;
    } else if (k === 'properties' || k === 'definitions') {
      const props: JsonObject = {};
      if (isJsonObject(v)) for (const [p, s] of Object.entries(v)) props[p] = convert(s);
      out[k] = props;
    } else {
      out[k] = convert(v);
    }
  }
  boundsToNumbers(out);
  if (out.nullable === true) return withNull(out);
  return out;
}

/** OpenAPI 3.0 (draft-04) writes `exclusiveMinimum: true` beside `minimum`; draft-07 wants the number. */
function boundsToNumbers(s: JsonObject): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof s[flag] !== 'boolean') continue;
    if (s[flag] === true && typeof s[bound] === 'number') {
      s[flag] = s[bound];
      delete s[bound];
    } else {
      delete s[flag];
    }
  }
}

function withNull(s: JsonObject): JsonObject {
  const { nullable: _n, ...rest } = s;
  const simple = rest.$ref === undefined && rest.allOf === undefined && rest.anyOf === undefined;
  if (simple && typeof rest.type === 'string') {
    const out: JsonObject = { ...rest, type: [rest.type, 'null'] };
    if (Array.isArray(rest.enum)) out.enum = [...rest.enum, null];
    return out;
  }
  return { anyOf: [rest, { type: 'null' }] };
}

export function jsonSchemaOfFields(fields: readonly ModelField[]): JsonObject {
  const root: JsonObject = { type: 'object', properties: {} };
  for (const f of fields) {
    const parts = f.name.split('.');
    let at = root;
    for (const part of parts.slice(0, -1)) at = childObject(at, part);
    const props = at.properties as JsonObject;
    const leaf = parts[parts.length - 1] as string;
    props[leaf] = fieldSchema(f);
    if (f.required) at.required = [...((at.required as string[] | undefined) ?? []), leaf];
  }
  return root;
}

function childObject(parent: JsonObject, name: string): JsonObject {
  const props = parent.properties as JsonObject;
  const existing = props[name];
  if (isJsonObject(existing)) return existing;
  const child: JsonObject = { type: 'object', properties: {} };
  props[name] = child;
  return child;
}

function fieldSchema(f: ModelField): JsonObject {
  let s: JsonObject;
  switch (f.type) {
    case 'text':
    case 'string':
    case 'file':
      s = { type: 'string' };
      break;
    case 'files':
      s = { type: 'array', items: { type: 'string' } };
      break;
    case 'number':
    case 'integer':
    case 'boolean':
      s = { type: f.type };
      break;
    case 'enum':
      s = { enum: [...(f.options ?? [])] };
      break;
    case 'json':
      s = {};
      break;
  }
  if (f.min !== undefined) s.minimum = f.min;
  if (f.max !== undefined) s.maximum = f.max;
  if (f.minLength !== undefined) s.minLength = f.minLength;
  if (f.maxLength !== undefined) s.maxLength = f.maxLength;
  if (!f.nullable) return s;
  if (typeof s.type === 'string') s.type = [s.type, 'null'];
  if (Array.isArray(s.enum)) s.enum = [...s.enum, null];
  return s;
}
