/** Filter: a cordoned node (spec.unschedulable) takes only pods that tolerate its unschedulable taint. */
import type { Taint } from '@tinykube/api';
import type { NodeInfo, PodInfo } from '../cache/node-info';
import { Status } from '../framework/status';
import type { CycleState, FilterPlugin, PluginDefinition } from '../framework/types';
import { NODE_UNSCHEDULABLE } from './names';
import { tolerationsTolerateTaint } from './tolerations';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

/** The taint Kubernetes puts on cordoned nodes; tolerating it lets a pod (e.g. a DaemonSet's) through. */
export const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export class NodeUnschedulable implements FilterPlugin {
  readonly name = NODE_UNSCHEDULABLE;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    if (!node.unschedulable) return Status.success();
    if (tolerationsTolerateTaint(pod.pod.spec?.tolerations, UNSCHEDULABLE_TAINT)) return Status.success();
    return Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
  }
}

export const definition: PluginDefinition = { name: NODE_UNSCHEDULABLE, implements: ['filter'], factory: () => new NodeUnschedulable() };
