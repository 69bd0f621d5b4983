import { node, nodeInfo, pod, podInfo } from '../testing/fixtures';
import { defaultSelection, Framework, UnknownPluginError } from './framework';
import { CycleState } from './types';

describe('Framework', () => {
  it('stops at the first filter that says no, and names it', () => {
    const fw = new Framework();
    const info = nodeInfo(node('n1', { unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }] }));
    const s = fw.startCycle(new CycleState(), podInfo(pod('p'))).runFilters(info);
    // NodeUnschedulable runs before TaintToleration, so only its reason is reported.
    expect(s.plugin).toBe('NodeUnschedulable');
    expect(s.reasons).toEqual(['node(s) were unschedulable']);
  });

  it('runs filters in registry order whatever order the selection lists them', () => {
    const fw = new Framework({ filters: ['NodeResourcesFit', 'NodeUnschedulable'], scores: [] });
    expect(fw.filters.map((f) => f.name)).toEqual(['NodeUnschedulable', 'NodeResourcesFit']);
  });

  it('a filter disabled in the selection does not run', () => {
    const selection = defaultSelection();
    const fw = new Framework({ ...selection, filters: selection.filters.filter((f) => f !== 'NodeUnschedulable') });
    const s = fw.startCycle(new CycleState(), podInfo(pod('p'))).runFilters(nodeInfo(node('n1', { unschedulable: true })));
    expect(s.isSuccess()).toBe(true);
  });

  it('applies weights: free resources win at affinity weight 1, the preferred zone at weight 10', () => {
    const preferring = pod('p', {
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }] } },
    });
    const busyA = nodeInfo(node('a', { labels: { zone: 'a' } }), [pod('x', { containers: [{ name: 'c', resources: { requests: { cpu: '3', memory: '6Gi' } } }] })]);
    const emptyB = nodeInfo(node('b', { labels: { zone: 'b' } }));
    const totals = (affinityWeight: number) =>
      new Framework({ filters: [], scores: [{ name: 'NodeAffinity', weight: affinityWeight }, { name: 'NodeResourcesFit', weight: 5 }] })
        .startCycle(new CycleState(), podInfo(preferring))
        .runScores([busyA, emptyB]);
    const [lightA, lightB] = totals(1);
    expect(lightA).toBeLessThan(lightB);
    const [heavyA, heavyB] = totals(10);
    expect(heavyA).toBeGreaterThan(heavyB);
  });

  it('rejects unknown plugins and plugins at the wrong extension point', () => {
    expect(() => new Framework({ filters: ['Nope'], scores: [] })).toThrow(UnknownPluginError);
    expect(() => new Framework({ filters: [], scores: [{ name: 'NodePorts', weight: 1 }] })).toThrow(/not a score plugin/);
  });
});
