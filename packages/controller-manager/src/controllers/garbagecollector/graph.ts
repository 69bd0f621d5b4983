/**
 * What the garbage collector knows of the cluster: one informer cache per deletable resource, each
 * indexed by owner uid, so "the dependents of X" is an index lookup across resources.
 */
import type { KubeObject, OwnerReference, ResourceInfo } from '@tinykube/api';
import { findKind, namespacedKey, splitKey } from '@tinykube/api';
import { OWNER_UID_INDEX, type Indexer } from '@tinykube/client';

export interface GraphSource {
  info: ResourceInfo;
  indexer: Indexer<KubeObject>;
}

/** The resource part of a work item key: 'pods', 'replicasets.apps'. */
export function resourceId(info: ResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** A work item: `<resource>|<namespace>/<name>` (or `<resource>|<name>` for cluster-scoped objects). */
export function itemKey(info: ResourceInfo, obj: KubeObject): string {
  return `${resourceId(info)}|${namespacedKey(info.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name ?? '')}`;
}

export function parseItemKey(key: string): { resource: string; namespace?: string; name: string } {
  const bar = key.indexOf('|');
  return { resource: key.slice(0, bar), ...splitKey(key.slice(bar + 1)) };
}

export interface Dependent {
  source: GraphSource;
  obj: KubeObject;
  /** The dependent's reference to the owner in question. */
  ref: OwnerReference;
}

export class Graph {
  private readonly byId = new Map<string, GraphSource>();

  constructor(readonly sources: GraphSource[]) {
    for (const s of sources) this.byId.set(resourceId(s.info), s);
  }

  source(resource: string): GraphSource | undefined {
    return this.byId.get(resource);
  }

  /** The cache holding objects of an owner reference's kind, if that kind is watched. */
  sourceForRef(ref: OwnerReference): GraphSource | undefined {
    const info = findKind(ref.apiVersion, ref.kind);
    return info ? this.byId.get(resourceId(info)) : undefined;
  }

  dependents(ownerUid: string): Dependent[] {
    const out: Dependent[] = [];
    for (const source of this.sources) {
      for (const obj of source.indexer.byIndex(OWNER_UID_INDEX, ownerUid)) {
        const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.uid === ownerUid);
        if (ref) out.push({ source, obj, ref });
      }
    }
    return out;
  }

  /** The cached owner a reference names (namespaced owners live in the dependent's namespace). */
  cachedOwner(ref: OwnerReference, dependentNamespace: string | undefined): KubeObject | undefined {
    const source = this.sourceForRef(ref);
    if (!source) return undefined;
    const owner = source.indexer.get(source.info.namespaced ? dependentNamespace : undefined, ref.name);
    return owner?.metadata.uid === ref.uid ? owner : undefined;
  }
}

export const hasFinalizer = (obj: KubeObject, f: string): boolean => (obj.metadata.finalizers ?? []).includes(f);
export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';
/** Being deleted with the foreground finalizer: waits for its blocking dependents to go first. */
export const isDeletingDependents = (obj: KubeObject): boolean => Boolean(obj.metadata.deletionTimestamp) && hasFinalizer(obj, FOREGROUND);
