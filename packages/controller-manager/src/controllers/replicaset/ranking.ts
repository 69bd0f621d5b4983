/**
 * Which pods a scaling-down ReplicaSet deletes first, as Kubernetes ranks them: pods not yet on a node,
 * then Pending before Unknown before Running, not ready before ready, ready for less time before ready
 * for longer, more container restarts before fewer, and newer before older.
 */
import type { Pod } from '@tinykube/api';
import { isPodReady, podReadyCondition } from '../../util/pods';
import { parseTime } from '@tinykube/api';

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((max, c) => Math.max(max, c.restartCount ?? 0), 0);
}

/** Negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: Pod, b: Pod): number {
  const aBound = a.spec?.nodeName ? 1 : 0;
  const bBound = b.spec?.nodeName ? 1 : 0;
  if (aBound !== bBound) return aBound - bBound;
  const aPhase = PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0;
  const bPhase = PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0;
  if (aPhase !== bPhase) return aPhase - bPhase;
  const aReady = isPodReady(a) ? 1 : 0;
  const bReady = isPodReady(b) ? 1 : 0;
  if (aReady !== bReady) return aReady - bReady;
  if (aReady && bReady) {
    // Ready more recently means less proven: it goes first.
    const at = parseTime(podReadyCondition(a)?.lastTransitionTime) ?? 0;
    const bt = parseTime(podReadyCondition(b)?.lastTransitionTime) ?? 0;
    if (at !== bt) return bt - at;
  }
  const ar = restarts(a);
  const br = restarts(b);
  if (ar !== br) return br - ar;
  const ac = parseTime(a.metadata.creationTimestamp) ?? 0;
  const bc = parseTime(b.metadata.creationTimestamp) ?? 0;
  return bc - ac;
}

/** The `n` pods to delete first. */
export function podsToDelete(pods: Pod[], n: number): Pod[] {
  return [...pods].sort(compareForDeletion).slice(0, Math.max(0, n));
}
