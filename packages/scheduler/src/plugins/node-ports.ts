/** Filter: the pod's hostPorts must be free on the node (same protocol and port, overlapping host IP). */
import type { NodeInfo, PodInfo } from '../cache/node-info';
import { Status } from '../framework/status';
import type { CycleState, FilterPlugin, PluginDefinition, PreResult } from '../framework/types';
import { NODE_PORTS } from './names';

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

export class NodePorts implements FilterPlugin {
  readonly name = NODE_PORTS;

  preFilter(_state: CycleState, pod: PodInfo): PreResult {
    return pod.hostPorts.length === 0 ? 'Skip' : undefined;
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    for (const hp of pod.hostPorts) if (node.portInUse(hp)) return Status.unschedulable(ERR_REASON_PORTS);
    return Status.success();
  }
}

export const definition: PluginDefinition = { name: NODE_PORTS, implements: ['filter'], factory: () => new NodePorts() };
