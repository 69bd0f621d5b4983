/** Filter: a pod that names a node (spec.nodeName) fits only that node. */
import type { NodeInfo, PodInfo } from '../cache/node-info';
import { Status } from '../framework/status';
import type { CycleState, FilterPlugin, PluginDefinition, PreResult } from '../framework/types';
import { NODE_NAME } from './names';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export class NodeName implements FilterPlugin {
  readonly name = NODE_NAME;

  preFilter(_state: CycleState, pod: PodInfo): PreResult {
    return pod.pod.spec?.nodeName ? undefined : 'Skip';
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    const wanted = pod.pod.spec?.nodeName;
    if (!wanted || wanted === node.name) return Status.success();
    return Status.unresolvable(ERR_REASON_NODE_NAME);
  }
}

export const definition: PluginDefinition = { name: NODE_NAME, implements: ['filter'], factory: () => new NodeName() };
