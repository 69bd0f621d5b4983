/**
 * Filter: only nodes whose Ready condition is True. In Kubernetes the node lifecycle controller turns a
 * not-ready node into a `node.kubernetes.io/not-ready` taint; until tinykube has that controller this
 * plugin stands in for it, and a pod that tolerates that taint (as DaemonSet pods do) passes here too.
 */
import type { Taint } from '@tinykube/api';
import type { NodeInfo, PodInfo } from '../cache/node-info';
import { Status } from '../framework/status';
import type { CycleState, FilterPlugin, PluginDefinition } from '../framework/types';
import { NODE_READY } from './names';
import { tolerationsTolerateTaint } from './tolerations';

export const ERR_REASON_NOT_READY = 'node(s) were not ready';
export const NOT_READY_TAINT: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };

export class NodeReady implements FilterPlugin {
  readonly name = NODE_READY;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    if (node.ready) return Status.success();
    if (tolerationsTolerateTaint(pod.pod.spec?.tolerations, NOT_READY_TAINT)) return Status.success();
    return Status.unresolvable(ERR_REASON_NOT_READY);
  }
}

export const definition: PluginDefinition = { name: NODE_READY, implements: ['filter'], factory: () => new NodeReady() };
