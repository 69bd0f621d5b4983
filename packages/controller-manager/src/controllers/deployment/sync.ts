/**
 * One sync of one Deployment: the steps the rollout strategies share. A DeploymentSync holds the working
 * copy of the Deployment (replaced by what the server answers after each write) and talks to the API
 * through the recording-friendly ApiClient.
 */
import type { Deployment, ReplicaSet } from '@tinykube/api';
import { isAlreadyExists, isNotFound, type Clock, type ReconcileResult } from '@tinykube/client';
import type { ApiClient, Recorder } from '../../api';
import { computeHash } from '../../util/hash';
import { getControllerOf, newControllerRef } from '../../util/owner';
import { scaleProportionally } from './proportional';
import {
  calculateStatus,
  deploymentComplete,
  deploymentProgressing,
  getCondition,
  msUntilDeadline,
  newCondition,
  REASON,
  removeCondition,
  setCondition,
  statusEqual,
} from './status';
import {
  byCreation,
  copyAnnotations,
  equalIgnoreHash,
  findNewReplicaSet,
  hasProgressDeadline,
  isRollingUpdate,
  maxSurge,
  POD_TEMPLATE_HASH,
  REVISION,
  replicasOf,
  revisionOf,
  rsReplicas,
  setReplicasAnnotations,
  sumSpecReplicas,
} from './util';

export interface SyncDeps {
  api: ApiClient;
  recorder: Recorder;
  clock: Clock;
}

/** A hash collision with a ReplicaSet that is not ours: status.collisionCount was bumped, try again. */
export class HashCollisionError extends Error {
  constructor(name: string) {
    super(`found a hash collision for deployment: ${name} - bumping collisionCount`);
    this.name = 'HashCollisionError';
  }
}

/** How many replicas the new ReplicaSet may have now, within maxSurge (Recreate: all of them). */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const current = sumSpecReplicas(allRSs);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return rsReplicas(newRS);
  return rsReplicas(newRS) + Math.min(maxTotal - current, replicasOf(d) - rsReplicas(newRS));
}

export class DeploymentSync {
  constructor(
    readonly deps: SyncDeps,
    public d: Deployment,
  ) {}

  private get ns(): string {
    return this.d.metadata.namespace!;
  }

  private rsApi() {
    return this.deps.api.resource<ReplicaSet>('replicasets.apps', this.ns);
  }

  private dApi() {
    return this.deps.api.resource<Deployment>('deployments.apps', this.ns);
  }

  private now(): number {
    return this.deps.clock.now();
  }

  /** Sets replicas (and the size annotations) on a ReplicaSet; records ScalingReplicaSet when the size changed. */
  async scaleReplicaSet(rs: ReplicaSet, newScale: number): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const oldScale = rsReplicas(rs);
    const copy = structuredClone(rs);
    const annotationsChanged = setReplicasAnnotations(copy, replicasOf(this.d), replicasOf(this.d) + maxSurge(this.d));
    if (oldScale === newScale && !annotationsChanged) return { scaled: false, rs };
    copy.spec = { ...copy.spec!, replicas: newScale };
    const updated = await this.rsApi().update(copy);
    if (oldScale !== newScale) {
      const op = oldScale < newScale ? 'up' : 'down';
      this.deps.recorder.event(this.d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    }
    return { scaled: oldScale !== newScale, rs: updated };
  }

  /**
   * The new ReplicaSet (created when asked and missing) and the old ones, with revisions brought in line:
   * the new one gets max(old revisions) + 1, and the Deployment's revision annotation follows it.
   */
  async getAllReplicaSetsAndSyncRevision(rsList: ReplicaSet[], create: boolean): Promise<{ newRS?: ReplicaSet; oldRSs: ReplicaSet[] }> {
    const existing = findNewReplicaSet(this.d, rsList);
    const oldRSs = rsList.filter((rs) => rs !== existing);
    const newRevision = String(oldRSs.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0) + 1);
    const newRS = existing ? await this.syncExistingNewRS(existing, newRevision) : create ? await this.createNewRS(oldRSs, newRevision) : undefined;
    return { newRS, oldRSs };
  }

  private async syncExistingNewRS(rs: ReplicaSet, newRevision: string): Promise<ReplicaSet> {
    let current = rs;
    const copy = structuredClone(rs);
    let changed = copyAnnotations(this.d, copy);
    if (revisionOf(copy) < Number(newRevision)) {
      copy.metadata.annotations![REVISION] = newRevision;
      changed = true;
    }
    if ((copy.spec?.minReadySeconds ?? 0) !== (this.d.spec?.minReadySeconds ?? 0)) {
      copy.spec = { ...copy.spec!, minReadySeconds: this.d.spec?.minReadySeconds ?? 0 };
      changed = true;
    }
    if (changed) current = await this.rsApi().update(copy);
    await this.setDeploymentRevision(current.metadata.annotations?.[REVISION] ?? newRevision);
    if (hasProgressDeadline(this.d) && !getCondition(this.d.status, 'Progressing')) {
      const status = structuredClone(this.d.status ?? {});
      setCondition(status, newCondition('Progressing', 'True', REASON.foundNewRS, `Found new replica set "${current.metadata.name}"`, this.now()));
      await this.writeStatus(status);
    }
    return current;
  }

  private async createNewRS(oldRSs: ReplicaSet[], newRevision: string): Promise<ReplicaSet> {
    const d = this.d;
    const hash = computeHash(d.spec!.template, d.status?.collisionCount);
    const template = structuredClone(d.spec!.template);
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
    const selector = structuredClone(d.spec!.selector);
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash };
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: this.ns,
        ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
        labels: { ...template.metadata.labels },
        annotations: {},
      },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    copyAnnotations(d, rs);
    rs.metadata.annotations![REVISION] = newRevision;
    setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d));
    rs.spec!.replicas = newRSNewReplicas(d, oldRSs, undefined);
    let created: ReplicaSet;
    try {
      created = await this.rsApi().create(rs);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      // Ours from an earlier sync whose create our cache has not seen yet? Then use it.
      const found = await this.rsApi().get(rs.metadata.name!);
      const ref = getControllerOf(found);
      if (ref?.uid === d.metadata.uid && equalIgnoreHash(found.spec?.template, d.spec?.template)) return found;
      const status = structuredClone(d.status ?? {});
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      await this.writeStatus(status);
      throw new HashCollisionError(d.metadata.name!);
    }
    if (rsReplicas(created) > 0) {
      this.deps.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${rsReplicas(created)}`);
    }
    await this.setDeploymentRevision(newRevision);
    if (hasProgressDeadline(d)) {
      const status = structuredClone(this.d.status ?? {});
      setCondition(status, newCondition('Progressing', 'True', REASON.newRSCreated, `Created new replica set "${created.metadata.name}"`, this.now()));
      await this.writeStatus(status);
    }
    return created;
  }

  private async setDeploymentRevision(revision: string): Promise<void> {
    if (this.d.metadata.annotations?.[REVISION] === revision) return;
    // A metadata-only merge patch: it cannot clobber a spec change made since we read the Deployment.
    this.d = await this.dApi().patch(this.d.metadata.name!, { metadata: { annotations: { [REVISION]: revision } } }, 'merge');
  }

  private async writeStatus(status: NonNullable<Deployment['status']>): Promise<void> {
    this.d = await this.dApi().updateStatus({ ...structuredClone(this.d), status });
  }

  /** Scale-only sync (paused, or a scaling event): resize the active ReplicaSets, clean up, write status. */
  async sync(rsList: ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(rsList, false);
    await this.scale(newRS, oldRSs);
    if (this.d.spec?.paused) await this.cleanupDeployment(oldRSs);
    // Counts come from the ReplicaSets as read; their updates requeue us, so the next sync catches up.
    await this.syncDeploymentStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  }

  async scale(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
    const plan = scaleProportionally(this.d, newRS, oldRSs);
    for (const { rs, replicas } of plan) await this.scaleReplicaSet(rs, replicas);
  }

  /** Deletes the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit (default 10). */
  async cleanupDeployment(oldRSs: ReplicaSet[]): Promise<void> {
    const limit = this.d.spec?.revisionHistoryLimit ?? 10;
    const live = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    let excess = live.length - limit;
    if (excess <= 0) return;
    const byRevision = [...live].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of byRevision) {
      if (excess <= 0) break;
      const idle = (rs.status?.replicas ?? 0) === 0 && rsReplicas(rs) === 0 && (rs.status?.observedGeneration ?? 0) >= (rs.metadata.generation ?? 0);
      if (!idle) continue;
      try {
        await this.rsApi().delete(rs.metadata.name!, { preconditions: { uid: rs.metadata.uid } });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      excess--;
    }
  }

  async syncDeploymentStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): Promise<void> {
    const status = calculateStatus(allRSs, newRS, this.d, this.now());
    if (statusEqual(this.d.status, status)) return;
    await this.writeStatus(status);
  }

  /** Status plus the Progressing condition; asks to be requeued when the progress deadline is pending. */
  async syncRolloutStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): Promise<ReconcileResult> {
    const d = this.d;
    const now = this.now();
    const status = calculateStatus(allRSs, newRS, d, now);
    if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
    const cur = getCondition(status, 'Progressing');
    const alreadyComplete = status.replicas === status.updatedReplicas && cur?.reason === REASON.newRSAvailable;
    if (hasProgressDeadline(d) && !alreadyComplete) {
      const rsName = newRS?.metadata.name;
      if (deploymentComplete(d, status)) {
        setCondition(status, newCondition('Progressing', 'True', REASON.newRSAvailable, `ReplicaSet "${rsName}" has successfully progressed.`, now));
      } else if (deploymentProgressing(d, status)) {
        const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
        const cond = newCondition('Progressing', 'True', REASON.rsUpdated, msg, now);
        // Progress refreshes lastUpdateTime (the deadline counts from it) but keeps the transition time.
        if (cur?.status === 'True') cond.lastTransitionTime = cur.lastTransitionTime;
        removeCondition(status, 'Progressing');
        setCondition(status, cond);
      } else if ((msUntilDeadline(d, status, now) ?? 1) <= 0) {
        const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
        setCondition(status, newCondition('Progressing', 'False', REASON.timedOut, msg, now));
      }
    }
    if (!statusEqual(d.status, status)) await this.writeStatus(status);
    if (deploymentComplete(this.d, status)) return;
    const left = msUntilDeadline(this.d, status, now);
    // Look again when the deadline passes, even if nothing else happens by then.
    return left !== undefined && left > 0 ? { requeueAfterMs: left + 1000 } : undefined;
  }
}
