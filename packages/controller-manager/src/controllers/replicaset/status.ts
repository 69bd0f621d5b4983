/** ReplicaSet status as Kubernetes computes it from the pods it owns. */
import type { Pod, ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from '@tinykube/api';
import { labelSelectorAsSelector, selectorFromSet } from '@tinykube/api';
import { isPodAvailable, isPodReady } from '../../util/pods';
import { deepEqual, metaTime } from '@tinykube/api';

export function calculateStatus(rs: ReplicaSet, activePods: Pod[], manageError: { reason: string; message: string } | undefined, nowMs: number): ReplicaSetStatus {
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels ?? {});
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const status: ReplicaSetStatus = {
    replicas: activePods.length,
    fullyLabeledReplicas: activePods.filter((p) => templateLabels.matches(p.metadata.labels ?? {})).length,
    readyReplicas: activePods.filter(isPodReady).length,
    availableReplicas: activePods.filter((p) => isPodAvailable(p, minReady, nowMs)).length,
    observedGeneration: rs.metadata.generation,
  };
  // ReplicaFailure tells `kubectl describe` why pods are missing (quota, admission, ...); cleared once fine.
  const others = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  const existing = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  const conditions: ReplicaSetCondition[] = [...others];
  if (manageError) {
    conditions.push(
      existing && existing.reason === manageError.reason && existing.message === manageError.message
        ? existing
        : { type: 'ReplicaFailure', status: 'True', lastTransitionTime: metaTime(nowMs), reason: manageError.reason, message: manageError.message },
    );
  }
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

export function statusEqual(a: ReplicaSetStatus | undefined, b: ReplicaSetStatus): boolean {
  return deepEqual(normalize(a), normalize(b));
}

function normalize(s: ReplicaSetStatus | undefined): unknown {
  return {
    replicas: s?.replicas ?? 0,
    fullyLabeledReplicas: s?.fullyLabeledReplicas ?? 0,
    readyReplicas: s?.readyReplicas ?? 0,
    availableReplicas: s?.availableReplicas ?? 0,
    observedGeneration: s?.observedGeneration ?? 0,
    conditions: s?.conditions ?? [],
  };
}

/** The selector of a ReplicaSet; an empty one selects nothing here (the apiserver refuses it anyway). */
export function rsSelector(rs: ReplicaSet) {
  const sel = rs.spec?.selector;
  if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) return undefined;
  return labelSelectorAsSelector(sel);
}
