import type { NodeSelectorRequirement, Pod, PreferredSchedulingTerm } from '@tinykube/api';
import { CycleState, type NodeScore } from '../framework/types';
import { node, nodeInfo, pod, podInfo } from '../testing/fixtures';
import { ERR_REASON_AFFINITY, NodeAffinity } from './node-affinity';

const required = (...terms: NodeSelectorRequirement[][]): Partial<Pod['spec']> => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })) } } },
});

describe('NodeAffinity filter', () => {
  const plugin = new NodeAffinity();
  const labels = { zone: 'a', disk: 'ssd', cores: '8' };
  it.each<{ name: string; spec: Partial<Pod['spec']>; fits: boolean }>([
    { name: 'nothing asked', spec: {}, fits: true },
    { name: 'nodeSelector matches', spec: { nodeSelector: { zone: 'a', disk: 'ssd' } }, fits: true },
    { name: 'nodeSelector value differs', spec: { nodeSelector: { zone: 'b' } }, fits: false },
    { name: 'nodeSelector label missing', spec: { nodeSelector: { gpu: 'true' } }, fits: false },
    { name: 'In', spec: required([{ key: 'zone', operator: 'In', values: ['a', 'b'] }]), fits: true },
    { name: 'In, no value matches', spec: required([{ key: 'zone', operator: 'In', values: ['c'] }]), fits: false },
    { name: 'NotIn', spec: required([{ key: 'zone', operator: 'NotIn', values: ['b'] }]), fits: true },
    { name: 'NotIn excluded', spec: required([{ key: 'zone', operator: 'NotIn', values: ['a'] }]), fits: false },
    { name: 'NotIn on a missing label matches', spec: required([{ key: 'gpu', operator: 'NotIn', values: ['x'] }]), fits: true },
    { name: 'Exists', spec: required([{ key: 'disk', operator: 'Exists' }]), fits: true },
    { name: 'Exists, missing', spec: required([{ key: 'gpu', operator: 'Exists' }]), fits: false },
    { name: 'DoesNotExist', spec: required([{ key: 'gpu', operator: 'DoesNotExist' }]), fits: true },
    { name: 'DoesNotExist, present', spec: required([{ key: 'zone', operator: 'DoesNotExist' }]), fits: false },
    { name: 'Gt', spec: required([{ key: 'cores', operator: 'Gt', values: ['4'] }]), fits: true },
    { name: 'Gt, equal is not greater', spec: required([{ key: 'cores', operator: 'Gt', values: ['8'] }]), fits: false },
    { name: 'Lt', spec: required([{ key: 'cores', operator: 'Lt', values: ['16'] }]), fits: true },
    { name: 'Lt, not an integer label', spec: required([{ key: 'zone', operator: 'Lt', values: ['16'] }]), fits: false },
    { name: 'expressions in a term are ANDed', spec: required([{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'In', values: ['hdd'] }]), fits: false },
    { name: 'terms are ORed', spec: required([{ key: 'zone', operator: 'In', values: ['z'] }], [{ key: 'disk', operator: 'Exists' }]), fits: true },
    { name: 'an empty term matches nothing', spec: required([]), fits: false },
    {
      name: 'matchFields on metadata.name',
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } } },
      fits: true,
    },
    { name: 'nodeSelector and affinity must both hold', spec: { nodeSelector: { zone: 'b' }, ...required([{ key: 'zone', operator: 'Exists' }]) }, fits: false },
  ])('$name -> fits=$fits', ({ spec, fits }) => {
    const s = plugin.filter(new CycleState(), podInfo(pod('p', spec)), nodeInfo(node('n1', { labels })));
    expect(s.code).toBe(fits ? 'Success' : 'UnschedulableAndUnresolvable');
    if (!fits) expect(s.reasons).toEqual([ERR_REASON_AFFINITY]);
  });
});

describe('NodeAffinity score', () => {
  const plugin = new NodeAffinity();
  const pref = (weight: number, key: string, value: string): PreferredSchedulingTerm => ({ weight, preference: { matchExpressions: [{ key, operator: 'In', values: [value] }] } });
  it.each([
    { name: 'weights of matching terms add up, best scaled to 100', terms: [pref(2, 'zone', 'a'), pref(6, 'disk', 'ssd')], want: [100, 25, 0] },
    { name: 'no preferences: all zero', terms: [], want: [0, 0, 0] },
  ])('$name', ({ terms, want }) => {
    const nodes = [node('n0', { labels: { zone: 'a', disk: 'ssd' } }), node('n1', { labels: { zone: 'a' } }), node('n2', { labels: { zone: 'b' } })];
    const state = new CycleState();
    const p = podInfo(pod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } } }));
    const scores: NodeScore[] = nodes.map((n) => ({ name: n.metadata.name!, score: plugin.score(state, p, nodeInfo(n)) }));
    plugin.normalizeScore(state, p, scores);
    expect(scores.map((s) => s.score)).toEqual(want);
  });
});
