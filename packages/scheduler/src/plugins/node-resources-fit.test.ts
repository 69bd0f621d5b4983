import { CycleState } from '../framework/types';
import { container, node, nodeInfo, pod, podInfo } from '../testing/fixtures';
import { leastRequestedScore, NodeResourcesFit } from './node-resources-fit';

const requesting = (name: string, cpu?: string, memory?: string) => pod(name, { containers: [container('c', cpu || memory ? { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } : undefined)] });

describe('NodeResourcesFit filter', () => {
  const plugin = new NodeResourcesFit();
  it.each<{ name: string; alloc: { cpu: string; memory: string; pods: number }; existing: Array<[string?, string?]>; wanted: [string?, string?]; reasons: string[] }>([
    { name: 'fits', alloc: { cpu: '2', memory: '4Gi', pods: 10 }, existing: [['1', '1Gi']], wanted: ['1', '3Gi'], reasons: [] },
    { name: 'cpu short', alloc: { cpu: '2', memory: '4Gi', pods: 10 }, existing: [['1500m', '1Gi']], wanted: ['600m', '1Gi'], reasons: ['Insufficient cpu'] },
    { name: 'memory short', alloc: { cpu: '2', memory: '4Gi', pods: 10 }, existing: [['1', '3Gi']], wanted: ['1', '1025Mi'], reasons: ['Insufficient memory'] },
    { name: 'both short: both reasons', alloc: { cpu: '1', memory: '1Gi', pods: 10 }, existing: [], wanted: ['2', '2Gi'], reasons: ['Insufficient cpu', 'Insufficient memory'] },
    { name: 'no pod slot left', alloc: { cpu: '8', memory: '8Gi', pods: 1 }, existing: [['100m', '1Mi']], wanted: ['100m', '1Mi'], reasons: ['Too many pods'] },
    { name: 'a BestEffort pod needs only a pod slot', alloc: { cpu: '1', memory: '1Gi', pods: 3 }, existing: [['1', '1Gi']], wanted: [undefined, undefined], reasons: [] },
  ])('$name', ({ alloc, existing, wanted, reasons }) => {
    const info = nodeInfo(node('n1', alloc), existing.map(([c, m], i) => requesting(`e${i}`, c, m)));
    const s = plugin.filter(new CycleState(), podInfo(requesting('new', ...wanted)), info);
    expect(s.code).toBe(reasons.length === 0 ? 'Success' : 'Unschedulable');
    expect([...s.reasons]).toEqual(reasons);
  });

  it('counts init containers as max(sum of app containers, largest init container)', () => {
    const p = pod('init', {
      initContainers: [container('i1', { cpu: '3' }), container('i2', { cpu: '1' })],
      containers: [container('a', { cpu: '1' }), container('b', { cpu: '1' })],
    });
    // Needs 3 cpu (the largest init container), not 2 (the app containers) nor 6 (everything summed).
    expect(plugin.filter(new CycleState(), podInfo(p), nodeInfo(node('n1', { cpu: '3' }))).code).toBe('Success');
    expect(plugin.filter(new CycleState(), podInfo(p), nodeInfo(node('n1', { cpu: '2900m' }))).reasons).toEqual(['Insufficient cpu']);
  });
});

describe('NodeResourcesFit score (LeastAllocated)', () => {
  const plugin = new NodeResourcesFit();
  it.each([
    { requested: 0, capacity: 4000, want: 100 },
    { requested: 1000, capacity: 4000, want: 75 },
    { requested: 3333, capacity: 10000, want: 66 },
    { requested: 5000, capacity: 4000, want: 0 },
    { requested: 1, capacity: 0, want: 0 },
  ])('leastRequestedScore($requested, $capacity) = $want', ({ requested, capacity, want }) => {
    expect(leastRequestedScore(requested, capacity)).toBe(want);
  });

  it('averages cpu and memory, counting missing requests as 100m / 200Mi', () => {
    const info = nodeInfo(node('n1', { cpu: '1', memory: '1000Mi' }));
    // cpu: (1000-100)/1000 -> 90; memory: (1000-200)/1000 Mi -> 80; mean 85.
    expect(plugin.score(new CycleState(), podInfo(requesting('besteffort')), info)).toBe(85);
    // cpu 500m -> 50; memory 500Mi -> 50.
    expect(plugin.score(new CycleState(), podInfo(requesting('sized', '500m', '500Mi')), info)).toBe(50);
  });

  it('prefers the emptier node', () => {
    const empty = nodeInfo(node('n1'));
    const busy = nodeInfo(node('n2'), [requesting('e', '2', '4Gi')]);
    const p = podInfo(requesting('new', '500m', '512Mi'));
    expect(plugin.score(new CycleState(), p, empty)).toBeGreaterThan(plugin.score(new CycleState(), p, busy));
  });
});
