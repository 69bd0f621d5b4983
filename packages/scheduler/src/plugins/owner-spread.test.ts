import type { Pod } from '@tinykube/api';
import { CycleState, type NodeScore } from '../framework/types';
import { node, nodeInfo, pod, podInfo } from '../testing/fixtures';
import { OwnerSpread } from './owner-spread';

const owned = (name: string, uid: string, controller = true): Pod =>
  pod(name, {}, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${uid}`, uid, controller }] });

describe('OwnerSpread score', () => {
  const plugin = new OwnerSpread();
  it.each([
    { name: 'fewer pods of the same owner is better', existing: [['a', 'a'], ['a'], []], incoming: owned('p', 'a'), want: [0, 50, 100] },
    { name: 'other owners do not count', existing: [['b', 'b'], ['a'], []], incoming: owned('p', 'a'), want: [100, 0, 100] },
    { name: 'a pod without a controller scores the same everywhere', existing: [['a'], [], []], incoming: pod('p'), want: [100, 100, 100] },
  ])('$name', ({ existing, incoming, want }) => {
    const infos = existing.map((owners, i) => nodeInfo(node(`n${i}`), owners.map((uid, j) => owned(`e${i}-${j}`, uid))));
    const state = new CycleState();
    const p = podInfo(incoming);
    const scores: NodeScore[] = infos.map((n) => ({ name: n.name, score: plugin.score(state, p, n) }));
    plugin.normalizeScore(state, p, scores);
    expect(scores.map((s) => s.score)).toEqual(want);
  });

  it('ignores ownerReferences that are not the controller', () => {
    const info = nodeInfo(node('n1'), [owned('e', 'a', false)]);
    expect(plugin.score(new CycleState(), podInfo(owned('p', 'a')), info)).toBe(0);
  });
});
