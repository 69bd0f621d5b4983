import type { Lease, Node, Pod } from '@tinykube/api';
import { FakeClock, indexByNodeName, NODE_NAME_INDEX, silentLogger } from '@tinykube/client';
import { FakeApi, FakeRecorder, indexerWith, node, pod } from '../../testing';
import { metaTime } from '@tinykube/api';
import { NodeMonitor } from './node-monitor';
import { TaintEviction } from './taint-eviction';
import { evictionTime, tolerates } from './taints';
import { RateLimitedQueue, zoneState } from './zones';

const START = Date.parse('2024-01-01T00:00:00Z');

function lease(name: string, renewMs: number): Lease {
  return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease' }, spec: { holderIdentity: name, renewTime: new Date(renewMs).toISOString() } };
}

function setup(nodes: Node[], pods: Pod[] = [], evictionRate = 1) {
  const api = new FakeApi([...nodes, ...pods]);
  const clock = new FakeClock(START);
  const recorder = new FakeRecorder();
  const nodeIdx = indexerWith(nodes);
  const leaseIdx = indexerWith(nodes.map((n) => lease(n.metadata.name!, START)));
  const podIdx = indexerWith(pods, { [NODE_NAME_INDEX]: indexByNodeName });
  const monitor = new NodeMonitor({
    api,
    nodes: nodeIdx,
    leases: leaseIdx,
    pods: podIdx,
    recorder,
    clock,
    logger: silentLogger(),
    options: { gracePeriodMs: 3000, startupGracePeriodMs: 10_000, evictionRate, secondaryEvictionRate: 0.01, largeClusterSizeThreshold: 50, unhealthyZoneThreshold: 0.55 },
  });
  /** What an informer would do with the fake server's objects: refresh the caches. */
  const sync = () => {
    for (const n of api.list<Node>('nodes')) nodeIdx.upsert(n);
    for (const p of api.list<Pod>('pods')) podIdx.upsert(p);
  };
  const renew = (name: string) => leaseIdx.upsert(lease(name, clock.now()));
  const get = (name: string) => api.object<Node>('nodes', undefined, name)!;
  return { api, clock, recorder, monitor, sync, renew, get, nodeIdx };
}

describe('node monitor', () => {
  it('marks a node whose Lease stopped Unknown, taints it, and untaints it once Ready again', async () => {
    const { api, clock, recorder, monitor, sync, renew, get } = setup([node('n1', 'True'), node('n2', 'True')], [pod('p', { node: 'n1' })]);
    await monitor.monitor();
    expect(api.writes()).toEqual([]);

    await clock.step(2000);
    renew('n1');
    renew('n2');
    await clock.step(2000);
    renew('n2');
    await monitor.monitor();
    expect(api.writes()).toEqual([]); // n1's renewal was seen just now: the grace runs from here

    await clock.step(2000);
    renew('n2');
    await monitor.monitor();
    expect(api.writes()).toEqual([]);
    await clock.step(2000);
    renew('n2');
    await monitor.monitor();
    sync();
    const ready = get('n1').status!.conditions!.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(get('n1').spec!.taints).toEqual([{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]);
    expect(api.object<Pod>('pods', 'default', 'p')!.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
    expect(recorder.events).toEqual(['Normal NodeNotReady Node n1 status is now: NodeNotReady', 'Warning NodeNotReady Node is not ready']);

    await monitor.processQueues();
    sync();
    expect(get('n1').spec!.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: metaTime(clock.now()) },
    ]);
    expect(get('n2').spec!.taints ?? []).toEqual([]);

    // The node agent is back and reports Ready.
    const back = structuredClone(get('n1'));
    back.status!.conditions = [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: metaTime(clock.now()), lastTransitionTime: metaTime(clock.now()) }];
    api.seed(back);
    sync();
    renew('n1');
    await monitor.monitor();
    expect(get('n1').spec!.taints).toEqual([]);
  });

  it('does not taint NoExecute in a small zone that is mostly down (partial disruption)', async () => {
    const nodes = ['a', 'b', 'c', 'd'].map((n) => node(n, 'True'));
    const { clock, monitor, sync, renew, get } = setup(nodes, [], 0.5);
    await monitor.monitor();
    await clock.step(4000);
    renew('d'); // one healthy node keeps the zone from being fully disrupted
    await monitor.monitor();
    sync();
    await monitor.processQueues();
    sync();
    const noExecute = () => ['a', 'b', 'c'].filter((n) => (get(n).spec!.taints ?? []).some((t) => t.effect === 'NoExecute'));
    // 3 of 4 not ready is a partial disruption of a small zone: Kubernetes stops evicting there.
    expect(noExecute()).toEqual([]);
    expect(zoneState(1, 3, 0.55)).toBe('PartialDisruption');
  });

  it('stops evicting when every zone is fully disrupted', async () => {
    const { clock, monitor, sync, get } = setup([node('a', 'True')]);
    await monitor.monitor();
    await clock.step(4000);
    await monitor.monitor();
    sync();
    await monitor.monitor();
    await monitor.processQueues();
    sync();
    expect(get('a').spec!.taints).toEqual([{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]);
  });
});

describe('zones', () => {
  it('lets nodes through at the zone rate: one at once, the next after 1/rate seconds', async () => {
    const clock = new FakeClock(START);
    const q = new RateLimitedQueue(clock, 0.5);
    q.add('a');
    q.add('b');
    expect(q.take()).toEqual(['a']);
    await clock.step(1000);
    expect(q.take()).toEqual([]);
    await clock.step(1000);
    expect(q.take()).toEqual(['b']);
    q.setRate(0);
    q.add('c');
    await clock.step(10_000);
    expect(q.take()).toEqual([]);
  });

  it.each([
    [3, 0, 'Normal'],
    [0, 2, 'FullDisruption'],
    [1, 2, 'Normal'],
    [2, 3, 'PartialDisruption'],
  ] as const)('%i ready, %i not ready: %s', (ready, notReady, state) => {
    expect(zoneState(ready, notReady, 0.55)).toBe(state);
  });
});

describe('tolerations', () => {
  const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const };
  it.each([
    [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoExecute' as const }, true],
    [{ operator: 'Exists' as const }, true],
    [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoSchedule' as const }, false],
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const }, false],
    [{ key: 'node.kubernetes.io/unreachable', value: '' }, true],
  ])('%j tolerates unreachable:NoExecute: %s', (tol, want) => {
    expect(tolerates(tol, unreachable)).toBe(want);
  });

  it('evicts at taint time + the smallest tolerationSeconds, now if untolerated, never if forever', () => {
    const p = pod('p');
    const taint = { ...unreachable, timeAdded: '2024-01-01T00:00:00Z' };
    expect(evictionTime(p, [taint], START + 5)).toBe(START + 5);
    p.spec!.tolerations = [
      { key: taint.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      { key: taint.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 },
    ];
    // A whole-second timeAdded counts from the end of its second: never early.
    expect(evictionTime(p, [taint], START)).toBe(START + 5999);
    expect(evictionTime(p, [{ ...taint, timeAdded: '2024-01-01T00:00:00.250Z' }], START)).toBe(START + 5250);
    p.spec!.tolerations = [{ key: taint.key, operator: 'Exists', effect: 'NoExecute' }];
    expect(evictionTime(p, [taint], START)).toBeUndefined();
  });
});

describe('taint eviction', () => {
  function tainted(): Node {
    const n = node('n1', 'Unknown');
    n.spec!.taints = [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2024-01-01T00:00:00Z' }];
    return n;
  }

  function setupEviction(p: Pod, nodes: Node[] = [tainted()]) {
    const api = new FakeApi([p]);
    const clock = new FakeClock(START);
    const recorder = new FakeRecorder();
    const e = new TaintEviction({ api, pods: indexerWith([p]), nodes: indexerWith(nodes), recorder, clock });
    return { api, clock, recorder, e };
  }

  it('deletes an untolerating pod at once, with a TaintManagerEviction event', async () => {
    const { api, recorder, e } = setupEviction(pod('p', { node: 'n1' }));
    expect(await e.reconcile('default/p')).toBeUndefined();
    expect(api.writes()).toEqual(['delete pods default/p']);
    expect(recorder.events).toEqual(['Normal TaintManagerEviction Marking for deletion Pod default/p']);
  });

  it('waits out tolerationSeconds, then deletes', async () => {
    const p = pod('p', { node: 'n1' });
    p.spec!.tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }];
    const { api, clock, e } = setupEviction(p);
    // The taint's timeAdded has whole seconds, so the 2 s count from the end of that second.
    expect(await e.reconcile('default/p')).toEqual({ requeueAfterMs: 2999 });
    expect(api.writes()).toEqual([]);
    await clock.step(2999);
    await e.reconcile('default/p');
    expect(api.writes()).toEqual(['delete pods default/p']);
  });

  it('force-deletes a terminating pod of an unreachable node once its grace period is over', async () => {
    const p = pod('p', { node: 'n1' });
    p.metadata.deletionTimestamp = '2024-01-01T00:00:01Z';
    const { api, clock, e } = setupEviction(p);
    expect(await e.reconcile('default/p')).toEqual({ requeueAfterMs: 1000 });
    await clock.step(1000);
    await e.reconcile('default/p');
    expect(api.actions.filter((a) => a.verb === 'delete').map((a) => a.options)).toEqual([{ gracePeriodSeconds: 0, preconditions: { uid: 'uid-p' } }]);
  });

  it('leaves pods of healthy nodes alone', async () => {
    const { api, e } = setupEviction(pod('p', { node: 'n1' }), [node('n1', 'True')]);
    await e.reconcile('default/p');
    expect(api.writes()).toEqual([]);
  });
});
