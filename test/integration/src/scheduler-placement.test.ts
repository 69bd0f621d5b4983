/**
 * The scheduler against the real apiserver on etcd: plain Node objects (no node agents), plain Pods.
 * Each test has its own namespace, its own node names and its own scheduler, and removes its pods and
 * nodes afterwards, so no test sees another's objects.
 */
import type { Node, Pod, ReplicaSet } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { startScheduler, type RunningScheduler } from '@tinykube/scheduler';
import { waitFor, type TestApiServer } from '@tinykube/testing';
import { boundNode, cleanUp, eventsFor, schedulerNode, schedulerPod, startSchedulerTestApi, type NodeShape } from './scheduler-fixtures';

describe('scheduler on the real apiserver', () => {
  let api: TestApiServer;
  let client: KubeClient;
  let sched: RunningScheduler | undefined;
  let ns: string;
  let nodeNames: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    api = await startSchedulerTestApi();
    client = new KubeClient(api.url);
  });
  afterAll(async () => {
    client?.close();
    await api?.stop();
  });

  beforeEach(async () => {
    ns = `sched-${++seq}`;
    nodeNames = [];
    await client.resource('namespaces').create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    // Short back-offs keep retries quick; everything else is the default configuration.
    sched = await startScheduler({ server: api.url, port: 0, queue: { initialBackoffMs: 100, maxBackoffMs: 500 } });
    await sched.waitForCacheSync();
  });
  afterEach(async () => {
    await sched?.stop();
    sched = undefined;
    await cleanUp(client, ns, nodeNames);
  });

  const addNode = async (suffix: string, shape: NodeShape = {}): Promise<string> => {
    const name = `${ns}-${suffix}`;
    nodeNames.push(name);
    await client.resource<Node>('nodes').create(schedulerNode(name, shape));
    return name;
  };
  const addPod = (p: Pod) => client.resource<Pod>('pods', ns).create(p);

  it('places a pod on the node that fits and records Scheduled; /metrics counts it', async () => {
    await addNode('small', { cpu: '1' });
    const big = await addNode('big', { cpu: '8' });
    await addPod(schedulerPod('needs-4', {}, {}, '4'));
    expect(await boundNode(client, ns, 'needs-4')).toBe(big);
    const scheduled = await waitFor(async () => (await eventsFor(client, ns, 'needs-4', 'Scheduled'))[0], { timeoutMs: 20_000, description: 'Scheduled event' });
    expect(scheduled).toMatchObject({ type: 'Normal', message: `Successfully assigned ${ns}/needs-4 to ${big}`, source: { component: 'default-scheduler' } });
    const pod = await client.resource<Pod>('pods', ns).get('needs-4');
    expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    // The decision travels on the Binding into a pod annotation: why `big` and not `small`.
    const decision = JSON.parse(pod.metadata.annotations?.['scheduler.tinykube.io/decision'] ?? '{}') as {
      node: string;
      feasible: number;
      filtered: Record<string, number>;
      scores: Array<{ node: string; total: number; plugins: Record<string, number> }>;
    };
    expect(decision.node).toBe(big);
    expect(decision.feasible).toBe(1);
    expect(decision.filtered).toEqual({ 'Insufficient cpu': 1 });
    expect(decision.scores[0].node).toBe(big);
    expect(Object.keys(decision.scores[0].plugins)).toEqual(expect.arrayContaining(['NodeResourcesFit', 'NodeResourcesBalancedAllocation']));

    const metrics = await (await fetch(`${sched!.url}/metrics`)).text();
    expect(metrics).toContain('scheduler_schedule_attempts_total{result="scheduled",profile="default-scheduler"} 1');
    expect(metrics).toMatch(/scheduler_e2e_scheduling_duration_seconds_count\{result="scheduled",profile="default-scheduler"\} 1/);
    expect(metrics).toContain('scheduler_pending_pods{queue="unschedulable"} 0');
    expect(await (await fetch(`${sched!.url}/healthz`)).text()).toBe('ok');
  });

  it('explains a pod that fits nowhere (Event and PodScheduled=False), then places it once a node is added', async () => {
    await addNode('ssd-small', { cpu: '1', labels: { disk: 'ssd' } });
    await addNode('hdd-1', { labels: { disk: 'hdd' } });
    await addNode('hdd-2', { labels: { disk: 'hdd' } });
    await addPod(schedulerPod('picky', { nodeSelector: { disk: 'ssd' } }, {}, '2'));
    const want = "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.";
    const failed = await waitFor(async () => (await eventsFor(client, ns, 'picky', 'FailedScheduling'))[0], { timeoutMs: 20_000, description: 'FailedScheduling event' });
    expect(failed).toMatchObject({ type: 'Warning', message: want, involvedObject: { kind: 'Pod', name: 'picky', namespace: ns } });
    const condition = await waitFor(
      async () => (await client.resource<Pod>('pods', ns).get('picky')).status?.conditions?.find((c) => c.type === 'PodScheduled'),
      { timeoutMs: 20_000, description: 'PodScheduled condition' },
    );
    expect(condition).toMatchObject({ status: 'False', reason: 'Unschedulable', message: want });
    expect((await client.resource<Pod>('pods', ns).get('picky')).spec?.nodeName).toBeUndefined();

    const roomy = await addNode('ssd-big', { cpu: '4', labels: { disk: 'ssd' } });
    expect(await boundNode(client, ns, 'picky')).toBe(roomy);
  });

  it('honours required node affinity', async () => {
    await addNode('zone-a', { labels: { zone: 'a' } });
    const b = await addNode('zone-b', { labels: { zone: 'b' } });
    await addNode('zone-c', { labels: { zone: 'c' } });
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['b', 'x'] }, { key: 'zone', operator: 'NotIn' as const, values: ['a'] }] }],
        },
      },
    };
    for (let i = 0; i < 3; i++) await addPod(schedulerPod(`aff-${i}`, { affinity }));
    for (let i = 0; i < 3; i++) expect(await boundNode(client, ns, `aff-${i}`)).toBe(b);
  });

  it('keeps pods off tainted nodes unless they tolerate the taint', async () => {
    const plain = await addNode('plain', { labels: { pool: 'general' } });
    const gpu = await addNode('gpu', { labels: { pool: 'gpu' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    const tolerations = [{ key: 'dedicated', operator: 'Equal' as const, value: 'gpu', effect: 'NoSchedule' as const }];
    for (let i = 0; i < 3; i++) await addPod(schedulerPod(`plain-${i}`));
    await addPod(schedulerPod('gpu-tolerating', { tolerations, nodeSelector: { pool: 'gpu' } }));
    await addPod(schedulerPod('gpu-intolerant', { nodeSelector: { pool: 'gpu' } }));
    for (let i = 0; i < 3; i++) expect(await boundNode(client, ns, `plain-${i}`)).toBe(plain);
    expect(await boundNode(client, ns, 'gpu-tolerating')).toBe(gpu);
    const failed = await waitFor(async () => (await eventsFor(client, ns, 'gpu-intolerant', 'FailedScheduling'))[0], { timeoutMs: 20_000, description: 'FailedScheduling event' });
    expect(failed.message).toBe("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}.");
  });

  it('spreads the 9 pods of one ReplicaSet 3/3/3 over 3 equal nodes', async () => {
    const nodes = [await addNode('eq-1'), await addNode('eq-2'), await addNode('eq-3')];
    const rs = await client.resource<ReplicaSet>('replicasets.apps', ns).create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { replicas: 9, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } },
    });
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true };
    for (let i = 0; i < 9; i++) await addPod(schedulerPod(`web-${i}`, {}, { labels: { app: 'web' }, ownerReferences: [owner] }, '100m'));
    const counts: Record<string, number> = Object.fromEntries(nodes.map((n) => [n, 0]));
    for (let i = 0; i < 9; i++) counts[await boundNode(client, ns, `web-${i}`)]++;
    expect(Object.values(counts)).toEqual([3, 3, 3]);
  });

  it('leaves alone pods for another scheduler and pods that name their node', async () => {
    const n = await addNode('only');
    await addPod(schedulerPod('other-sched', { schedulerName: 'someone-else' }));
    await addPod(schedulerPod('pinned', { nodeName: n }));
    await addPod(schedulerPod('mine'));
    expect(await boundNode(client, ns, 'mine')).toBe(n);
    await waitFor(async () => (await eventsFor(client, ns, 'mine', 'Scheduled')).length > 0, { timeoutMs: 20_000, description: 'Scheduled event of mine' });
    expect((await client.resource<Pod>('pods', ns).get('other-sched')).spec?.nodeName).toBeUndefined();
    expect(await eventsFor(client, ns, 'other-sched', 'FailedScheduling')).toEqual([]);
    expect(await eventsFor(client, ns, 'pinned', 'Scheduled')).toEqual([]);
    expect(sched!.counts()).toEqual({ scheduled: 1, unschedulable: 0, errors: 0 });
  });
});
