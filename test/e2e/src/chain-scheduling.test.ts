/**
 * Scheduling on a real cluster: nodes of different sizes, labels and taints (the agents' registration
 * flags); pods with requests, node selectors, required and preferred node affinity and tolerations land
 * where they must and run there. A pod that fits nowhere says why (FailedScheduling Event and the
 * PodScheduled condition) and is placed once a node that fits is added: a new runtime + node agent pair
 * started beside the running cluster, which registers its Node (the scheduler hears of it by its watch).
 */
import type { Event, Node, Pod, Toleration } from '@tinykube/api';
import { waitFor } from '@tinykube/testing';
import { E2E_DEADLINE_MS, isReady, sleeperPod, startChainCluster, startExtraNode, type ChainCluster, type ExtraNode } from './chain-support';

const SMALL = 'tinykube-node-1';
const BIG = 'tinykube-node-2';
const ADDED = 'tinykube-node-3';
const TOLERATE_BATCH: Toleration[] = [{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }];
const requests = (cpu: string, memory = '64Mi') => ({ requests: { cpu, memory } });

describe('scheduling over nodes of different sizes, labels and taints', () => {
  let c: ChainCluster | undefined;
  let added: ExtraNode | undefined;

  beforeAll(async () => {
    c = await startChainCluster({
      nodes: 2,
      nodeOptions: [
        { labels: 'tier=small,disk=hdd', capacity: 'cpu=1,memory=2Gi,pods=10' },
        { labels: 'tier=big,disk=ssd', taints: 'dedicated=batch:NoSchedule', capacity: 'cpu=4,memory=8Gi,pods=20' },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await added?.stop();
    await c?.stop();
  }, 60_000);

  const pods = () => c!.client.resource<Pod>('pods', 'default');
  const boundNode = (name: string) =>
    waitFor(async () => (await pods().get(name)).spec?.nodeName || undefined, { timeoutMs: E2E_DEADLINE_MS, intervalMs: 100, description: `pod ${name} bound` });

  it('places each pod on the node its requests, selector, affinity and tolerations allow', async () => {
    const n1 = await c!.client.resource<Node>('nodes').get(SMALL);
    expect(n1.status?.allocatable).toEqual(expect.objectContaining({ cpu: '1', memory: '2Gi', pods: '10' }));

    // One at a time, so each decision sees the previous pods' requests.
    const cases: Array<{ pod: Pod; node: string }> = [
      // The only node without an untolerated taint.
      { pod: sleeperPod('plain', { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], resources: requests('500m') }] }), node: SMALL },
      // Tolerates the taint, and only the big node has an ssd.
      { pod: sleeperPod('ssd', { nodeSelector: { disk: 'ssd' }, tolerations: TOLERATE_BATCH }), node: BIG },
      {
        pod: sleeperPod('requires-big', {
          tolerations: [{ key: 'dedicated', operator: 'Exists' }],
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['big', 'huge'] }] }] } } },
        }),
        node: BIG,
      },
      // Fits both; the preference outweighs the big node's emptier resources.
      {
        pod: sleeperPod('prefers-small', {
          tolerations: [{ operator: 'Exists' }],
          affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['small'] }] } }] } },
          containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], resources: requests('100m') }],
        }),
        node: SMALL,
      },
      // 600m no longer fits beside the 500m + 100m already on the 1-cpu node, even though preferred there.
      {
        pod: sleeperPod('prefers-small-but-full', {
          tolerations: TOLERATE_BATCH,
          affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['small'] }] } }] } },
          containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], resources: requests('600m') }],
        }),
        node: BIG,
      },
    ];
    const placed: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const { pod, node } of cases) {
      await pods().create(pod);
      placed[pod.metadata.name!] = await boundNode(pod.metadata.name!);
      expected[pod.metadata.name!] = node;
    }
    expect(placed).toEqual(expected);

    // And they run there: the node agents started them.
    await waitFor(async () => (await pods().list()).items.filter(isReady).length === cases.length || undefined, {
      timeoutMs: E2E_DEADLINE_MS,
      intervalMs: 200,
      description: 'every placed pod Running and Ready',
    });
  });

  it('reports why a pod fits nowhere, and places it once a node that fits is added', async () => {
    // 2 cpus: more than the small node has, and the big node's taint is not tolerated.
    await pods().create(sleeperPod('needs-two-cpus', { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], resources: requests('2') }] }));
    const expectedWhy = '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: batch}.';
    const failed = await waitFor(
      async () => {
        const events = await c!.client.resource<Event>('events', 'default').list({ fieldSelector: 'involvedObject.name=needs-two-cpus' });
        return events.items.find((e) => e.reason === 'FailedScheduling');
      },
      { timeoutMs: E2E_DEADLINE_MS, intervalMs: 200, description: 'a FailedScheduling event' },
    );
    expect(failed.type).toBe('Warning');
    expect(failed.message).toContain(expectedWhy);
    const pending = await pods().get('needs-two-cpus');
    expect(pending.spec?.nodeName).toBeFalsy();
    expect(pending.status?.phase).toBe('Pending');
    expect(pending.status?.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' })]));
    expect(pending.status?.conditions?.find((x) => x.type === 'PodScheduled')?.message).toContain(expectedWhy);

    added = await startExtraNode(c!, ADDED, { podIpRange: '127.30.0.0/16', labels: 'tier=huge,disk=ssd', capacity: 'cpu=8,memory=16Gi,pods=20' });
    expect(await boundNode('needs-two-cpus')).toBe(ADDED);
    const running = await waitFor(async () => {
      const p = await pods().get('needs-two-cpus');
      return isReady(p) ? p : undefined;
    }, { timeoutMs: E2E_DEADLINE_MS, intervalMs: 200, description: 'needs-two-cpus Running on the added node' });
    expect(running.status?.podIP).toMatch(/^127\.30\./);
  });
});
