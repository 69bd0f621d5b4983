import type { Taint, Toleration } from '@tinykube/api';
import { CycleState, type NodeScore } from '../framework/types';
import { node, nodeInfo, pod, podInfo } from '../testing/fixtures';
import { TaintToleration } from './taint-toleration';

describe('TaintToleration filter', () => {
  const plugin = new TaintToleration();
  const cases: Array<{ name: string; taints: Taint[]; tolerations?: Toleration[]; reason?: string }> = [
    { name: 'no taints', taints: [] },
    { name: 'NoSchedule not tolerated', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }], reason: 'node(s) had untolerated taint {dedicated: gpu}' },
    { name: 'NoExecute not tolerated', taints: [{ key: 'evict', effect: 'NoExecute' }], reason: 'node(s) had untolerated taint {evict: }' },
    { name: 'PreferNoSchedule never filters', taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] },
    { name: 'Equal with the same value', taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }], tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }] },
    { name: 'operator defaults to Equal', taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }], tolerations: [{ key: 'k', value: 'v' }] },
    {
      name: 'Equal with another value',
      taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }],
      tolerations: [{ key: 'k', operator: 'Equal', value: 'w' }],
      reason: 'node(s) had untolerated taint {k: v}',
    },
    { name: 'Exists ignores the value', taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }], tolerations: [{ key: 'k', operator: 'Exists' }] },
    { name: 'empty key with Exists tolerates everything', taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoExecute' }], tolerations: [{ operator: 'Exists' }] },
    {
      name: 'toleration for another effect',
      taints: [{ key: 'k', effect: 'NoExecute' }],
      tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
      reason: 'node(s) had untolerated taint {k: }',
    },
    {
      name: 'the first untolerated taint is reported',
      taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', value: '2', effect: 'NoSchedule' }],
      tolerations: [{ key: 'a', operator: 'Exists' }],
      reason: 'node(s) had untolerated taint {b: 2}',
    },
  ];
  it.each(cases)('$name', ({ taints, tolerations, reason }) => {
    const s = plugin.filter(new CycleState(), podInfo(pod('p', { tolerations })), nodeInfo(node('n1', { taints })));
    if (reason === undefined) expect(s.code).toBe('Success');
    else {
      expect(s.code).toBe('UnschedulableAndUnresolvable');
      expect(s.reasons).toEqual([reason]);
    }
  });
});

describe('TaintToleration score', () => {
  const plugin = new TaintToleration();
  const soft = (key: string): Taint => ({ key, effect: 'PreferNoSchedule' });
  it.each([
    {
      name: 'fewer untolerated PreferNoSchedule taints is better',
      nodes: [[], [soft('a')], [soft('a'), soft('b')]],
      tolerations: [] as Toleration[],
      want: [100, 50, 0],
    },
    { name: 'tolerated ones do not count', nodes: [[soft('a')], [soft('b')]], tolerations: [{ key: 'a', operator: 'Exists' as const, effect: 'PreferNoSchedule' as const }], want: [100, 0] },
    { name: 'NoSchedule-only tolerations do not cover PreferNoSchedule', nodes: [[soft('a')], []], tolerations: [{ key: 'a', operator: 'Exists' as const, effect: 'NoSchedule' as const }], want: [0, 100] },
    { name: 'no taints anywhere: all equal', nodes: [[], []], tolerations: [], want: [100, 100] },
  ])('$name', ({ nodes, tolerations, want }) => {
    const state = new CycleState();
    const p = podInfo(pod('p', { tolerations }));
    plugin.preScore(state, p);
    const scores: NodeScore[] = nodes.map((taints, i) => ({ name: `n${i}`, score: plugin.score(state, p, nodeInfo(node(`n${i}`, { taints }))) }));
    plugin.normalizeScore(state, p, scores);
    expect(scores.map((s) => s.score)).toEqual(want);
  });
});
