// Checks a model input before submit, against the fetched schema or, for a catalog model without
// one, a schema made from its fields: a red message costs nothing, a provider 422 costs a round
// trip and sometimes money. Ajv compiles each schema once (cached by the schema or fields object).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { ModelField } from '../modelCatalog';
import { jsonSchemaOfFetched, jsonSchemaOfFields } from './jsonSchemaOf';
import { schemaFields } from './schemaFieldsCache';
import { type FetchedSchema, isJsonObject } from './schemaTypes';

export type ValidationSource = FetchedSchema | readonly ModelField[];

export interface ValidateOptions {
  /** Inputs a reference fills at submit (its URL does not exist yet): counted as present. */
  refs?: readonly { field: string; index?: number }[];
}

// strict off: provider schemas carry x-order, ui and other keywords a validator does not know.
// Formats off: `format: uri` file inputs hold file:// and data: URLs too, and formats only hint.
// Code optimisation off: it doubles compile time (the form waits on it) to save microseconds per check.
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  verbose: true,
  code: { optimize: false },
});
const compiled = new WeakMap<object, ValidateFunction>();

/** Problems in plain words, each naming its input ("duration must be one of 5, 10"); [] when valid. */
export function validateModelInput(
  source: ValidationSource,
  input: Record<string, unknown>,
  opts: ValidateOptions = {},
): string[] {
  let validate = compiled.get(source);
  if (!validate) {
    validate = Array.isArray(source)
      ? ajv.compile(jsonSchemaOfFields(source as readonly ModelField[]))
      : compileFetched(source as FetchedSchema);
    compiled.set(source, validate);
  }
  if (validate(withRefPlaceholders(input, opts.refs ?? []))) return [];
  return describeErrors(validate.errors ?? []);
}

/** A provider document the validator cannot compile (a dangling $ref) is checked by its fields instead. */
function compileFetched(schema: FetchedSchema): ValidateFunction {
  try {
    return ajv.compile(jsonSchemaOfFetched(schema));
  } catch {
    return ajv.compile(jsonSchemaOfFields(schemaFields(schema)));
  }
}

const PLACEHOLDER_URL = 'https://reference.invalid/pending-upload';

function withRefPlaceholders(
  input: Record<string, unknown>,
  refs: readonly { field: string; index?: number }[],
): Record<string, unknown> {
  if (refs.length === 0) return input;
  const out: Record<string, unknown> = structuredClone(input);
  for (const ref of refs) {
    const parts = ref.field.split('.');
    let at = out;
    for (const part of parts.slice(0, -1)) {
      const next = at[part];
      if (isJsonObject(next)) at = next;
      else {
        const fresh: Record<string, unknown> = {};
        at[part] = fresh;
        at = fresh;
      }
    }
    const leaf = parts[parts.length - 1] as string;
    if (ref.index === undefined) at[leaf] = PLACEHOLDER_URL;
    else {
      const list = Array.isArray(at[leaf]) ? [...(at[leaf] as unknown[])] : [];
      list[ref.index] = PLACEHOLDER_URL;
      at[leaf] = Array.from(list, (v) => v ?? PLACEHOLDER_URL);
    }
  }
  return out;
}

function describeErrors(errors: readonly ErrorObject[]): string[] {
  const out = new Set<string>();
  const consumed = new Set<ErrorObject>();
  // Ajv lists a union's branch errors before the union's own error, and an outer union after the
  // inner ones; a branch behind a $ref has its schemaPath in the target, so kinship is by position
  // and by the value's path.
  for (let i = errors.length - 1; i >= 0; i--) {
    const u = errors[i] as ErrorObject;
    if (consumed.has(u) || (u.keyword !== 'anyOf' && u.keyword !== 'oneOf')) continue;
    consumed.add(u);
    const kids = errors.slice(0, i).filter((e) => !consumed.has(e) && within(e.instancePath, u.instancePath));
    for (const k of kids) consumed.add(k);
    const deeper = kids.filter(
      (k) => k.instancePath !== u.instancePath && k.keyword !== 'anyOf' && k.keyword !== 'oneOf',
    );
    const isContainer = typeof u.data === 'object' && u.data !== null;
    if (isContainer && deeper.length > 0) for (const k of deeper) out.add(describe(k));
    else
      out.add(
        describeUnion(
          u,
          kids.filter((k) => k.instancePath === u.instancePath),
        ),
      );
  }
  // "must be one of 5, 10" already says the kind; "must be text" beside it would only confuse.
  const enumAt = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  const rest = errors
    .filter((e) => !consumed.has(e) && !(e.keyword === 'type' && enumAt.has(e.instancePath)))
    .map(describe);
  return [...rest, ...out].filter((m, i, all) => all.indexOf(m) === i);
}

function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

/** A value that matched no branch: the enum if one branch had it, else the kinds it may be. */
function describeUnion(u: ErrorObject, kids: readonly ErrorObject[]): string {
  const name = fieldName(u.instancePath);
  const enums = kids.filter((k) => k.keyword === 'enum');
  const types = kids.flatMap((k) => (k.keyword === 'type' ? typeList(k.params.type) : []));
  const empty = types.includes('null') ? ' (or left empty)' : '';
  const first = enums[0];
  if (first) return `${name} must be one of ${allowed(first)}${empty}`;
  const kinds = [...new Set(types.filter((t) => t !== 'null'))].map(typeWords);
  if (kinds.length > 0) return `${name} must be ${kinds.join(' or ')}${empty}`;
  const first2 = kids[0];
  return first2 ? describe(first2) : `${name} is not a value this model accepts`;
}

function describe(e: ErrorObject): string {
  const name = fieldName(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${fieldName(e.instancePath, String(p.missingProperty))} is required`;
    case 'additionalProperties':
      return `${fieldName(e.instancePath, String(p.additionalProperty))} is not an input of this model`;
    case 'enum':
      return `${name} must be one of ${allowed(e)}`;
    case 'type': {
      const types = typeList(p.type);
      const empty = types.includes('null') ? ' (or left empty)' : '';
      return `${name} must be ${types
        .filter((t) => t !== 'null')
        .map(typeWords)
        .join(' or ')}${empty}`;
    }
    case 'minimum':
      return `${name} must be at least ${String(p.limit)}`;
    case 'maximum':
      return `${name} must be at most ${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `${name} must be more than ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `${name} must be less than ${String(p.limit)}`;
    case 'minLength':
      return p.limit === 1 ? `${name} must not be empty` : `${name} must be at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `${name} must be at most ${String(p.limit)} characters`;
    case 'minItems':
      return `${name} needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `${name} takes at most ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'pattern':
      return `${name} must match the pattern ${String(p.pattern)}`;
    case 'multipleOf':
      return `${name} must be a multiple of ${String(p.multipleOf)}`;
    case 'const':
      return `${name} must be ${JSON.stringify(p.allowedValue)}`;
    default:
      return `${name} ${e.message ?? 'is not valid'}`;
  }
}

/** "/image_size/width" → "image_size.width"; "/image_urls/0" → "image_urls[0]"; "" → "The input". */
function fieldName(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (child !== undefined) parts.push(child);
  if (parts.length === 0) return 'The input';
  return parts
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc === '' ? p : `${acc}.${p}`), '');
}

function allowed(e: ErrorObject): string {
  const values = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
  return values
    .filter((v) => v !== null)
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    .join(', ');
}

function typeList(t: unknown): string[] {
  if (Array.isArray(t)) return t.map(String);
  return String(t).split(',');
}

function typeWords(t: string): string {
  const words: Record<string, string> = {
    integer: 'a whole number',
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    object: 'an object',
    array: 'a list',
  };
  return words[t] ?? t;
}
