import { CycleState } from '../framework/types';
import { node, nodeInfo, pod, podInfo } from '../testing/fixtures';
import { ERR_REASON_NOT_READY, NodeReady } from './node-ready';

describe('NodeReady filter', () => {
  const notReadyToleration = [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const, effect: 'NoSchedule' as const }];
  it.each([
    { name: 'Ready=True', ready: 'True' as const, tolerations: undefined, code: 'Success' },
    { name: 'Ready=False', ready: 'False' as const, tolerations: undefined, code: 'UnschedulableAndUnresolvable' },
    { name: 'Ready=Unknown', ready: 'Unknown' as const, tolerations: undefined, code: 'UnschedulableAndUnresolvable' },
    { name: 'no Ready condition yet', ready: 'missing' as const, tolerations: undefined, code: 'UnschedulableAndUnresolvable' },
    { name: 'Ready=False but pod tolerates not-ready', ready: 'False' as const, tolerations: notReadyToleration, code: 'Success' },
  ])('$name -> $code', ({ ready, tolerations, code }) => {
    const s = new NodeReady().filter(new CycleState(), podInfo(pod('p', { tolerations })), nodeInfo(node('n1', { ready })));
    expect(s.code).toBe(code);
    if (code !== 'Success') expect(s.reasons).toEqual([ERR_REASON_NOT_READY]);
  });
});
