/**
 * What differs between kinds on the write path, kept in one table so the generic handlers stay generic:
 * whether the kind tracks generation, what the server sets on create, how long a delete may take.
 */
import type { KubeObject } from '@tinykube/api';

export interface KindStrategy {
  /** metadata.generation starts at 1 and moves on every spec change. */
  tracksGeneration: boolean;
  /** Server-owned fields set on create (status a client may not choose). */
  prepareForCreate?(obj: KubeObject): void;
  /** Rewrites write-only conveniences into their stored form, on create and on update. */
  normalize?(obj: KubeObject): void;
  /** Grace period in seconds for a delete; 0 deletes at once. `requested` comes from DeleteOptions. */
  deleteGracePeriod?(obj: KubeObject, requested: number | undefined): number;
}

interface PodLike {
  spec?: { nodeName?: string; terminationGracePeriodSeconds?: number; containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  status?: { phase?: string };
}
interface ContainerLike {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** Pod QoS class as Kubernetes computes it from requests and limits. */
export function podQosClass(pod: PodLike): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let anySet = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) anySet = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const podStrategy: KindStrategy = {
  tracksGeneration: true,
  prepareForCreate(obj) {
    const pod = obj as KubeObject & PodLike;
    obj.status = { phase: 'Pending', qosClass: podQosClass(pod) };
    // What the ServiceAccount admission plugin does for a pod that names no account.
    const spec = (obj.spec ?? {}) as { serviceAccountName?: string; serviceAccount?: string };
    if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || 'default';
    if (!spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
  },
  deleteGracePeriod(obj, requested) {
    const pod = obj as KubeObject & PodLike;
    // A pod no node runs, or one that has finished, has nothing to stop: it goes at once.
    if (!pod.spec?.nodeName) return 0;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
    return Math.max(0, requested ?? pod.spec.terminationGracePeriodSeconds ?? 30);
  },
};

const withEmptyStatus: KindStrategy = {
  tracksGeneration: true,
  prepareForCreate(obj) {
    obj.status = {};
  },
};

const plain: KindStrategy = { tracksGeneration: false };

/** Secret.stringData is write-only: it is merged into data (base64), stringData winning, and never stored. */
export function foldStringData(obj: KubeObject): void {
  const stringData = obj.stringData as Record<string, unknown> | undefined;
  if (stringData === undefined) return;
  delete obj.stringData;
  if (stringData === null || typeof stringData !== 'object') return;
  const data = { ...((obj.data as Record<string, string> | undefined) ?? {}) };
  for (const [k, v] of Object.entries(stringData)) if (typeof v === 'string') data[k] = Buffer.from(v, 'utf8').toString('base64');
  obj.data = data;
}

const byKind: Record<string, KindStrategy> = {
  Pod: podStrategy,
  Deployment: withEmptyStatus,
  ReplicaSet: withEmptyStatus,
  Node: { tracksGeneration: false },
  Service: {
    tracksGeneration: false,
    prepareForCreate(obj) {
      // Kubernetes resets a new Service's status to the zero ServiceStatus, which Go writes as
      // `{loadBalancer: {}}` (loadBalancer has no omitempty); clients read status.loadBalancer without checks.
      obj.status = { loadBalancer: {} };
    },
  },
  Secret: { tracksGeneration: false, normalize: foldStringData },
  Namespace: {
    tracksGeneration: false,
    prepareForCreate(obj) {
      obj.status = { phase: 'Active' };
    },
  },
};

export function strategyFor(kind: string): KindStrategy {
  return byKind[kind] ?? plain;
}
