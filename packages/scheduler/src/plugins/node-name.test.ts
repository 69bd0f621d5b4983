import { CycleState } from '../framework/types';
import { node, nodeInfo, pod, podInfo } from '../testing/fixtures';
import { ERR_REASON_NODE_NAME, NodeName } from './node-name';

describe('NodeName filter', () => {
  it.each([
    { name: 'no nodeName', nodeName: undefined, code: 'Success' },
    { name: 'matching nodeName', nodeName: 'n1', code: 'Success' },
    { name: 'other nodeName', nodeName: 'n2', code: 'UnschedulableAndUnresolvable' },
  ])('$name -> $code', ({ nodeName, code }) => {
    const s = new NodeName().filter(new CycleState(), podInfo(pod('p', { nodeName })), nodeInfo(node('n1')));
    expect(s.code).toBe(code);
    if (code !== 'Success') expect(s.reasons).toEqual([ERR_REASON_NODE_NAME]);
  });
});
