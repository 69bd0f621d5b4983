import type { Node, Pod } from '@tinykube/api';
import { SchedulerCache } from '../cache/cache';
import { makePodInfo, withNodeName } from '../cache/node-info';
import { Snapshot } from '../cache/snapshot';
import { container, node, pod } from '../testing/fixtures';
import { NO_NODES_AVAILABLE, numFeasibleNodesToFind, SchedulingAlgorithm } from './algorithm';
import { Framework } from './framework';

function cluster(nodes: Node[]): { cache: SchedulerCache; snapshot: Snapshot } {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n);
  const snapshot = new Snapshot();
  cache.updateSnapshot(snapshot);
  return { cache, snapshot };
}

/** Schedules like the real loop: snapshot, decide, assume. */
function place(algo: SchedulingAlgorithm, cache: SchedulerCache, snapshot: Snapshot, p: Pod): string {
  cache.updateSnapshot(snapshot);
  const info = makePodInfo(p);
  const r = algo.schedule(info, snapshot);
  if (r.phase !== 'scheduled') throw new Error(`not scheduled: ${r.message}`);
  cache.assumePod(withNodeName(info, r.nodeName), r.nodeName);
  return r.nodeName;
}

describe('numFeasibleNodesToFind', () => {
  it.each([
    { pct: 0, nodes: 50, want: 50 },
    { pct: 0, nodes: 99, want: 99 },
    { pct: 0, nodes: 100, want: 100 },
    { pct: 0, nodes: 1000, want: 420 },
    { pct: 0, nodes: 5000, want: 500 },
    { pct: 0, nodes: 6000, want: 300 },
    { pct: 0, nodes: 10000, want: 500 },
    { pct: 0, nodes: 20000, want: 1000 },
    { pct: 10, nodes: 500, want: 100 },
    { pct: 30, nodes: 1000, want: 300 },
    { pct: 100, nodes: 5000, want: 5000 },
  ])('$pct% of $nodes nodes -> $want', ({ pct, nodes, want }) => {
    expect(numFeasibleNodesToFind(pct, nodes)).toBe(want);
  });
});

describe('SchedulingAlgorithm', () => {
  it('puts the pod on the only node it fits, and explains when it fits none', () => {
    const { cache, snapshot } = cluster([node('small', { cpu: '1' }), node('big', { cpu: '8' }), node('tainted', { cpu: '8', taints: [{ key: 'k', effect: 'NoSchedule' }] })]);
    const algo = new SchedulingAlgorithm(new Framework(), { percentageOfNodesToScore: 0 });
    const needs = (cpu: string) => pod(`p${cpu}`, { containers: [container('c', { cpu })] });
    expect(place(algo, cache, snapshot, needs('4'))).toBe('big');
    cache.updateSnapshot(snapshot);
    const r = algo.schedule(makePodInfo(needs('6')), snapshot);
    expect(r).toMatchObject({ phase: 'unschedulable', message: '0/3 nodes are available: 1 node(s) had untolerated taint {k: }, 2 Insufficient cpu.' });
  });

  it('says so when there are no nodes at all', () => {
    const { snapshot } = cluster([]);
    expect(new SchedulingAlgorithm(new Framework(), { percentageOfNodesToScore: 0 }).schedule(makePodInfo(pod('p')), snapshot)).toEqual({ phase: 'unschedulable', message: NO_NODES_AVAILABLE });
  });

  it('spreads the pods of one ReplicaSet evenly over equal nodes', () => {
    const { cache, snapshot } = cluster([node('a'), node('b'), node('c')]);
    const algo = new SchedulingAlgorithm(new Framework(), { percentageOfNodesToScore: 0 });
    const counts: Record<string, number> = {};
    for (let i = 0; i < 9; i++) {
      const p = pod(`web-${i}`, {}, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-1', controller: true }] });
      const n = place(algo, cache, snapshot, p);
      counts[n] = (counts[n] ?? 0) + 1;
    }
    expect(counts).toEqual({ a: 3, b: 3, c: 3 });
  });

  it('breaks ties at random', () => {
    const chosen = new Set<string>();
    for (const r of [0, 0.5, 0.99]) {
      const { snapshot } = cluster([node('a'), node('b'), node('c')]);
      const algo = new SchedulingAlgorithm(new Framework(), { percentageOfNodesToScore: 0, random: () => r });
      const res = algo.schedule(makePodInfo(pod('p')), snapshot);
      if (res.phase === 'scheduled') chosen.add(res.nodeName);
    }
    expect(chosen.size).toBeGreaterThan(1);
  });

  it('looks at only as many nodes as percentageOfNodesToScore asks, starting where the last cycle stopped', () => {
    const nodes = Array.from({ length: 400 }, (_, i) => node(`n${String(i).padStart(3, '0')}`));
    const { snapshot } = cluster(nodes);
    const algo = new SchedulingAlgorithm(new Framework(), { percentageOfNodesToScore: 30 });
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const r = algo.schedule(makePodInfo(pod(`p${i}`)), snapshot);
      if (r.phase !== 'scheduled') throw new Error(r.message);
      // 30% of 400 is 120 (above the floor of 100).
      expect(r.evaluatedNodes).toBe(120);
      expect(r.feasibleNodes).toBe(120);
      seen.add(r.nodeName);
    }
    // Four windows of 120 cover nodes 0-359 and wrap around: every cycle chose inside its own window.
    expect(seen.size).toBe(4);
  });

  it('keeps filtering past the window while nodes do not fit, and reports every node when none does', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => node(`n${i}`, { cpu: i === 199 ? '16' : '1' }));
    const { snapshot } = cluster(nodes);
    const algo = new SchedulingAlgorithm(new Framework(), { percentageOfNodesToScore: 10 });
    const r = algo.schedule(makePodInfo(pod('p', { containers: [container('c', { cpu: '8' })] })), snapshot);
    expect(r).toMatchObject({ phase: 'scheduled', nodeName: 'n199', evaluatedNodes: 200 });
  });
});
