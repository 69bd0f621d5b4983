/**
 * The Deployment controller: one ReplicaSet per pod template (named <deployment>-<pod-template-hash>),
 * rolled from old to new by the Deployment's strategy, with revisions, history cleanup, pause/resume,
 * and the status and conditions `kubectl rollout status` reads. A template changed back to an earlier
 * one (what `rollout undo` does) finds that earlier ReplicaSet again and gives it the next revision.
 */
import type { Deployment, Pod, ReplicaSet } from '@tinykube/api';
import { labelSelectorAsSelector, objectKey } from '@tinykube/api';
import {
  deletedObject,
  NAMESPACE_INDEX,
  OWNER_UID_INDEX,
  splitKey,
  TerminalError,
  type Clock,
  type DeletedFinalStateUnknown,
  type Indexer,
  type ReconcileResult,
} from '@tinykube/client';
import type { ApiClient, Recorder } from '../../api';
import { InvalidIntOrPercentError } from '../../util/intstr';
import { claimObjects, getControllerOf } from '../../util/owner';
import { getCondition, newCondition, REASON, setCondition } from './status';
import { rolloutRecreate, rolloutRolling } from './strategies';
import { DeploymentSync } from './sync';
import { DESIRED_REPLICAS, hasProgressDeadline, isRollingUpdate, replicasOf, rsReplicas } from './util';

export interface DeploymentControllerDeps {
  api: ApiClient;
  deployments: Indexer<Deployment>;
  replicaSets: Indexer<ReplicaSet>;
  /** Needs the owner-uid index (Recreate waits for old pods to be gone). */
  pods: Indexer<Pod>;
  recorder: Recorder;
  clock: Clock;
  enqueue(key: string): void;
}

function isEmptySelector(d: Deployment): boolean {
  const s = d.spec?.selector;
  return !s || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0);
}

export class DeploymentController {
  constructor(private readonly deps: DeploymentControllerDeps) {}

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const cached = this.deps.deployments.get(namespace, name);
    if (!cached) return;
    const d = structuredClone(cached);
    const dApi = this.deps.api.resource<Deployment>('deployments.apps', namespace);
    if (isEmptySelector(d)) {
      this.deps.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        await dApi.updateStatus({ ...d, status: { ...d.status, observedGeneration: d.metadata.generation } });
      }
      return;
    }
    const rsList = await claimObjects(this.deps.replicaSets.byIndex(NAMESPACE_INDEX, namespace ?? ''), {
      owner: d,
      ownerApiVersion: 'apps/v1',
      ownerKind: 'Deployment',
      selector: labelSelectorAsSelector(d.spec!.selector),
      api: this.deps.api.resource<ReplicaSet>('replicasets.apps', namespace),
      canAdopt: async () => {
        const fresh = await dApi.get(name);
        return fresh.metadata.uid === d.metadata.uid && !fresh.metadata.deletionTimestamp;
      },
    });
    const s = new DeploymentSync(this.deps, d);
    try {
      if (d.metadata.deletionTimestamp) {
        const { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(rsList, false);
        await s.syncDeploymentStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS);
        return;
      }
      await this.checkPausedConditions(s);
      if (d.spec?.paused || isScalingEvent(d, rsList)) {
        await s.sync(rsList);
        return;
      }
      if (!isRollingUpdate(d)) return await rolloutRecreate(s, rsList, (uid) => this.deps.pods.byIndex(OWNER_UID_INDEX, uid));
      return await rolloutRolling(s, rsList);
    } catch (err) {
      // A malformed maxSurge/maxUnavailable cannot be fixed by retrying.
      if (err instanceof InvalidIntOrPercentError) throw new TerminalError(err.message, { cause: err });
      throw err;
    }
  }

  /** Progressing=Unknown with DeploymentPaused / DeploymentResumed, so `rollout status` knows why nothing moves. */
  private async checkPausedConditions(s: DeploymentSync): Promise<void> {
    const d = s.d;
    if (!hasProgressDeadline(d)) return;
    const pausedCond = getCondition(d.status, 'Progressing')?.reason === REASON.paused;
    const now = this.deps.clock.now();
    let cond;
    if (d.spec?.paused && !pausedCond) cond = newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', now);
    else if (!d.spec?.paused && pausedCond) cond = newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', now);
    if (!cond) return;
    const status = structuredClone(d.status ?? {});
    setCondition(status, cond);
    s.d = await this.deps.api.resource<Deployment>('deployments.apps', d.metadata.namespace).updateStatus({ ...structuredClone(d), status });
  }

  // ---- informer handlers ----

  private deploymentFor(rs: ReplicaSet): Deployment | undefined {
    const ref = getControllerOf(rs);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.deps.deployments.get(rs.metadata.namespace, ref.name);
    return d?.metadata.uid === ref.uid ? d : undefined;
  }

  private matchingDeployments(rs: ReplicaSet): Deployment[] {
    return this.deps.deployments.byIndex(NAMESPACE_INDEX, rs.metadata.namespace ?? '').filter((d) => {
      if (isEmptySelector(d)) return false;
      try {
        return labelSelectorAsSelector(d.spec!.selector).matches(rs.metadata.labels ?? {});
      } catch {
        return false;
      }
    });
  }

  private enqueueDeployment(d: Deployment): void {
    this.deps.enqueue(objectKey(d));
  }

  onReplicaSetAdd(rs: ReplicaSet): void {
    const d = this.deploymentFor(rs);
    if (d) this.enqueueDeployment(d);
    else if (!getControllerOf(rs)) this.matchingDeployments(rs).forEach((m) => this.enqueueDeployment(m));
  }

  onReplicaSetUpdate(old: ReplicaSet, cur: ReplicaSet): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const oldRef = getControllerOf(old);
    if (oldRef && oldRef.uid !== getControllerOf(cur)?.uid) {
      const oldD = this.deploymentFor(old);
      if (oldD) this.enqueueDeployment(oldD);
    }
    this.onReplicaSetAdd(cur);
  }

  onReplicaSetDelete(obj: ReplicaSet | DeletedFinalStateUnknown<ReplicaSet>): void {
    const d = this.deploymentFor(deletedObject(obj));
    if (d) this.enqueueDeployment(d);
  }

  /** Recreate waits for old pods to disappear: their deletion is the event it waits for. */
  onPodDelete(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = deletedObject(obj);
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.deps.replicaSets.get(pod.metadata.namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return;
    const d = this.deploymentFor(rs);
    if (d && !isRollingUpdate(d)) this.enqueueDeployment(d);
  }
}

/** The Deployment was resized since its active ReplicaSets were last sized for it. */
export function isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
  return rsList.some((rs) => {
    if (rsReplicas(rs) === 0) return false;
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
    return desired !== undefined && desired !== String(replicasOf(d));
  });
}
