/**
 * Defaulting: fills in what a client left out, in place, the way Kubernetes' defaulters do after decoding
 * and before validation. Pure: no clock, no cluster state. Fields the apiserver's create strategy owns
 * (Pod status.phase/qosClass, uid, creationTimestamp, ...) are not set here.
 */
import type { KubeObject } from '../types/meta';
import { applyDeploymentDefaults, applyReplicaSetDefaults } from './apps';
import { applyNamespaceDefaults, applyNodeDefaults, applySecretDefaults } from './core';
import type { Obj } from './guards';
import { applyPodDefaults } from './pod';
import { applyEndpointsDefaults, applyServiceDefaults } from './service';

const defaulters: ReadonlyMap<string, (obj: Obj) => void> = new Map([
  ['Pod', applyPodDefaults],
  ['Deployment', applyDeploymentDefaults],
  ['ReplicaSet', applyReplicaSetDefaults],
  ['Service', applyServiceDefaults],
  ['Endpoints', applyEndpointsDefaults],
  ['Namespace', applyNamespaceDefaults],
  ['Secret', applySecretDefaults],
  ['Node', applyNodeDefaults],
]);

/** Applies the kind's defaults to `obj` in place. Kinds without defaults (ConfigMap, Lease, ...) are left as is. */
export function applyDefaults(kind: string, obj: KubeObject): void {
  defaulters.get(kind)?.(obj);
}

export { applyPodSpecDefaults, defaultPullPolicy } from './pod';
export { NAMESPACE_NAME_LABEL } from './core';
