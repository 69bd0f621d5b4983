/**
 * The garbage collector: deletes objects whose owners are all gone (by uid), and carries out the
 * propagation policies of a delete. Background: the owner goes at once and its dependents follow when
 * the collector sees them orphaned. Foreground: the owner stays (finalizer `foregroundDeletion`) while
 * its dependents are deleted, and goes once no dependent with blockOwnerDeletion is left. Orphan: the
 * owner's references are removed from its dependents, then its `orphan` finalizer.
 *
 * Whether an owner is absent is decided by a live GET, never by the cache alone: a cache that has not
 * yet seen a new owner must not get its dependents deleted.
 */
import type { KubeObject, OwnerReference } from '@tinykube/api';
import { deepEqual, findKind } from '@tinykube/api';
import { isConflict, isNotFound, type ReconcileResult } from '@tinykube/client';
import type { ApiClient, DeleteOpts } from '../../api';
import { FOREGROUND, Graph, hasFinalizer, isDeletingDependents, itemKey, ORPHAN, parseItemKey, type GraphSource } from './graph';

type OwnerState = 'solid' | 'dangling' | 'waiting';

export interface GarbageCollectorDeps {
  api: ApiClient;
  graph: Graph;
  enqueue(key: string): void;
}

/** uids of owners seen absent: a uid never comes back, so neither does the owner. */
const ABSENT_CACHE_SIZE = 1000;

export class GarbageCollector {
  private readonly absent = new Set<string>();

  constructor(private readonly d: GarbageCollectorDeps) {}

  async reconcile(key: string): Promise<ReconcileResult> {
    const { resource, namespace, name } = parseItemKey(key);
    const source = this.d.graph.source(resource);
    const obj = source?.indexer.get(namespace, name);
    if (!source || !obj) return;
    if (obj.metadata.deletionTimestamp) {
      if (hasFinalizer(obj, ORPHAN)) await this.orphanDependents(source, obj);
      else if (hasFinalizer(obj, FOREGROUND)) await this.processDeletingDependents(source, obj);
      return;
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const states = await Promise.all(refs.map(async (ref) => ({ ref, state: await this.classify(ref, obj.metadata.namespace) })));
    const solid = states.filter((s) => s.state === 'solid');
    if (solid.length > 0) {
      // Still owned: drop references to owners that are gone, or that wait for dependents this one
      // cannot give them (another owner keeps it alive).
      const stale = states.filter((s) => s.state !== 'solid').map((s) => ({ $patch: 'delete', uid: s.ref.uid }));
      if (stale.length > 0) {
        await ignoreNotFound(this.api(source, namespace).patch(name, { metadata: { ownerReferences: stale, uid: obj.metadata.uid } }, 'strategic'));
      }
      return;
    }
    const waiting = states.some((s) => s.state === 'waiting');
    let policy: DeleteOpts['propagationPolicy'] = 'Background';
    // An owner waits for us and we have dependents: delete in foreground, so it waits for the whole chain.
    if (waiting && this.d.graph.dependents(obj.metadata.uid!).length > 0) policy = 'Foreground';
    else if (hasFinalizer(obj, ORPHAN)) policy = 'Orphan';
    else if (hasFinalizer(obj, FOREGROUND)) policy = 'Foreground';
    await ignoreGoneOrReplaced(this.api(source, namespace).delete(name, { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } }));
    return;
  }

  private api(source: GraphSource, namespace: string | undefined) {
    return this.d.api.resource<KubeObject>(source.info, source.info.namespaced ? namespace : undefined);
  }

  private async classify(ref: OwnerReference, namespace: string | undefined): Promise<OwnerState> {
    const owner = await this.lookupOwner(ref, namespace);
    if (owner === 'unknown') return 'solid';
    if (!owner) return 'dangling';
    return isDeletingDependents(owner) ? 'waiting' : 'solid';
  }

  /** The owner, undefined when absent, or 'unknown' when its kind is not one we can look up. */
  private async lookupOwner(ref: OwnerReference, namespace: string | undefined): Promise<KubeObject | undefined | 'unknown'> {
    if (this.absent.has(ref.uid)) return undefined;
    const cached = this.d.graph.cachedOwner(ref, namespace);
    if (cached) return cached;
    const info = findKind(ref.apiVersion, ref.kind);
    // A kind this server does not serve: leave the dependent alone rather than guess.
    if (!info) return 'unknown';
    try {
      const live = await this.d.api.resource<KubeObject>(info, info.namespaced ? namespace : undefined).get(ref.name);
      if (live.metadata.uid === ref.uid) return live;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (this.absent.size >= ABSENT_CACHE_SIZE) this.absent.clear();
    this.absent.add(ref.uid);
    return undefined;
  }

  private async orphanDependents(source: GraphSource, owner: KubeObject): Promise<void> {
    const uid = owner.metadata.uid!;
    for (const dep of this.d.graph.dependents(uid)) {
      const patch = { metadata: { ownerReferences: [{ $patch: 'delete', uid }], uid: dep.obj.metadata.uid } };
      await ignoreNotFound(this.api(dep.source, dep.obj.metadata.namespace).patch(dep.obj.metadata.name!, patch, 'strategic'));
    }
    await this.removeFinalizer(source, owner, ORPHAN);
  }

  private async processDeletingDependents(source: GraphSource, owner: KubeObject): Promise<void> {
    const deps = this.d.graph.dependents(owner.metadata.uid!);
    const blocking = deps.filter((dep) => dep.ref.blockOwnerDeletion === true);
    if (blocking.length === 0) {
      await this.removeFinalizer(source, owner, FOREGROUND);
      return;
    }
    // Each dependent's own reconcile sees this owner waiting and deletes it; its deletion requeues us.
    for (const dep of deps) if (!dep.obj.metadata.deletionTimestamp) this.d.enqueue(itemKey(dep.source.info, dep.obj));
  }

  /** A merge patch of the whole finalizer list, conditional on the resourceVersion we decided on. */
  private async removeFinalizer(source: GraphSource, obj: KubeObject, finalizer: string): Promise<void> {
    const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    const patch = { metadata: { resourceVersion: obj.metadata.resourceVersion, finalizers } };
    await ignoreNotFound(this.api(source, obj.metadata.namespace).patch(obj.metadata.name!, patch, 'merge'));
  }

  // ---- informer handlers ----

  onAddOrUpdate(source: GraphSource, old: KubeObject | undefined, obj: KubeObject): void {
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    const key = itemKey(source.info, obj);
    if (obj.metadata.deletionTimestamp && (hasFinalizer(obj, ORPHAN) || hasFinalizer(obj, FOREGROUND))) {
      this.d.enqueue(key);
      // Newly waiting for its dependents: each of them must now be looked at.
      if (!old || !isDeletingDependents(old)) for (const dep of this.d.graph.dependents(obj.metadata.uid!)) this.d.enqueue(itemKey(dep.source.info, dep.obj));
      return;
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length > 0 && (!old || !deepEqual(old.metadata.ownerReferences ?? [], refs))) this.d.enqueue(key);
    if (obj.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp) this.enqueueWaitingOwners(obj);
  }

  onDelete(obj: KubeObject): void {
    // Its dependents may be orphans now; owners waiting for it may be free to go.
    for (const dep of this.d.graph.dependents(obj.metadata.uid!)) this.d.enqueue(itemKey(dep.source.info, dep.obj));
    this.enqueueWaitingOwners(obj);
  }

  private enqueueWaitingOwners(obj: KubeObject): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const owner = this.d.graph.cachedOwner(ref, obj.metadata.namespace);
      const source = this.d.graph.sourceForRef(ref);
      if (owner && source && isDeletingDependents(owner)) this.d.enqueue(itemKey(source.info, owner));
    }
  }
}

/** Already gone: what we wanted. */
async function ignoreNotFound(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** For deletes with a uid precondition, a conflict means a namesake replaced the object: not ours to delete. */
async function ignoreGoneOrReplaced(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!isNotFound(err) && !isConflict(err)) throw err;
  }
}
