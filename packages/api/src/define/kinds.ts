/**
 * Every kind this API defines, and the request bodies clients may send typed (DeleteOptions, Eviction,
 * Scale). The derivations (JSON Schema, protobuf, OpenAPI, Go's JSON rules) start from this list: a new
 * kind is one definition in ../types plus one line here.
 */
import type { TObject } from '@sinclair/typebox';
import { KIND, type Annotated, type KindFacts } from './dsl';
import {
  Binding,
  ConfigMap,
  DeleteOptions,
  Deployment,
  Endpoints,
  Event,
  Eviction,
  Lease,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  Scale,
  Secret,
  Service,
  ServiceAccount,
} from '../types';

export const KIND_DEFINITIONS: readonly TObject[] = [
  Namespace,
  Node,
  Pod,
  Binding,
  Service,
  Endpoints,
  Event,
  ConfigMap,
  Secret,
  ServiceAccount,
  Deployment,
  ReplicaSet,
  Lease,
  Eviction,
  Scale,
];

/** Messages clients send typed in any group version (kubectl's typed delete bodies). */
export const SHARED_BODY_DEFINITIONS: readonly TObject[] = [DeleteOptions];

export function kindFacts(schema: TObject): KindFacts {
  const facts = (schema as Annotated)[KIND];
  if (facts === undefined) throw new Error('not a kind definition');
  return facts;
}

const byKind = new Map(KIND_DEFINITIONS.map((s) => [kindFacts(s).kind, s]));

/** The definition of a kind by its name (`Deployment`), or undefined. */
export function kindDefinition(kind: string): TObject | undefined {
  return byKind.get(kind);
}
