/** Hollow nodes: many node agents in one process over FakeRuntimes, sharing one client and pod informer. */
import type { Lease, Node, Pod } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { startHollowNodes, type HollowNodes } from '@tinykube/node-agent';
import { startTestApiServer, waitFor, type TestApiServer } from '@tinykube/testing';

describe('hollow nodes', () => {
  let api: TestApiServer;
  let client: KubeClient;
  let hollow: HollowNodes | undefined;
  const COUNT = 20;

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    client = new KubeClient(api.url);
    hollow = await startHollowNodes({ count: COUNT, client, namePrefix: 'hollow-', relistMs: 500 });
  });
  afterAll(async () => {
    await hollow?.stop();
    client?.close();
    await api?.stop();
  });

  it('registers every node Ready with the hollow capacity and a Lease', async () => {
    const nodes = await client.resource<Node>('nodes').list();
    expect(nodes.items.map((n) => n.metadata.name).sort()).toEqual(Array.from({ length: COUNT }, (_, i) => `hollow-${i}`).sort());
    for (const n of nodes.items) {
      expect(n.status?.capacity).toEqual({ cpu: '4', memory: '16Gi', pods: '110' });
      expect(n.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
    const leases = await client.resource<Lease>('leases.coordination.k8s.io', 'kube-node-lease').list();
    expect(leases.items).toHaveLength(COUNT);
  });

  it('runs the pods bound to each node at once, and deletes them when asked', async () => {
    const pods = client.resource<Pod>('pods', 'default');
    for (let i = 0; i < 2 * COUNT; i++) {
      await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}` }, spec: { nodeName: `hollow-${i % COUNT}`, containers: [{ name: 'app', image: 'busybox:1.36' }] } });
    }
    await waitFor(async () => (await pods.list({ fieldSelector: 'status.phase=Running' })).items.length === 2 * COUNT, { timeoutMs: 30_000, description: 'every hollow pod Running' });
    const p7 = await pods.get('p7');
    expect(p7.status?.podIP).toMatch(/^10\.88\./);
    expect(p7.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    // hollow-7 runs p7 and p27, one container each.
    const podsOn7 = () => hollow!.runtimes.get('hollow-7')!.listContainerRecords().map((c) => c.config.labels?.['io.kubernetes.pod.name']).sort();
    expect(podsOn7()).toEqual(['p27', 'p7']);

    await pods.delete('p7');
    await waitFor(async () => !(await pods.list()).items.some((p) => p.metadata.name === 'p7'), { timeoutMs: 30_000, description: 'p7 deleted by its node' });
    expect(podsOn7()).toEqual(['p27']);
  });
});
