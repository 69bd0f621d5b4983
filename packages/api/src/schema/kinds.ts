/** Which schema describes which kind. Keyed by kind, as the validation and defaulting entry points are. */
import type { FieldSchema } from './build';
import { deploymentSchema, replicaSetSchema } from './apps';
import { bindingSchema, configMapSchema, eventSchema, namespaceSchema, secretSchema, serviceAccountSchema } from './core';
import { leaseSchema } from './coordination';
import { nodeSchema } from './node';
import { podSchema } from './pod';
import { endpointsSchema, serviceSchema } from './service';

const schemasByKind: ReadonlyMap<string, FieldSchema> = new Map([
  ['Namespace', namespaceSchema],
  ['Node', nodeSchema],
  ['Pod', podSchema],
  ['Binding', bindingSchema],
  ['Service', serviceSchema],
  ['Endpoints', endpointsSchema],
  ['Event', eventSchema],
  ['ConfigMap', configMapSchema],
  ['Secret', secretSchema],
  ['ServiceAccount', serviceAccountSchema],
  ['Deployment', deploymentSchema],
  ['ReplicaSet', replicaSetSchema],
  ['Lease', leaseSchema],
]);

/** The schema of a first-wave kind, or undefined for a kind this package does not describe. */
export function getKindSchema(kind: string): FieldSchema | undefined {
  return schemasByKind.get(kind);
}

export function schemaKinds(): string[] {
  return [...schemasByKind.keys()];
}
