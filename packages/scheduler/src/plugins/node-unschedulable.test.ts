import { CycleState } from '../framework/types';
import { node, nodeInfo, pod, podInfo } from '../testing/fixtures';
import { ERR_REASON_UNSCHEDULABLE, NodeUnschedulable } from './node-unschedulable';

describe('NodeUnschedulable filter', () => {
  const plugin = new NodeUnschedulable();
  it.each([
    { name: 'schedulable node', unschedulable: false, tolerations: undefined, code: 'Success' },
    { name: 'cordoned node', unschedulable: true, tolerations: undefined, code: 'UnschedulableAndUnresolvable' },
    {
      name: 'cordoned node, pod tolerates the unschedulable taint',
      unschedulable: true,
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' as const, effect: 'NoSchedule' as const }],
      code: 'Success',
    },
    { name: 'cordoned node, toleration for another key', unschedulable: true, tolerations: [{ key: 'other', operator: 'Exists' as const }], code: 'UnschedulableAndUnresolvable' },
  ])('$name -> $code', ({ unschedulable, tolerations, code }) => {
    const s = plugin.filter(new CycleState(), podInfo(pod('p', { tolerations })), nodeInfo(node('n1', { unschedulable })));
    expect(s.code).toBe(code);
    if (code !== 'Success') expect(s.reasons).toEqual([ERR_REASON_UNSCHEDULABLE]);
  });
});
