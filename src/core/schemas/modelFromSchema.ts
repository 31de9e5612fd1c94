// A catalog entry for a model id read from its schema: the real fields, the prompt field, the
// output shape from the Output schema. No price: that comes from the pricing lookup, or stays
// unknown. A curated entry keeps its label, price and output, and takes the schema's fields.
import type { Modality, ProviderId } from '../jobTypes';
import type { CatalogModel, ModelField, OutputShape } from '../modelCatalog';
import { detectPromptField } from './fieldHints';
import { schemaFields } from './schemaFieldsCache';
import { type FetchedSchema, isJsonObject, type JsonObject } from './schemaTypes';

export function modelFromSchema(
  provider: ProviderId,
  id: string,
  modality: Modality,
  schema: FetchedSchema,
): CatalogModel {
  const fields = schemaFields(schema);
  return {
    provider,
    id: id.trim(),
    label: schema.displayName ?? id.trim(),
    modality,
    promptField: detectPromptField(fields),
    fields,
    output: outputShape(provider, modality, schema.output),
    custom: true,
    note: `Not in the GenQueue catalog: inputs read from ${provider} on ${day(schema.fetchedAt)}; typical time unknown.`,
  };
}

/** A curated entry with the schema's fields; catalog facts about a field (maxBytes, media) stay. */
export function catalogWithSchema(entry: CatalogModel, schema: FetchedSchema): CatalogModel {
  const known = new Map(entry.fields.map((f) => [f.name, f]));
  const fields = schemaFields(schema).map((f): ModelField => {
    const k = known.get(f.name);
    if (!k) return f;
    const merged: ModelField = { ...f };
    if (k.maxBytes !== undefined) merged.maxBytes = k.maxBytes;
    if (k.media !== undefined && (f.media === undefined || f.media === 'any')) merged.media = k.media;
    return merged;
  });
  const promptField = fields.some((f) => f.name === entry.promptField) ? entry.promptField : detectPromptField(fields);
  return { ...entry, fields, promptField };
}

/** Guess a modality from fal's category ("image-to-video" → video); undefined when it says nothing. */
export function modalityFromCategory(category: string | undefined): Modality | undefined {
  const made = category?.split('-to-').pop() ?? '';
  if (/video/.test(made)) return 'video';
  if (/speech/.test(made)) return 'speech';
  if (/audio|music/.test(made)) return 'audio';
  if (/image/.test(made)) return 'image';
  return undefined;
}

function outputShape(provider: ProviderId, modality: Modality, output: JsonObject | undefined): OutputShape {
  if (provider === 'replicate') {
    if (output?.type === 'array') return { kind: 'url-list' };
    return { kind: 'url' };
  }
  const props = isJsonObject(output?.properties) ? output.properties : {};
  for (const key of ['images', 'image', 'video', 'audio', 'audio_file', 'audio_url']) {
    const p = props[key];
    if (!isJsonObject(p)) continue;
    return p.type === 'array' ? { kind: 'file-list', key } : { kind: 'file', key };
  }
  if (modality === 'image') return { kind: 'file-list', key: 'images' };
  if (modality === 'video') return { kind: 'file', key: 'video' };
  return { kind: 'file', key: 'audio' };
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
