/**
 * A definition as the plain JSON Schema ajv compiles and the unknown-field walk follows. Only types and
 * known fields are kept: no `required` (Kubernetes reports a missing field as a field error in its own
 * words, see ../validation) and no `additionalProperties: false` (unknown fields are a per-request
 * choice, `fieldValidation`). Embedded structs are already flat in the definition, as JSON has them.
 */
import type { TSchema } from '@sinclair/typebox';
import type { FieldSchema, JSONType } from '../schema/build';

export function toFieldSchema(schema: TSchema): FieldSchema {
  const out: FieldSchema = {};
  if (schema.type !== undefined) out.type = schema.type as JSONType | JSONType[];
  if (typeof schema.description === 'string') out.description = schema.description;
  const properties = schema.properties as Record<string, TSchema> | undefined;
  if (properties !== undefined) {
    out.properties = {};
    for (const [name, child] of Object.entries(properties)) out.properties[name] = toFieldSchema(child);
  }
  const additional = schema.additionalProperties as TSchema | boolean | undefined;
  if (typeof additional === 'boolean') out.additionalProperties = additional;
  else if (additional !== undefined) out.additionalProperties = toFieldSchema(additional);
  if (schema.items !== undefined) out.items = toFieldSchema(schema.items as TSchema);
  return out;
}
