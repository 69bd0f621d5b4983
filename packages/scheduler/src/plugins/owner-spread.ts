/**
 * Score: spread the pods of one controller (the ownerReference with controller=true: a ReplicaSet, a
 * Job, ...) over the nodes: the fewer of its pods a node already has (assumed ones included), the
 * better. This is what Kubernetes' SelectorSpread did, and what PodTopologySpread's default
 * hostname constraint does today, without zones. A pod with no controller scores the same everywhere.
 */
import type { NodeInfo, PodInfo } from '../cache/node-info';
import { defaultNormalizeScore, type CycleState, type NodeScore, type PluginDefinition, type PreResult, type ScorePlugin } from '../framework/types';
import { OWNER_SPREAD } from './names';

export class OwnerSpread implements ScorePlugin {
  readonly name = OWNER_SPREAD;

  preScore(_state: CycleState, pod: PodInfo): PreResult {
    return pod.ownerUid ? undefined : 'Skip';
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return pod.ownerUid ? (node.ownerCounts.get(pod.ownerUid) ?? 0) : 0;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: NodeScore[]): void {
    defaultNormalizeScore(scores, true);
  }
}

export const definition: PluginDefinition = { name: OWNER_SPREAD, implements: ['score'], factory: () => new OwnerSpread() };
