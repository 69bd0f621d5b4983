/**
 * Filter: spec.nodeSelector (every label equal) and the required node affinity (any term matches).
 * Score: the sum of the weights of the preferred terms the node matches, scaled so the best is 100.
 */
import type { NodeInfo, PodInfo } from '../cache/node-info';
import { Status } from '../framework/status';
import { defaultNormalizeScore, type CycleState, type FilterPlugin, type NodeScore, type PluginDefinition, type PreResult, type ScorePlugin } from '../framework/types';
import { NODE_AFFINITY } from './names';
import { nodeSelectorMatches, termMatches } from './node-selector';

export const ERR_REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

export class NodeAffinity implements FilterPlugin, ScorePlugin {
  readonly name = NODE_AFFINITY;

  preFilter(_state: CycleState, pod: PodInfo): PreResult {
    const spec = pod.pod.spec;
    const hasSelector = spec?.nodeSelector && Object.keys(spec.nodeSelector).length > 0;
    return hasSelector || spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ? undefined : 'Skip';
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    const spec = pod.pod.spec;
    const n = node.node;
    if (!n) return Status.error(`node ${node.name} not found`);
    const selector = spec?.nodeSelector;
    if (selector) {
      const labels = n.metadata.labels ?? {};
      for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return Status.unresolvable(ERR_REASON_AFFINITY);
    }
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (required && !nodeSelectorMatches(required, n)) return Status.unresolvable(ERR_REASON_AFFINITY);
    return Status.success();
  }

  preScore(_state: CycleState, pod: PodInfo): PreResult {
    return pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ? undefined : 'Skip';
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!preferred || !node.node) return 0;
    let total = 0;
    for (const term of preferred) if (term.weight !== 0 && termMatches(term.preference, node.node)) total += term.weight;
    return total;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: NodeScore[]): void {
    defaultNormalizeScore(scores, false);
  }
}

export const definition: PluginDefinition = { name: NODE_AFFINITY, implements: ['filter', 'score'], factory: () => new NodeAffinity() };
