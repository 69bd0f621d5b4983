/**
 * Builds the protobufjs Root holding every message this package decodes, once, on first use.
 * `keepCase` matters: Kubernetes' protobuf field names already are the JSON names (including the
 * odd capitalised ones such as DaemonEndpoint.Port and FieldsV1.Raw).
 */
import protobuf, { type Root, type Type } from 'protobufjs';
import { APIMACHINERY_PROTO, INTSTR_PROTO, META_V1_PROTO, RESOURCE_PROTO } from './schema/apimachinery';
import { CORE_OBJECTS_PROTO } from './schema/core-objects';
import { CORE_CONTAINER_PROTO } from './schema/core-container';
import { CORE_POD_PROTO } from './schema/core-pod';
import { CORE_VOLUME_PROTO } from './schema/core-volume';
import { APPS_V1_PROTO, AUTOSCALING_V1_PROTO, COORDINATION_V1_PROTO, POLICY_V1_PROTO } from './schema/workloads';

const SOURCES = [
  APIMACHINERY_PROTO,
  INTSTR_PROTO,
  RESOURCE_PROTO,
  META_V1_PROTO,
  CORE_CONTAINER_PROTO,
  CORE_VOLUME_PROTO,
  CORE_POD_PROTO,
  CORE_OBJECTS_PROTO,
  APPS_V1_PROTO,
  COORDINATION_V1_PROTO,
  POLICY_V1_PROTO,
  AUTOSCALING_V1_PROTO,
];

let cached: Root | undefined;

export function kubernetesRoot(): Root {
  if (cached === undefined) {
    const root = new protobuf.Root();
    for (const source of SOURCES) protobuf.parse(source, root, { keepCase: true });
    // Resolve every type reference now, so a typo in the schema fails loudly at first use
    // instead of at the first request that happens to reach the broken field.
    root.resolveAll();
    cached = root;
  }
  return cached;
}

/** Looks up a message by its full protobuf name, e.g. `k8s.io.api.core.v1.Pod`. */
export function messageType(fullName: string): Type {
  return kubernetesRoot().lookupType(fullName);
}
