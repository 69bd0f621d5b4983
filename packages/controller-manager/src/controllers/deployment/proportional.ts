/**
 * Resizing a Deployment whose rollout is under way (several active ReplicaSets): the change is spread
 * over them in proportion to their sizes, as Kubernetes does, so that a scale during a rollout neither
 * loses the old pods' availability nor skips the new ones. Returns the planned sizes; scaleReplicaSet
 * turns them into writes.
 */
import type { Deployment, ReplicaSet } from '@tinykube/api';
import { byCreation, DESIRED_REPLICAS, isRollingUpdate, MAX_REPLICAS, maxSurge, replicasOf, rsReplicas, sumSpecReplicas } from './util';

export interface ScalePlan {
  rs: ReplicaSet;
  replicas: number;
}

/** The one ReplicaSet to resize when at most one is active (else undefined). */
function activeOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  const all = [...(newRS ? [newRS] : []), ...oldRSs];
  const active = all.filter((rs) => rsReplicas(rs) > 0);
  if (active.length === 1) return active[0];
  if (active.length > 1) return undefined;
  if (newRS) return newRS;
  return [...oldRSs].sort(byCreation).pop();
}

/** The new ReplicaSet already holds every replica and all are available. */
function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
  return rsReplicas(rs) === replicasOf(d) && desired === String(replicasOf(d)) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

function fraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -rsReplicas(rs);
  const target = replicasOf(d) + maxSurge(d);
  const annotated = Number(rs.metadata.annotations?.[MAX_REPLICAS] ?? d.status?.replicas ?? 0);
  if (!Number.isFinite(annotated) || annotated <= 0) return 0;
  return Math.round((rsReplicas(rs) * target) / annotated) - rsReplicas(rs);
}

function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const f = fraction(rs, d);
  const allowed = toAdd - added;
  return allowed > 0 ? Math.min(f, allowed) : Math.max(f, allowed);
}

export function scaleProportionally(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ScalePlan[] {
  const single = activeOrLatest(newRS, oldRSs);
  if (single) return rsReplicas(single) === replicasOf(d) ? [] : [{ rs: single, replicas: replicasOf(d) }];
  if (isSaturated(d, newRS)) return oldRSs.filter((rs) => rsReplicas(rs) > 0).map((rs) => ({ rs, replicas: 0 }));
  if (!isRollingUpdate(d)) return [];
  const active = [...(newRS ? [newRS] : []), ...oldRSs].filter((rs) => rsReplicas(rs) > 0);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - sumSpecReplicas(active);
  // Bigger first; on ties the newer one first when growing and the older one first when shrinking.
  const sorted = [...active].sort((a, b) => rsReplicas(b) - rsReplicas(a) || (toAdd > 0 ? byCreation(b, a) : byCreation(a, b)));
  let added = 0;
  const plan = sorted.map((rs) => {
    const p = toAdd !== 0 ? proportion(rs, d, toAdd, added) : 0;
    added += p;
    return { rs, replicas: rsReplicas(rs) + p };
  });
  if (toAdd !== 0 && plan.length > 0) plan[0].replicas = Math.max(0, plan[0].replicas + toAdd - added);
  return plan;
}
