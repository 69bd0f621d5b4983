/** Taints the node lifecycle controller owns, and whether a pod's tolerations cover a taint. */
import type { Node, NodeCondition, Pod, Taint, Toleration } from '@tinykube/api';
import { metaTime } from '@tinykube/api';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export function readyCondition(node: Node): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

export function hasTaint(node: Node, key: string, effect: Taint['effect']): boolean {
  return (node.spec?.taints ?? []).some((t) => t.key === key && t.effect === effect);
}

/** The NoExecute taint a node's Ready condition calls for: False -> not-ready, Unknown -> unreachable. */
export function wantedNoExecute(node: Node): string | undefined {
  const status = readyCondition(node)?.status;
  if (status === 'False') return TAINT_NOT_READY;
  if (status === 'Unknown') return TAINT_UNREACHABLE;
  return undefined;
}

/** The NoSchedule taints a node's conditions and spec call for (Kubernetes' TaintNodesByCondition). */
export function wantedNoSchedule(node: Node): string[] {
  const keys: string[] = [];
  const status = readyCondition(node)?.status;
  if (status === 'False') keys.push(TAINT_NOT_READY);
  if (status === 'Unknown') keys.push(TAINT_UNREACHABLE);
  if (node.spec?.unschedulable) keys.push(TAINT_UNSCHEDULABLE);
  return keys;
}

const MANAGED_NO_SCHEDULE = [TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE];
const MANAGED_NO_EXECUTE = [TAINT_NOT_READY, TAINT_UNREACHABLE];

/**
 * The node's taints with the controller's NoSchedule taints set to `noSchedule` and its NoExecute taint
 * set to `noExecute` (undefined: none). Other taints, and unchanged ones with their timeAdded, are kept.
 */
export function withManagedTaints(node: Node, noSchedule: string[], noExecute: string | undefined, nowMs: number): Taint[] {
  const current = node.spec?.taints ?? [];
  const keep = current.filter(
    (t) =>
      !(t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.includes(t.key) && !noSchedule.includes(t.key)) &&
      !(t.effect === 'NoExecute' && MANAGED_NO_EXECUTE.includes(t.key) && t.key !== noExecute),
  );
  for (const key of noSchedule) if (!keep.some((t) => t.key === key && t.effect === 'NoSchedule')) keep.push({ key, effect: 'NoSchedule' });
  if (noExecute && !keep.some((t) => t.key === noExecute && t.effect === 'NoExecute')) keep.push({ key: noExecute, effect: 'NoExecute', timeAdded: metaTime(nowMs) });
  return keep;
}

export function taintsEqual(a: Taint[] | undefined, b: Taint[] | undefined): boolean {
  const norm = (l: Taint[] | undefined) => (l ?? []).map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).sort().join(',');
  return norm(a) === norm(b);
}

export function tolerates(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.operator === 'Exists') return !tol.key || tol.key === taint.key;
  return tol.key === taint.key && (tol.value ?? '') === (taint.value ?? '');
}

/** NoExecute taints of a node. */
export function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/**
 * When a pod on a node with these NoExecute taints must go: `now` if some taint is not tolerated, the
 * earliest taint time + tolerationSeconds otherwise, or undefined if every toleration is forever.
 */
export function evictionTime(pod: Pod, taints: Taint[], nowMs: number): number | undefined {
  const tols = pod.spec?.tolerations ?? [];
  let at: number | undefined;
  for (const taint of taints) {
    const matching = tols.filter((t) => tolerates(t, taint));
    if (matching.length === 0) return nowMs;
    const bounded = matching.filter((t) => t.tolerationSeconds !== undefined && t.tolerationSeconds !== null);
    if (bounded.length === 0) continue;
    const seconds = Math.max(0, Math.min(...bounded.map((t) => t.tolerationSeconds!)));
    // timeAdded is usually stored to whole seconds; counting from the end of that second means a pod
    // is never evicted before its tolerationSeconds have really passed (at most 1 s late instead).
    const wholeSecond = taint.timeAdded !== undefined && !/\.\d+Z?$/.test(taint.timeAdded);
    const since = taint.timeAdded ? Date.parse(taint.timeAdded) + (wholeSecond ? 999 : 0) : nowMs;
    const due = (Number.isNaN(since) ? nowMs : since) + seconds * 1000;
    at = at === undefined ? due : Math.min(at, due);
  }
  return at;
}
