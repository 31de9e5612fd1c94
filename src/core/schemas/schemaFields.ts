// A fetched Input schema → the form's fields, for both dialects (models-files-pricing.md §1.1–1.3).
// Replicate (Cog): order by `x-order`, files are `format: uri`, media guessed from the name.
// fal (pydantic): order by `x-fal-order-properties`, files are `ui.field`/`_fal_ui_field` or a
// `*_url(s)` name, media from the UI hint. Deprecated inputs are left out unless required.
import type { ModelField, ModelFieldType } from '../modelCatalog';
import type { MediaKind } from '../references/referenceTypes';
import { guessMedia, isLongText, labelFromName, maxBytesIn, mediaFromUiField } from './fieldHints';
import { propertyShape } from './propertyShape';
import { derefSchema } from './schemaRefs';
import { type FetchedSchema, isJsonObject, type JsonObject, type SchemaProvider } from './schemaTypes';

export function fieldsFromSchema(schema: FetchedSchema): ModelField[] {
  const props = isJsonObject(schema.input.properties) ? schema.input.properties : {};
  const required = new Set(stringList(schema.input.required));
  const fields: ModelField[] = [];
  for (const name of orderedNames(schema.provider, schema.input, props)) {
    const prop = props[name];
    if (!isJsonObject(prop)) continue;
    if (prop.deprecated === true && !required.has(name)) continue;
    fields.push(fieldOf(schema.provider, name, prop, required.has(name), schema.components));
  }
  return fields;
}

function orderedNames(provider: SchemaProvider, input: JsonObject, props: JsonObject): string[] {
  const keys = Object.keys(props);
  if (provider === 'fal') {
    const listed = stringList(input['x-fal-order-properties']).filter((n) => Object.hasOwn(props, n));
    return [...new Set([...listed, ...keys])];
  }
  const order = (n: string) => {
    const p = props[n];
    const o = isJsonObject(p) ? p['x-order'] : undefined;
    return typeof o === 'number' ? o : Number.POSITIVE_INFINITY;
  };
  // Array sort is stable: properties without x-order keep their key order, after the others.
  return keys.sort((a, b) => order(a) - order(b));
}

function fieldOf(
  provider: SchemaProvider,
  name: string,
  prop: JsonObject,
  required: boolean,
  components: Record<string, JsonObject>,
): ModelField {
  const { schema: s, nullable, mixed } = propertyShape(prop, components);
  const description = typeof s.description === 'string' ? s.description : undefined;
  const kind = mixed ? { type: 'json' as const } : typeOf(provider, name, s, components, description);
  const field: ModelField = {
    name,
    type: kind.type,
    label: typeof s.title === 'string' && s.title.trim() !== '' ? s.title : labelFromName(name),
  };
  const def = defaultOf(s.default, kind.type);
  if (def !== undefined) field.default = def;
  if (kind.type === 'enum') field.options = enumOptions(s.enum);
  if (typeof s.minimum === 'number') field.min = s.minimum;
  if (typeof s.maximum === 'number') field.max = s.maximum;
  if (typeof s.minLength === 'number') field.minLength = s.minLength;
  if (typeof s.maxLength === 'number') field.maxLength = s.maxLength;
  if (required) field.required = true;
  if (kind.media) field.media = kind.media;
  const maxBytes = kind.media && description ? maxBytesIn(description) : undefined;
  if (maxBytes !== undefined) field.maxBytes = maxBytes;
  if (description !== undefined) field.description = description;
  if (nullable) field.nullable = true;
  if (s['x-cog-secret'] === true || s.format === 'password' || s.writeOnly === true) field.secret = true;
  return field;
}

interface Kind {
  type: ModelFieldType;
  media?: MediaKind;
}

function typeOf(
  provider: SchemaProvider,
  name: string,
  s: JsonObject,
  components: Record<string, JsonObject>,
  description: string | undefined,
): Kind {
  if (enumOptions(s.enum).length > 0) return { type: 'enum' };
  switch (s.type) {
    case 'string': {
      const media = fileMedia(provider, name, s, description);
      if (media) return { type: 'file', media };
      const max = typeof s.maxLength === 'number' ? s.maxLength : undefined;
      return { type: isLongText(name, max) && s['x-cog-secret'] !== true ? 'text' : 'string' };
    }
    case 'integer':
      return { type: 'integer' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'array': {
      const items = isJsonObject(s.items) ? derefSchema(s.items, components) : {};
      const media = items.type === 'string' ? fileMedia(provider, name, items, description, s) : undefined;
      return media ? { type: 'files', media } : { type: 'json' };
    }
    default:
      return { type: 'json' };
  }
}

/** The media of a file input, or undefined when the string is not a file. */
function fileMedia(
  provider: SchemaProvider,
  name: string,
  s: JsonObject,
  description: string | undefined,
  list?: JsonObject,
): MediaKind | undefined {
  const hinted = mediaFromUiField(uiField(s)) ?? (list ? mediaFromUiField(uiField(list)) : undefined);
  if (hinted) return hinted;
  const isFile = s.format === 'uri' || (provider === 'fal' && (list ? /_urls$/.test(name) : /(^|_)url$/.test(name)));
  return isFile ? guessMedia(name, description) : undefined;
}

function uiField(s: JsonObject): unknown {
  return isJsonObject(s.ui) ? s.ui.field : s._fal_ui_field;
}

function enumOptions(values: unknown): (string | number)[] {
  if (!Array.isArray(values)) return [];
  return values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
}

/** Form defaults are scalars; a JSON field shows its default as JSON text. */
function defaultOf(value: unknown, type: ModelFieldType): string | number | boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (type === 'json') return JSON.stringify(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
