/**
 * Two schedulers with leader election on one Lease (kube-system/tinykube-scheduler): only the holder
 * binds. Proof: every Scheduled event names the leader as reportingInstance, the other scheduler's own
 * counters show no attempt at all, and when the leader stops, the other takes the Lease and binds.
 */
import type { Lease, Node, Pod } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { startScheduler, type RunningScheduler } from '@tinykube/scheduler';
import { waitFor, type TestApiServer } from '@tinykube/testing';
import { boundNode, cleanUp, eventsFor, schedulerNode, schedulerPod, startSchedulerTestApi } from './scheduler-fixtures';

const NS = 'leader-test';
const NODES = ['le-n1', 'le-n2'];

describe('two schedulers with leader election', () => {
  let api: TestApiServer;
  let client: KubeClient;
  const running: RunningScheduler[] = [];

  beforeAll(async () => {
    api = await startSchedulerTestApi();
    client = new KubeClient(api.url);
    await client.resource('namespaces').create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    for (const n of NODES) await client.resource<Node>('nodes').create(schedulerNode(n));
  });
  afterAll(async () => {
    for (const s of running) await s.stop();
    if (client) await cleanUp(client, NS, NODES).catch(() => undefined);
    client?.close();
    await api?.stop();
  });

  const start = async (identity: string) => {
    const s = await startScheduler({
      server: api.url,
      leaderElection: { enabled: true, identity, leaseDurationMs: 3000, renewDeadlineMs: 2000, retryPeriodMs: 250 },
    });
    running.push(s);
    return s;
  };
  const holder = async () => (await client.resource<Lease>('leases.coordination.k8s.io', 'kube-system').get('tinykube-scheduler')).spec?.holderIdentity;

  it('only the leader binds; the other takes over when it stops', async () => {
    const a = await start('sched-a');
    await waitFor(async () => (await holder()) === 'sched-a', { timeoutMs: 20_000, description: 'sched-a to hold the lease' });
    const b = await start('sched-b');
    await b.waitForCacheSync();

    const names = Array.from({ length: 6 }, (_, i) => `led-${i}`);
    for (const n of names) await client.resource<Pod>('pods', NS).create(schedulerPod(n));
    for (const n of names) expect(NODES).toContain(await boundNode(client, NS, n));
    for (const n of names) {
      const ev = await waitFor(async () => (await eventsFor(client, NS, n, 'Scheduled'))[0], { timeoutMs: 20_000, description: `Scheduled event of ${n}` });
      expect(ev.reportingInstance).toBe('sched-a');
      expect(ev.source?.host).toBe('sched-a');
    }
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(false);
    expect(a.counts().scheduled).toBe(names.length);
    expect(b.counts()).toEqual({ scheduled: 0, unschedulable: 0, errors: 0 });

    await a.stop(); // releases the Lease, so sched-b need not wait for it to expire
    await waitFor(async () => (await holder()) === 'sched-b', { timeoutMs: 20_000, description: 'sched-b to take the lease' });
    await client.resource<Pod>('pods', NS).create(schedulerPod('after-failover'));
    expect(NODES).toContain(await boundNode(client, NS, 'after-failover'));
    const ev = await waitFor(async () => (await eventsFor(client, NS, 'after-failover', 'Scheduled'))[0], { timeoutMs: 20_000, description: 'Scheduled event after failover' });
    expect(ev.reportingInstance).toBe('sched-b');
    expect(b.counts().scheduled).toBe(1);
  });
});
