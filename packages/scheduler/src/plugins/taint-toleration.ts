/**
 * Filter: a node's NoSchedule and NoExecute taints must all be tolerated.
 * Score: fewer untolerated PreferNoSchedule taints is better (normalized in reverse).
 */
import type { Toleration } from '@tinykube/api';
import type { NodeInfo, PodInfo } from '../cache/node-info';
import { Status } from '../framework/status';
import { defaultNormalizeScore, type CycleState, type FilterPlugin, type NodeScore, type PluginDefinition, type PreResult, type ScorePlugin } from '../framework/types';
import { TAINT_TOLERATION } from './names';
import { findUntoleratedTaint, tolerationsTolerateTaint } from './tolerations';

const PREFER_TOLERATIONS = `${TAINT_TOLERATION}/preferNoScheduleTolerations`;

export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

export class TaintToleration implements FilterPlugin, ScorePlugin {
  readonly name = TAINT_TOLERATION;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    if (node.taints.length === 0) return Status.success();
    const taint = findUntoleratedTaint(node.taints, pod.pod.spec?.tolerations, ['NoSchedule', 'NoExecute']);
    return taint ? Status.unresolvable(untoleratedTaintReason(taint.key, taint.value)) : Status.success();
  }

  preScore(state: CycleState, pod: PodInfo): PreResult {
    // Only tolerations that can cover PreferNoSchedule (that effect, or any effect) matter here.
    state.write(PREFER_TOLERATIONS, (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule'));
    return undefined;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    if (node.taints.length === 0) return 0;
    const tolerations = state.read<Toleration[]>(PREFER_TOLERATIONS, () => []);
    let count = 0;
    for (const taint of node.taints) {
      if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) count++;
    }
    return count;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: NodeScore[]): void {
    defaultNormalizeScore(scores, true);
  }
}

export const definition: PluginDefinition = { name: TAINT_TOLERATION, implements: ['filter', 'score'], factory: () => new TaintToleration() };
