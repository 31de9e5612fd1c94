// A shot's `params` against its model's catalog fields: names the model takes, value types,
// ranges and options. Hand-typed (custom) models have no field list, so nothing is checked.
import { isMap, type Node } from 'yaml';
import type { CatalogModel, ModelField } from '../modelCatalog';
import type { ShotDiagnosticSink } from './shotDiagnosticSink';
import { keyOf, type YamlReader } from './yamlNodes';

/** Why `value` does not fit `field` (and which code says so), or undefined when it fits. */
export function fieldProblem(
  field: ModelField,
  value: unknown,
): { code: 'param-type' | 'param-out-of-range'; message: string } | undefined {
  const name = `"${field.name}"`;
  switch (field.type) {
    case 'text':
    case 'string':
      return typeof value === 'string' ? undefined : { code: 'param-type', message: `${name} takes text.` };
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { code: 'param-type', message: `${name} takes true or false.` };
    case 'enum':
      return field.options?.includes(value as string | number)
        ? undefined
        : { code: 'param-out-of-range', message: `${name} takes one of: ${(field.options ?? []).join(', ')}.` };
    case 'number':
    case 'integer': {
      const integer = field.type === 'integer';
      if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
        return { code: 'param-type', message: `${name} takes ${integer ? 'a whole number' : 'a number'}.` };
      }
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
        return { code: 'param-out-of-range', message: `${name} is ${value}; it takes ${rangeText(field)}.` };
      }
      return undefined;
    }
  }
}

function rangeText(field: ModelField): string {
  if (field.min !== undefined && field.max !== undefined) return `${field.min} to ${field.max}`;
  return field.min !== undefined ? `at least ${field.min}` : `at most ${field.max}`;
}

/**
 * Check each param of a shot against `model`'s fields. Names the catalog does not list are errors
 * for the offline models (they read nothing else) and warnings elsewhere (the provider may still
 * take them).
 */
export function checkParams(
  reader: YamlReader,
  out: ShotDiagnosticSink,
  paramsNode: Node,
  model: CatalogModel,
  shotId: string,
  prefix = '',
): void {
  const map = reader.map(paramsNode);
  if (!map) return;
  for (const p of reader.pairs(map)) {
    const name = `${prefix}${p.key}`;
    if (name === model.promptField) {
      out.warning(
        'unknown-param',
        `"${name}" comes from the shot's prompt; this value is replaced by it.`,
        keyOf(p),
        shotId,
      );
      continue;
    }
    const field = model.fields.find((f) => f.name === name);
    if (field === undefined) {
      // A nested mapping for dotted field names ("voice_setting: { voice_id: … }").
      if (isMap(p.value) && model.fields.some((f) => f.name.startsWith(`${name}.`))) {
        checkParams(reader, out, p.value, model, shotId, `${name}.`);
        continue;
      }
      const takes = model.fields.filter((f) => f.name !== model.promptField).map((f) => f.name);
      const message = `${model.label} (${model.id}) does not take "${name}"; it takes ${takes.length ? takes.join(', ') : 'only the prompt'}.`;
      out.add(model.provider === 'local' ? 'error' : 'warning', 'unknown-param', message, keyOf(p), shotId);
      continue;
    }
    const problem = fieldProblem(field, reader.toJS(p.value));
    if (problem) out.error(problem.code, problem.message, p.value ?? keyOf(p), shotId);
  }
}
