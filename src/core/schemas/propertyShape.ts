// One input property of either dialect reduced to what a form needs: the resolved schema, whether
// null is allowed, and the branch to show when fal offers a union (image_size: a preset name or a
// {width, height} object → the presets; the object stays a JSON value the validator accepts).
import { derefSchema } from './schemaRefs';
import { isJsonObject, type JsonObject } from './schemaTypes';

export interface PropertyShape {
  /** The schema to build the field from (refs merged, null branch removed). */
  schema: JsonObject;
  nullable: boolean;
  /** More than one non-null branch remained and none was an enum: only JSON can say it. */
  mixed: boolean;
}

const isNullBranch = (b: JsonObject) => b.type === 'null' || (Array.isArray(b.enum) && b.enum.every((v) => v === null));

export function propertyShape(prop: JsonObject, components: Record<string, JsonObject>): PropertyShape {
  const resolved = derefSchema(prop, components);
  let nullable = resolved.nullable === true;
  let schema: JsonObject = resolved;
  let mixed = false;
  if (Array.isArray(resolved.type)) {
    const types = resolved.type.filter((t) => t !== 'null');
    nullable ||= types.length < resolved.type.length;
    schema = { ...resolved, type: types.length === 1 ? types[0] : types };
    mixed = types.length > 1;
  }
  const union = Array.isArray(resolved.anyOf) ? resolved.anyOf : Array.isArray(resolved.oneOf) ? resolved.oneOf : null;
  if (union) {
    const branches = union.filter(isJsonObject).map((b) => derefSchema(b, components));
    const live = branches.filter((b) => !isNullBranch(b));
    nullable ||= live.length < branches.length;
    const { anyOf: _a, oneOf: _o, ...outer } = resolved;
    const enumBranch = live.find((b) => Array.isArray(b.enum));
    const pick = live.length === 1 ? live[0] : enumBranch;
    mixed = pick === undefined;
    // The branch describes the value; the property's own title, default and description win.
    schema = pick ? { ...pick, ...outer } : outer;
  }
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) {
    nullable = true;
    schema = { ...schema, enum: schema.enum.filter((v) => v !== null) };
  }
  return { schema, nullable, mixed };
}
