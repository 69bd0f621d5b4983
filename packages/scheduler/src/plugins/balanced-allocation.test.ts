import { CycleState } from '../framework/types';
import { container, node, nodeInfo, pod, podInfo } from '../testing/fixtures';
import { BalancedAllocation, balancedScore } from './balanced-allocation';

describe('BalancedAllocation score', () => {
  const plugin = new BalancedAllocation();
  it.each([
    { name: 'equal fractions', fractions: [0.5, 0.5], want: 100 },
    { name: 'two resources: 1 - |a-b|/2', fractions: [0.2, 0.6], want: 80 },
    { name: 'fully lopsided', fractions: [1, 0], want: 50 },
    { name: 'one resource only', fractions: [0.7], want: 100 },
  ])('$name', ({ fractions, want }) => {
    expect(balancedScore(fractions)).toBe(want);
  });

  it('prefers the node where the pod evens out cpu and memory use', () => {
    const cpuHeavy = nodeInfo(node('n1', { cpu: '4', memory: '4Gi' }), [pod('e1', { containers: [container('c', { cpu: '2', memory: '0' })] })]);
    const memHeavy = nodeInfo(node('n2', { cpu: '4', memory: '4Gi' }), [pod('e2', { containers: [container('c', { cpu: '0', memory: '2Gi' })] })]);
    const memoryHungry = podInfo(pod('p', { containers: [container('c', { cpu: '0', memory: '2Gi' })] }));
    // On n1 the pod makes cpu 50% and memory 50% -> 100; on n2 memory 100% and cpu 0% -> 50.
    expect(plugin.score(new CycleState(), memoryHungry, cpuHeavy)).toBe(100);
    expect(plugin.score(new CycleState(), memoryHungry, memHeavy)).toBe(50);
  });
});
