/**
 * The ReplicaSet controller: keeps spec.replicas active pods matching the selector. It creates pods from
 * the template (slow start: batches of 1, 2, 4, ... so a failing create does not fail 500 times), deletes
 * the least valuable pods first, adopts matching orphans, releases pods that stopped matching, and writes
 * status. Expectations stop a second sync from acting before the informer has seen the first sync's
 * creates and deletes.
 */
import { deepEqual, objectKey, type Pod, type ReplicaSet } from '@tinykube/api';
import {
  deletedObject,
  isConflict,
  isNotFound,
  NAMESPACE_INDEX,
  splitKey,
  TerminalError,
  type Clock,
  type DeletedFinalStateUnknown,
  type Indexer,
  type ReconcileResult,
} from '@tinykube/client';
import type { ApiClient, Recorder } from '../../api';
import { Expectations } from '../../util/expectations';
import { claimObjects, getControllerOf, newControllerRef } from '../../util/owner';
import { isPodActive, podFromTemplate } from '../../util/pods';
import { podsToDelete } from './ranking';
import { calculateStatus, rsSelector, statusEqual } from './status';

/** At most this many creates or deletes per sync, as Kubernetes' burstReplicas. */
export const BURST_REPLICAS = 500;

export interface ReplicaSetControllerDeps {
  api: ApiClient;
  pods: Indexer<Pod>;
  replicaSets: Indexer<ReplicaSet>;
  recorder: Recorder;
  clock: Clock;
  enqueue(key: string): void;
  enqueueAfter?(key: string, ms: number): void;
}

export class ReplicaSetController {
  readonly expectations: Expectations;

  constructor(private readonly d: ReplicaSetControllerDeps) {
    this.expectations = new Expectations(d.clock);
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const cached = this.d.replicaSets.get(namespace, name);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const rs = cached;
    const selector = rsSelector(rs);
    if (!selector) throw new TerminalError(`ReplicaSet ${key} has an empty selector`);
    const needsSync = this.expectations.satisfied(key);
    const podApi = this.d.api.resource<Pod>('pods', namespace);
    const candidates = this.d.pods.byIndex(NAMESPACE_INDEX, namespace ?? '').filter(isPodActive);
    const owned = await claimObjects(candidates, {
      owner: rs,
      ownerApiVersion: 'apps/v1',
      ownerKind: 'ReplicaSet',
      selector,
      api: podApi,
      canAdopt: async () => {
        const fresh = await this.d.api.resource<ReplicaSet>('replicasets.apps', namespace).get(name);
        return fresh.metadata.uid === rs.metadata.uid && !fresh.metadata.deletionTimestamp;
      },
    });

    let manageError: { reason: string; message: string } | undefined;
    let failure: unknown;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      try {
        await this.manageReplicas(key, rs, owned);
      } catch (err) {
        failure = err;
        const diff = owned.length - (rs.spec?.replicas ?? 1);
        manageError = { reason: diff < 0 ? 'FailedCreate' : 'FailedDelete', message: err instanceof Error ? err.message : String(err) };
      }
    }
    const status = calculateStatus(rs, owned, manageError, this.d.clock.now());
    const updated = await this.updateStatus(rs, status);
    if (failure) throw failure;
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && updated.readyReplicas !== updated.availableReplicas) return { requeueAfterMs: minReady * 1000 };
    return;
  }

  private async manageReplicas(key: string, rs: ReplicaSet, owned: Pod[]): Promise<void> {
    const want = rs.spec?.replicas ?? 1;
    const diff = owned.length - want;
    const podApi = this.d.api.resource<Pod>('pods', rs.metadata.namespace);
    if (diff < 0) {
      const toCreate = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, toCreate);
      const ref = newControllerRef(rs, 'apps/v1', 'ReplicaSet');
      const template = rs.spec?.template ?? {};
      const created = await slowStartBatch(toCreate, async () => {
        try {
          const pod = await podApi.create(podFromTemplate(template, rs.metadata.namespace!, rs.metadata.name!, ref));
          this.d.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
        } catch (err) {
          this.d.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`);
          throw err;
        }
      });
      // Creates that failed or never ran will not show up in the informer: stop expecting them.
      for (let i = created.succeeded; i < toCreate; i++) this.expectations.creationObserved(key);
      if (created.error) throw created.error;
      return;
    }
    if (diff > 0) {
      const victims = podsToDelete(owned, Math.min(diff, BURST_REPLICAS));
      this.expectations.expectDeletions(key, victims.map(objectKey));
      const errors: unknown[] = [];
      await Promise.all(
        victims.map(async (pod) => {
          try {
            await podApi.delete(pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
            this.d.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
          } catch (err) {
            this.expectations.deletionObserved(key, objectKey(pod));
            if (isNotFound(err)) return;
            this.d.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${err instanceof Error ? err.message : String(err)}`);
            errors.push(err);
          }
        }),
      );
      if (errors.length > 0) throw errors[0];
    }
  }

  /** Writes status; on a conflict (our cache was behind) once more on the latest object, as Kubernetes does. */
  private async updateStatus(rs: ReplicaSet, status: ReplicaSet['status'] & object): Promise<ReplicaSet['status'] & object> {
    if (statusEqual(rs.status, status)) return status;
    const api = this.d.api.resource<ReplicaSet>('replicasets.apps', rs.metadata.namespace);
    try {
      await api.updateStatus({ ...structuredClone(rs), status });
    } catch (err) {
      if (isNotFound(err)) return status;
      if (!isConflict(err)) throw err;
      const fresh = await api.get(rs.metadata.name!);
      if (fresh.metadata.uid !== rs.metadata.uid || statusEqual(fresh.status, status)) return status;
      await api.updateStatus({ ...fresh, status });
    }
    return status;
  }

  // ---- informer handlers: bookkeeping for expectations, then enqueue ----

  private rsFor(pod: Pod): ReplicaSet | undefined {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.d.replicaSets.get(pod.metadata.namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** ReplicaSets whose selector matches an orphan pod: they may adopt it. */
  private matchingReplicaSets(pod: Pod): ReplicaSet[] {
    return this.d.replicaSets.byIndex(NAMESPACE_INDEX, pod.metadata.namespace ?? '').filter((rs) => {
      try {
        return rsSelector(rs)?.matches(pod.metadata.labels ?? {}) ?? false;
      } catch {
        return false;
      }
    });
  }

  onPodAdd(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      this.onPodDelete(pod);
      return;
    }
    const rs = this.rsFor(pod);
    if (rs) {
      this.expectations.creationObserved(objectKey(rs));
      this.d.enqueue(objectKey(rs));
      return;
    }
    if (!getControllerOf(pod)) for (const m of this.matchingReplicaSets(pod)) this.d.enqueue(objectKey(m));
  }

  onPodUpdate(old: Pod, cur: Pod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    if (cur.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) {
      // A graceful delete shows first as an update: count it as the deletion we were waiting for.
      this.onPodDelete(cur);
      return;
    }
    const oldRef = getControllerOf(old);
    const curRef = getControllerOf(cur);
    if (oldRef && oldRef.uid !== curRef?.uid) {
      const oldRs = this.rsFor(old);
      if (oldRs) this.d.enqueue(objectKey(oldRs));
    }
    const rs = this.rsFor(cur);
    if (rs) {
      this.d.enqueue(objectKey(rs));
      const minReady = rs.spec?.minReadySeconds ?? 0;
      // Becoming ready starts the minReadySeconds clock: look again when it runs out.
      if (minReady > 0 && this.d.enqueueAfter) this.d.enqueueAfter(objectKey(rs), minReady * 1000);
      return;
    }
    if (!curRef && (!deepEqual(old.metadata.labels, cur.metadata.labels) || oldRef)) {
      for (const m of this.matchingReplicaSets(cur)) this.d.enqueue(objectKey(m));
    }
  }

  onPodDelete(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = deletedObject(obj);
    const rs = this.rsFor(pod);
    if (!rs) return;
    this.expectations.deletionObserved(objectKey(rs), objectKey(pod));
    this.d.enqueue(objectKey(rs));
  }

  onReplicaSetDelete(obj: ReplicaSet | DeletedFinalStateUnknown<ReplicaSet>): void {
    const rs = deletedObject(obj);
    this.expectations.delete(objectKey(rs));
    this.d.enqueue(objectKey(rs));
  }
}

/**
 * Runs `count` calls in batches of 1, 2, 4, ...; stops after the first batch with a failure. Returns how
 * many succeeded and the first error.
 */
export async function slowStartBatch(count: number, fn: () => Promise<void>): Promise<{ succeeded: number; error?: unknown }> {
  let remaining = count;
  let succeeded = 0;
  for (let batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    succeeded += batch - failed.length;
    if (failed.length > 0) return { succeeded, error: failed[0].reason };
    remaining -= batch;
  }
  return { succeeded };
}
