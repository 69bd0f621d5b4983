/**
 * The two rollout strategies. RollingUpdate: grow the new ReplicaSet within maxSurge, shrink old ones
 * while at least (replicas - maxUnavailable) pods stay available, unhealthy old pods first. Recreate:
 * scale every old ReplicaSet to zero, wait until none of their pods runs, then scale the new one up.
 */
import type { Pod, ReplicaSet } from '@tinykube/api';
import type { ReconcileResult } from '@tinykube/client';
import { calculateStatus, deploymentComplete } from './status';
import { newRSNewReplicas, type DeploymentSync } from './sync';
import { byCreation, maxUnavailable, replicasOf, rsReplicas, sumSpecReplicas } from './util';

/**
 * Available pods of a ReplicaSet, never above its spec: a just-shrunk ReplicaSet still reports the pods
 * it is about to delete, and counting those could let a second step shrink below the availability floor.
 */
const available = (rs: ReplicaSet): number => Math.min(rs.status?.availableReplicas ?? 0, rsReplicas(rs));

export async function rolloutRolling(s: DeploymentSync, rsList: ReplicaSet[]): Promise<ReconcileResult> {
  const got = await s.getAllReplicaSetsAndSyncRevision(rsList, true);
  const newRS = got.newRS!;
  let oldRSs = got.oldRSs;
  const allRSs = [...oldRSs, newRS];

  const up = await reconcileNewReplicaSet(s, allRSs, newRS);
  if (up.scaled) return s.syncRolloutStatus([...oldRSs, up.rs], up.rs);

  const down = await reconcileOldReplicaSets(s, allRSs, oldRSs, newRS);
  if (down.scaled) return s.syncRolloutStatus([...down.oldRSs, newRS], newRS);
  oldRSs = down.oldRSs;

  if (deploymentComplete(s.d, calculateStatus([...oldRSs, newRS], newRS, s.d, s.deps.clock.now()))) await s.cleanupDeployment(oldRSs);
  return s.syncRolloutStatus([...oldRSs, newRS], newRS);
}

async function reconcileNewReplicaSet(s: DeploymentSync, allRSs: ReplicaSet[], newRS: ReplicaSet): Promise<{ scaled: boolean; rs: ReplicaSet }> {
  const want = replicasOf(s.d);
  if (rsReplicas(newRS) === want) return { scaled: false, rs: newRS };
  if (rsReplicas(newRS) > want) return s.scaleReplicaSet(newRS, want);
  return s.scaleReplicaSet(newRS, newRSNewReplicas(s.d, allRSs, newRS));
}

async function reconcileOldReplicaSets(
  s: DeploymentSync,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
): Promise<{ scaled: boolean; oldRSs: ReplicaSet[] }> {
  if (sumSpecReplicas(oldRSs) === 0) return { scaled: false, oldRSs };
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const newUnavailable = rsReplicas(newRS) - available(newRS);
  const maxScaledDown = sumSpecReplicas(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return { scaled: false, oldRSs };

  // Unhealthy old pods help nobody: remove them first, within what may be scaled down at all.
  const sorted = [...oldRSs].sort(byCreation);
  let cleaned = 0;
  for (let i = 0; i < sorted.length && cleaned < maxScaledDown; i++) {
    const rs = sorted[i];
    const unhealthy = rsReplicas(rs) - available(rs);
    if (rsReplicas(rs) === 0 || unhealthy <= 0) continue;
    const n = Math.min(maxScaledDown - cleaned, unhealthy);
    sorted[i] = (await s.scaleReplicaSet(rs, rsReplicas(rs) - n)).rs;
    cleaned += n;
  }

  // Then healthy ones, oldest first, as far as availability allows.
  const availableNow = [...sorted, newRS].reduce((n, rs) => n + available(rs), 0);
  let budget = availableNow - minAvailable;
  for (let i = 0; i < sorted.length && budget > 0; i++) {
    const rs = sorted[i];
    if (rsReplicas(rs) === 0) continue;
    const n = Math.min(rsReplicas(rs), budget);
    sorted[i] = (await s.scaleReplicaSet(rs, rsReplicas(rs) - n)).rs;
    budget -= n;
    cleaned += n;
  }
  return { scaled: cleaned > 0, oldRSs: sorted };
}

export async function rolloutRecreate(s: DeploymentSync, rsList: ReplicaSet[], podsByRsUid: (uid: string) => Pod[]): Promise<ReconcileResult> {
  let { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(rsList, false);
  const all = () => [...oldRSs, ...(newRS ? [newRS] : [])];
  let scaledDown = false;
  for (let i = 0; i < oldRSs.length; i++) {
    if (rsReplicas(oldRSs[i]) === 0) continue;
    const r = await s.scaleReplicaSet(oldRSs[i], 0);
    oldRSs[i] = r.rs;
    scaledDown ||= r.scaled;
  }
  if (scaledDown) return s.syncRolloutStatus(all(), newRS);
  if (oldPodsRunning(oldRSs, podsByRsUid)) return s.syncRolloutStatus(all(), newRS);
  if (!newRS) ({ newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(rsList, true));
  const up = await s.scaleReplicaSet(newRS!, replicasOf(s.d));
  newRS = up.rs;
  if (deploymentComplete(s.d, calculateStatus(all(), newRS, s.d, s.deps.clock.now()))) await s.cleanupDeployment(oldRSs);
  return s.syncRolloutStatus(all(), newRS);
}

/** Any old pod not finished (terminating ones included): Recreate must not overlap old and new pods. */
function oldPodsRunning(oldRSs: ReplicaSet[], podsByRsUid: (uid: string) => Pod[]): boolean {
  if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  return oldRSs.some((rs) => podsByRsUid(rs.metadata.uid!).some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded'));
}
