import { container, node, pod } from '../testing/fixtures';
import { SchedulerCache } from './cache';
import { makePodInfo, withNodeName } from './node-info';
import { Snapshot } from './snapshot';

const sized = (name: string, cpu: string, nodeName?: string) => pod(name, { nodeName, containers: [container('c', { cpu })] });

describe('SchedulerCache', () => {
  it('counts bound pods on their node and frees them on removal', () => {
    const cache = new SchedulerCache();
    const snap = new Snapshot();
    cache.addNode(node('n1'));
    cache.addPod(sized('a', '1', 'n1'));
    cache.addPod(sized('b', '500m', 'n1'));
    cache.updateSnapshot(snap);
    expect(snap.get('n1')!.reqMilliCpu).toBe(1500);
    cache.removePod(sized('a', '1', 'n1'));
    cache.updateSnapshot(snap);
    expect(snap.get('n1')!.reqMilliCpu).toBe(500);
    expect(snap.get('n1')!.pods.size).toBe(1);
  });

  it('an assumed pod counts at once, is confirmed by the informer, and a failed binding forgets it', () => {
    const cache = new SchedulerCache();
    const snap = new Snapshot();
    cache.addNode(node('n1'));
    const info = makePodInfo(sized('p', '2'));
    cache.assumePod(withNodeName(info, 'n1'), 'n1');
    cache.updateSnapshot(snap);
    expect(snap.get('n1')!.reqMilliCpu).toBe(2000);
    expect(cache.isAssumed('default/p')).toBe(true);

    cache.forgetPod('default/p');
    cache.updateSnapshot(snap);
    expect(snap.get('n1')!.reqMilliCpu).toBe(0);

    cache.assumePod(withNodeName(info, 'n1'), 'n1');
    cache.addPod(sized('p', '2', 'n1')); // the informer saw the binding
    expect(cache.isAssumed('default/p')).toBe(false);
    cache.forgetPod('default/p'); // a late failure report must not remove a confirmed pod
    cache.updateSnapshot(snap);
    expect(snap.get('n1')!.reqMilliCpu).toBe(2000);
  });

  it('a snapshot copy does not change when the cache moves on', () => {
    const cache = new SchedulerCache();
    const snap = new Snapshot();
    cache.addNode(node('n1'));
    cache.updateSnapshot(snap);
    const seen = snap.get('n1')!;
    cache.addPod(sized('a', '1', 'n1'));
    expect(seen.reqMilliCpu).toBe(0);
    cache.updateSnapshot(snap);
    expect(snap.get('n1')!.reqMilliCpu).toBe(1000);
    expect(snap.nodes()[0]).toBe(snap.get('n1'));
  });

  it('lists nodes in a stable order and drops removed ones', () => {
    const cache = new SchedulerCache();
    const snap = new Snapshot();
    for (const n of ['a', 'b', 'c']) cache.addNode(node(n));
    cache.updateSnapshot(snap);
    expect(snap.nodes().map((n) => n.name)).toEqual(['a', 'b', 'c']);
    cache.removeNode('b');
    cache.updateSnapshot(snap);
    expect(snap.nodes().map((n) => n.name)).toEqual(['a', 'c']);
  });

  it('keeps pods bound to a node that is not (yet) known, without listing that node', () => {
    const cache = new SchedulerCache();
    const snap = new Snapshot();
    cache.addPod(sized('early', '1', 'late-node'));
    cache.updateSnapshot(snap);
    expect(snap.nodes()).toHaveLength(0);
    cache.addNode(node('late-node'));
    cache.updateSnapshot(snap);
    expect(snap.nodes().map((n) => [n.name, n.reqMilliCpu])).toEqual([['late-node', 1000]]);
  });
});
