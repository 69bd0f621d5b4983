/**
 * The whole chain on etcd, every component its own process: `kubectl-lite apply` of a Deployment and a
 * Service; the deployment controller makes a ReplicaSet, the ReplicaSet controller the pods, the scheduler
 * binds them, the node agents run them on the process runtime and report them Ready, the endpoints
 * controller puts their IPs in the Service's Endpoints, each answers HTTP, and the Events tell the story
 * in order (by their microsecond eventTime).
 */
import type { Endpoints, Event } from '@tinykube/api';
import { waitFor } from '@tinykube/testing';
import { join } from 'node:path';
import { E2E_DEADLINE_MS, FIXTURES, startChainCluster, waitForReadyPods, type ChainCluster } from './chain-support';

const REPLICAS = 2;

/** Microseconds since the epoch from an RFC 3339 MicroTime ("2026-11-22T02:45:18.123456Z"). */
function micros(eventTime: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z$/.exec(eventTime);
  if (!m) throw new Error(`not a MicroTime: ${eventTime}`);
  return Date.parse(`${m[1]}Z`) * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

describe('the event chain of a Deployment and a Service', () => {
  let c: ChainCluster | undefined;

  beforeAll(async () => {
    c = await startChainCluster({ nodes: 2 });
  }, 120_000);
  afterAll(async () => {
    await c?.stop();
  }, 60_000);

  it('runs every pod Ready in the endpoints, answering HTTP, with each step in the Events in order', async () => {
    const { client, kubectl } = c!;
    const applied = await kubectl.run('apply', '-f', join(FIXTURES, 'web.yaml'));
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('deployment.apps/web created');
    expect(applied.stdout).toContain('service/web created');

    const pods = await waitForReadyPods(client, 'default', 'app=web', REPLICAS, `${REPLICAS} web pods Running and Ready`);
    for (const p of pods) {
      expect(p.spec?.nodeName).toMatch(/^tinykube-node-\d$/);
      expect(p.status?.podIP).toMatch(/^127\.\d+\.\d+\.\d+$/);
    }
    const podIPs = pods.map((p) => p.status!.podIP!).sort();

    // The endpoints controller lists exactly the ready pods' IPs, with the Service's target port.
    const endpoints = await waitFor(
      async () => {
        const ep = await client.resource<Endpoints>('endpoints', 'default').get('web');
        const ips = (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
        return JSON.stringify(ips) === JSON.stringify(podIPs) ? ep : undefined;
      },
      { timeoutMs: E2E_DEADLINE_MS, intervalMs: 200, description: 'the pod IPs in endpoints/web' },
    );
    expect(endpoints.subsets?.[0].ports).toEqual([expect.objectContaining({ name: 'http', port: 8080 })]);
    for (const address of endpoints.subsets![0].addresses!) {
      expect(address.targetRef).toEqual(expect.objectContaining({ kind: 'Pod', namespace: 'default' }));
      const body = await (await fetch(`http://${address.ip}:8080/`)).text();
      expect(body).toBe(`v1 ${address.targetRef!.name}\n`);
    }

    // The Events, each chain step for each pod; agents write theirs in the background, so wait for all.
    const byPod = (events: Event[], name: string, reason: string) => events.find((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === name && e.reason === reason);
    const events = await waitFor(
      async () => {
        const all = (await client.resource<Event>('events', 'default').list()).items;
        const complete = pods.every((p) => ['Scheduled', 'Pulled', 'Created', 'Started'].every((r) => byPod(all, p.metadata.name!, r)));
        return complete ? all : undefined;
      },
      { timeoutMs: E2E_DEADLINE_MS, intervalMs: 200, description: 'Scheduled, Pulled, Created and Started events of every pod' },
    );
    for (const e of events) expect(e.eventTime).toMatch(/\.\d{6}Z$/);

    const rsName = pods[0].metadata.ownerReferences?.find((r) => r.controller)?.name;
    expect(rsName).toMatch(/^web-[a-z0-9]+$/);
    const scaling = events.find((e) => e.reason === 'ScalingReplicaSet' && e.involvedObject.kind === 'Deployment' && e.involvedObject.name === 'web');
    expect(scaling?.message).toBe(`Scaled up replica set ${rsName} from 0 to ${REPLICAS}`);

    for (const p of pods) {
      const name = p.metadata.name!;
      const created = events.find((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.kind === 'ReplicaSet' && e.involvedObject.name === rsName && e.message === `Created pod: ${name}`);
      const scheduled = byPod(events, name, 'Scheduled')!;
      expect(scheduled.message).toBe(`Successfully assigned default/${name} to ${p.spec!.nodeName}`);
      expect(scheduled.source?.component ?? scheduled.reportingComponent).toContain('scheduler');
      const started = byPod(events, name, 'Started')!;
      expect(started.source?.host).toBe(p.spec!.nodeName);
      const chain: Array<[string, Event | undefined]> = [
        ['ScalingReplicaSet', scaling],
        ['SuccessfulCreate', created],
        ['Scheduled', scheduled],
        ['Pulled', byPod(events, name, 'Pulled')],
        ['Created', byPod(events, name, 'Created')],
        ['Started', started],
      ];
      // Each step exists and none happened before the one it depends on (ties are possible within a
      // millisecond inside one process: the recorder's clock has millisecond resolution).
      const times = chain.map(([reason, e]) => {
        expect({ pod: name, reason, found: e !== undefined }).toEqual({ pod: name, reason, found: true });
        return micros(e!.eventTime!);
      });
      const order = chain.map(([reason], i) => ({ reason, at: times[i] })).sort((a, b) => a.at - b.at);
      expect({ pod: name, order: order.map((o) => o.reason) }).toEqual({ pod: name, order: chain.map(([reason]) => reason) });
    }
  });
});
