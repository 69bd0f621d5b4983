/** Small builders for unit tests: objects as an informer cache would hold them (apiVersion and kind set). */
import type { Deployment, DeploymentStrategy, Node, Pod, PodTemplateSpec, ReplicaSet } from '@tinykube/api';
import { newControllerRef } from '../util/owner';

export const T0 = '2024-01-01T00:00:00Z';

export function template(labels: Record<string, string>, image = 'nginx:1'): PodTemplateSpec {
  return { metadata: { labels }, spec: { containers: [{ name: 'c', image }] } };
}

export interface PodOpts {
  ns?: string;
  labels?: Record<string, string>;
  owner?: ReplicaSet;
  node?: string;
  phase?: 'Pending' | 'Running' | 'Unknown';
  ready?: boolean;
  readySince?: string;
  ip?: string;
  created?: string;
  deleting?: boolean;
}

export function pod(name: string, o: PodOpts = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.ns ?? 'default',
      uid: `uid-${name}`,
      resourceVersion: '1',
      creationTimestamp: o.created ?? T0,
      labels: o.labels ?? { app: 'web' },
      ...(o.owner ? { ownerReferences: [newControllerRef(o.owner, 'apps/v1', 'ReplicaSet')] } : {}),
      ...(o.deleting ? { deletionTimestamp: T0 } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'nginx:1' }], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.ip ? { podIP: o.ip } : {}),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: o.readySince ?? T0 }],
    },
  };
}

export function replicaSet(name: string, replicas: number, o: { labels?: Record<string, string>; owner?: Deployment; annotations?: Record<string, string>; status?: Partial<NonNullable<ReplicaSet['status']>>; created?: string; image?: string } = {}): ReplicaSet {
  const labels = o.labels ?? { app: 'web' };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: o.created ?? T0,
      labels,
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.owner ? { ownerReferences: [newControllerRef(o.owner, 'apps/v1', 'Deployment')] } : {}),
    },
    spec: { replicas, selector: { matchLabels: labels }, template: template(labels, o.image) },
    status: { replicas: 0, ...o.status },
  };
}

export function deployment(name: string, replicas: number, o: { image?: string; strategy?: DeploymentStrategy; paused?: boolean; status?: Deployment['status']; annotations?: Record<string, string>; revisionHistoryLimit?: number; generation?: number } = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', generation: o.generation ?? 1, creationTimestamp: T0, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: template({ app: name }, o.image),
      ...(o.strategy ? { strategy: o.strategy } : {}),
      ...(o.paused ? { paused: true } : {}),
      ...(o.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: o.revisionHistoryLimit } : {}),
    },
    ...(o.status ? { status: o.status } : {}),
  };
}

export function node(name: string, ready: 'True' | 'False' | 'Unknown' | undefined, heartbeat = T0): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: T0 },
    spec: {},
    status: ready ? { conditions: [{ type: 'Ready', status: ready, reason: 'KubeletReady', lastHeartbeatTime: heartbeat, lastTransitionTime: T0 }] } : {},
  };
}
