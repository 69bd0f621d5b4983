export type { FieldSchema, JSONType } from './build';
export { getKindSchema, schemaKinds } from './kinds';
export { checkSchemaTypes, type SchemaTypeIssue } from './check';
export { unknownFieldPaths } from './unknown';
