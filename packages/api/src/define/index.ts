export { FIELD, MESSAGE, WIRE, KIND, EMBEDDED, type Annotated, type FieldFacts, type GoHints, type EmbeddedFacts, type KindFacts } from './dsl';
export { KIND_DEFINITIONS, SHARED_BODY_DEFINITIONS, kindDefinition, kindFacts } from './kinds';
export { toFieldSchema } from './json-schema';
export { protoSources } from './proto';
export { openApiDefinitions, openApiName, type OpenApiSchema, type OpenApiVersion } from './openapi';
export type { Static, TObject, TSchema } from '@sinclair/typebox';
