/** Which schema describes which kind: derived once per kind from its one definition (../define). */
import type { FieldSchema } from './build';
import { KIND_DEFINITIONS, kindFacts } from '../define/kinds';
import { toFieldSchema } from '../define/json-schema';

let schemasByKind: ReadonlyMap<string, FieldSchema> | undefined;

function schemas(): ReadonlyMap<string, FieldSchema> {
  schemasByKind ??= new Map(KIND_DEFINITIONS.map((def) => [kindFacts(def).kind, toFieldSchema(def)]));
  return schemasByKind;
}

/** The schema of a kind, or undefined for a kind this package does not describe. */
export function getKindSchema(kind: string): FieldSchema | undefined {
  return schemas().get(kind);
}

export function schemaKinds(): string[] {
  return [...schemas().keys()];
}
