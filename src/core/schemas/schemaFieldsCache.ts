// Fields are derived from a fetched schema once per schema object: a form that re-renders, or a
// batch of 100 shots on one model, converts it once.
import type { ModelField } from '../modelCatalog';
import { fieldsFromSchema } from './schemaFields';
import type { FetchedSchema } from './schemaTypes';

const derived = new WeakMap<FetchedSchema, ModelField[]>();

export function schemaFields(schema: FetchedSchema): ModelField[] {
  let fields = derived.get(schema);
  if (!fields) {
    fields = fieldsFromSchema(schema);
    derived.set(schema, fields);
  }
  return fields;
}
