/**
 * The plain JSON Schema (draft-07) shape ajv compiles and the unknown-field walk follows. The kinds'
 * schemas are derived from their one definition (../define/json-schema.ts); this is only their type.
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
