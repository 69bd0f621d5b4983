/**
 * Filter: the pod's requests (cpu, memory) and one pod slot must fit in what the node's allocatable
 * leaves after the pods already there (assumed ones included); every shortfall is a reason.
 * Score (LeastAllocated, Kubernetes' default strategy): the more room left after placing the pod, the
 * better, averaged over cpu and memory, using non-zero requests so BestEffort pods spread too.
 */
import type { NodeInfo, PodInfo } from '../cache/node-info';
import { Status } from '../framework/status';
import { MAX_NODE_SCORE, type CycleState, type FilterPlugin, type PluginDefinition, type ScorePlugin } from '../framework/types';
import { NODE_RESOURCES_FIT } from './names';

export const REASON_TOO_MANY_PODS = 'Too many pods';
export const insufficient = (resource: string): string => `Insufficient ${resource}`;

/** Kubernetes' leastRequestedScore: share of capacity left free, 0..100, 0 when over-committed. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export class NodeResourcesFit implements FilterPlugin, ScorePlugin {
  readonly name = NODE_RESOURCES_FIT;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    const reasons: string[] = [];
    if (node.podCount + 1 > node.allocPods) reasons.push(REASON_TOO_MANY_PODS);
    const req = pod.requests;
    if (req.milliCpu > 0 && node.allocMilliCpu < req.milliCpu + node.reqMilliCpu) reasons.push(insufficient('cpu'));
    if (req.memory > 0 && node.allocMemory < req.memory + node.reqMemory) reasons.push(insufficient('memory'));
    return reasons.length === 0 ? Status.success() : Status.unschedulable(...reasons);
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    let total = 0;
    let weights = 0;
    // cpu and memory, weight 1 each (Kubernetes' default resources for this strategy); a resource the
    // node has none of is left out rather than scored 0.
    if (node.allocMilliCpu > 0) {
      total += leastRequestedScore(node.nonZeroMilliCpu + pod.nonZeroRequests.milliCpu, node.allocMilliCpu);
      weights++;
    }
    if (node.allocMemory > 0) {
      total += leastRequestedScore(node.nonZeroMemory + pod.nonZeroRequests.memory, node.allocMemory);
      weights++;
    }
    return weights === 0 ? 0 : Math.trunc(total / weights);
  }
}

export const definition: PluginDefinition = { name: NODE_RESOURCES_FIT, implements: ['filter', 'score'], factory: () => new NodeResourcesFit() };
