/**
 * A tiny JSON Schema (draft-07) vocabulary for the kinds' schemas. The schemas only describe types and
 * known fields: no `required`, `enum` or `additionalProperties: false`, because Kubernetes reports those
 * as field errors with its own wording (see ../validation), and unknown fields are a per-request choice
 * (`fieldValidation`), not a schema property.
 */

export interface FieldSchema {
  type?: JSONType | JSONType[];
  description?: string;
  properties?: Record<string, FieldSchema>;
  /** A schema for map values, or `true` for free-form objects whose keys are never "unknown". */
  additionalProperties?: FieldSchema | boolean;
  items?: FieldSchema;
}

export type JSONType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export const str: FieldSchema = { type: 'string' };
export const int: FieldSchema = { type: 'integer' };
export const num: FieldSchema = { type: 'number' };
export const bool: FieldSchema = { type: 'boolean' };
/** RFC 3339 timestamps travel as strings. */
export const time: FieldSchema = str;
/** Ports and percentages: 8080, "http", "25%". */
export const intOrString: FieldSchema = { type: ['integer', 'string'] };
/** "100m", "1Gi" or a bare number; the syntax is checked by validation with parseQuantity. */
export const quantity: FieldSchema = { type: ['string', 'number'] };
export const stringMap: FieldSchema = { type: 'object', additionalProperties: str };
export const quantityMap: FieldSchema = { type: 'object', additionalProperties: quantity };
/** An object whose content is not ours to police (managedFields' fieldsV1, for one). */
export const freeform: FieldSchema = { type: 'object', additionalProperties: true };
export const strings: FieldSchema = { type: 'array', items: str };

export function obj(properties: Record<string, FieldSchema>): FieldSchema {
  return { type: 'object', properties };
}

export function arr(items: FieldSchema): FieldSchema {
  return { type: 'array', items };
}

/** Every top-level object carries these; `rest` adds spec/status or the kind's own top-level fields. */
export function kindSchema(metadata: FieldSchema, rest: Record<string, FieldSchema>): FieldSchema {
  return obj({ apiVersion: str, kind: str, metadata, ...rest });
}
