/**
 * Type-checking objects against the kinds' schemas with ajv. One Ajv instance is built on first use and
 * each kind's schema is compiled once, because compiling is the expensive part and every write pays for it.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldSchema } from './build';
import { getKindSchema } from './kinds';
import { pointerSegments, segmentsToPath } from './paths';

/** A value whose JSON type is not the one its field declares. */
export interface SchemaTypeIssue {
  field: string;
  value: unknown;
  /** e.g. "integer", "string", "integer or string" */
  expectedType: string;
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(kind: string, schema: FieldSchema): ValidateFunction {
  let validate = compiled.get(kind);
  if (validate === undefined) {
    // allErrors: report every bad field at once, as Kubernetes does; verbose: keep the bad value for the
    // message; allowUnionTypes: IntOrString and quantities are ["integer","string"] / ["string","number"].
    ajv ??= new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true });
    validate = ajv.compile(schema);
    compiled.set(kind, validate);
  }
  return validate;
}

function toIssue(root: FieldSchema, err: ErrorObject): SchemaTypeIssue | undefined {
  // JSON null decodes to "unset" in Kubernetes, so it is never a type error.
  if (err.keyword !== 'type' || err.data === null) return undefined;
  const expected = (err.params as { type?: string | string[] }).type;
  const expectedType = (Array.isArray(expected) ? expected : String(expected ?? '').split(',')).join(' or ');
  return { field: segmentsToPath(root, pointerSegments(err.instancePath)), value: err.data, expectedType };
}

/** Every field of `obj` whose JSON type does not match the kind's schema. Unknown kinds have none. */
export function checkSchemaTypes(kind: string, obj: unknown): SchemaTypeIssue[] {
  const schema = getKindSchema(kind);
  if (schema === undefined) return [];
  const validate = validatorFor(kind, schema);
  if (validate(obj)) return [];
  const issues: SchemaTypeIssue[] = [];
  for (const err of validate.errors ?? []) {
    const issue = toIssue(schema, err);
    if (issue !== undefined) issues.push(issue);
  }
  return issues;
}
