/**
 * The Namespace controller: a namespace being deleted (Terminating, with the `kubernetes` finalizer in
 * spec.finalizers) has everything in it deleted, every namespaced kind the registry knows, and once
 * nothing is left its finalizer is removed through PUT namespaces/<name>/finalize, which lets the
 * apiserver remove it. Objects that linger (graceful pods, finalizers) make it look again shortly.
 */
import type { KubeObject, Namespace, NamespaceCondition, ResourceInfo } from '@tinykube/api';
import { allResources } from '@tinykube/api';
import { isConflict, isNotFound, type Clock, type Indexer, type ReconcileResult } from '@tinykube/client';
import type { ApiClient } from '../../api';
import { metaTime } from '@tinykube/api';

export const NAMESPACE_FINALIZER = 'kubernetes';
/** How soon to look again while content remains (Kubernetes estimates from grace periods; 1-2 s is typical). */
export const CONTENT_RECHECK_MS = 1000;

export interface NamespaceControllerDeps {
  api: ApiClient;
  namespaces: Indexer<Namespace>;
  clock: Clock;
  /** Namespaced kinds to empty (default: every listable, deletable one in the registry). */
  resources?: ResourceInfo[];
}

export function namespacedResources(): ResourceInfo[] {
  return allResources().filter((r) => r.namespaced && r.verbs.includes('list') && r.verbs.includes('delete'));
}

export class NamespaceController {
  private readonly resources: ResourceInfo[];

  constructor(private readonly d: NamespaceControllerDeps) {
    this.resources = d.resources ?? namespacedResources();
  }

  async reconcile(name: string): Promise<ReconcileResult> {
    const ns = this.d.namespaces.get(undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    const finalizers = ns.spec?.finalizers ?? [];
    if (!finalizers.includes(NAMESPACE_FINALIZER)) return;

    const remaining = new Map<string, number>();
    const withFinalizers = new Set<string>();
    for (const info of this.resources) {
      const api = this.d.api.resource<KubeObject>(info, name);
      const list = await api.list();
      for (const obj of list.items) {
        const what = info.group ? `${info.resource}.${info.group}` : info.resource;
        remaining.set(what, (remaining.get(what) ?? 0) + 1);
        for (const f of obj.metadata.finalizers ?? []) withFinalizers.add(f);
        if (obj.metadata.deletionTimestamp) continue;
        try {
          await api.delete(obj.metadata.name!, { propagationPolicy: 'Background', preconditions: { uid: obj.metadata.uid } });
        } catch (err) {
          if (!isNotFound(err) && !isConflict(err)) throw err;
        }
      }
    }
    if (remaining.size > 0) {
      await this.setConditions(ns, remaining, withFinalizers);
      return { requeueAfterMs: CONTENT_RECHECK_MS };
    }
    const done: Namespace = { ...structuredClone(ns), spec: { ...ns.spec, finalizers: finalizers.filter((f) => f !== NAMESPACE_FINALIZER) } };
    try {
      await this.d.api.putSubresource('namespaces', done, 'finalize');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return;
  }

  /** The conditions `kubectl describe namespace` shows while a deletion waits for content. */
  private async setConditions(ns: Namespace, remaining: Map<string, number>, finalizers: Set<string>): Promise<void> {
    const now = metaTime(this.d.clock.now());
    const content = [...remaining].map(([r, n]) => `${r} has ${n} resource instances`).join(', ');
    const wanted: NamespaceCondition[] = [
      { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${content}` },
      finalizers.size > 0
        ? { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${[...finalizers].sort().join(', ')}` }
        : { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    ];
    const current = ns.status?.conditions ?? [];
    const same = wanted.every((w) => current.some((c) => c.type === w.type && c.status === w.status && c.message === w.message));
    if (same) return;
    const conditions = [
      ...current.filter((c) => !wanted.some((w) => w.type === c.type)),
      ...wanted.map((w) => {
        const old = current.find((c) => c.type === w.type);
        return { ...w, lastTransitionTime: old && old.status === w.status ? old.lastTransitionTime : now };
      }),
    ];
    try {
      await this.d.api.resource<Namespace>('namespaces').updateStatus({ ...structuredClone(ns), status: { ...ns.status, conditions } });
    } catch (err) {
      // Only informative: a conflict or a namespace just removed is not worth a retry.
      if (!isConflict(err) && !isNotFound(err)) throw err;
    }
  }
}
