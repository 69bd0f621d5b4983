/**
 * Score: prefer nodes whose cpu and memory would be used in similar proportions after placing the pod,
 * so neither runs out while the other sits idle. Kubernetes' formula: (1 - standard deviation of the
 * usage fractions) * 100; for two resources the deviation is half their difference. Uses the real
 * requests (not the non-zero defaults), as Kubernetes does for this plugin.
 */
import type { NodeInfo, PodInfo } from '../cache/node-info';
import { MAX_NODE_SCORE, type CycleState, type PluginDefinition, type ScorePlugin } from '../framework/types';
import { BALANCED_ALLOCATION } from './names';

export function balancedScore(fractions: number[]): number {
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(fractions[0] - fractions[1]) / 2;
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export class BalancedAllocation implements ScorePlugin {
  readonly name = BALANCED_ALLOCATION;

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    // The two-resource case without an array: this runs for every feasible node of every pod.
    if (node.allocMilliCpu > 0 && node.allocMemory > 0) {
      const cpu = Math.min(1, (node.reqMilliCpu + pod.requests.milliCpu) / node.allocMilliCpu);
      const mem = Math.min(1, (node.reqMemory + pod.requests.memory) / node.allocMemory);
      return Math.trunc((1 - Math.abs(cpu - mem) / 2) * MAX_NODE_SCORE);
    }
    return MAX_NODE_SCORE; // one resource (or none): nothing to balance

  }
}

export const definition: PluginDefinition = { name: BALANCED_ALLOCATION, implements: ['score'], factory: () => new BalancedAllocation() };
