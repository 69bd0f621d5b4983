/**
 * Rescheduling on a real cluster with lab timings (Leases every 2 s, NotReady after 10 s, pods tolerate an
 * unreachable node for 5 s): a node agent SIGKILLed mid-flight loses its pods to the other nodes and the
 * Deployment is whole again; the agent restarted, the node is Ready, untainted, clears the orphaned pods
 * of its runtime and takes new pods. Then `kubectl-lite drain` moves a node's pods away and cordons it,
 * and `uncordon` gives it back.
 */
import type { Deployment, Node, Pod } from '@tinykube/api';
import { CriClient } from '@tinykube/runtime';
import { waitFor } from '@tinykube/testing';
import { join } from 'node:path';
import { countBy, E2E_DEADLINE_MS, isReady, livePods, nodeIsReady, sleeperDeployment, sleeperPod, startChainCluster, type ChainCluster } from './chain-support';

const REPLICAS = 6;
/** Kill -> NotReady (grace 10 s + monitor period 5 s + a lease interval) -> eviction after 5 s -> replacement. */
const EVICTION_DEADLINE_MS = 90_000;

describe('rescheduling when a node goes away, and drain', () => {
  let c: ChainCluster | undefined;
  beforeAll(async () => {
    c = await startChainCluster({ nodes: 3, nodeMonitorGracePeriod: '10s', tolerationSeconds: 5, nodeLeaseRenew: '2s' });
  }, 120_000);
  afterAll(async () => {
    await c?.stop();
  }, 60_000);

  const nodes = () => c!.client.resource<Node>('nodes');
  const deployments = () => c!.client.resource<Deployment>('deployments.apps', 'default');
  /** Every replica Ready, none on the given nodes; returns the pods. */
  const wholeAgainAvoiding = (avoid: string[], description: string) =>
    waitFor(
      async () => {
        const pods = await livePods(c!.client, 'default', 'app=spread');
        const d = await deployments().get('spread');
        const ok = pods.length === REPLICAS && pods.every((p) => isReady(p) && !avoid.includes(p.spec!.nodeName!)) && d.status?.readyReplicas === REPLICAS;
        return ok ? pods : undefined;
      },
      { timeoutMs: EVICTION_DEADLINE_MS, intervalMs: 250, description },
    );

  it('moves the pods of a killed node agent to the other nodes, and takes pods again once the agent is back', async () => {
    const { client, cluster } = c!;
    await deployments().create(sleeperDeployment('spread', REPLICAS) as Deployment);
    const before = await waitFor(
      async () => {
        const pods = await livePods(client, 'default', 'app=spread');
        return pods.length === REPLICAS && pods.every(isReady) ? pods : undefined;
      },
      { timeoutMs: E2E_DEADLINE_MS, intervalMs: 200, description: `${REPLICAS} spread pods Ready` },
    );
    // The scheduler spreads one owner's pods; whichever node has some is the victim.
    const perNode = countBy(before, (p) => p.spec!.nodeName!);
    const victim = Object.keys(perNode).sort()[0];
    const victimPods = before.filter((p) => p.spec!.nodeName === victim).map((p) => p.metadata.uid);
    expect(victimPods.length).toBeGreaterThan(0);

    process.kill(cluster.agents.get(victim)!.pid, 'SIGKILL');

    // The node lifecycle controller notices the silence and taints the node...
    const unreachable = await waitFor(
      async () => {
        const n = await nodes().get(victim);
        const ready = n.status?.conditions?.find((x) => x.type === 'Ready');
        return ready?.status === 'Unknown' && n.spec?.taints?.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute') ? n : undefined;
      },
      { timeoutMs: EVICTION_DEADLINE_MS, intervalMs: 250, description: `${victim} Unknown and tainted unreachable` },
    );
    expect(unreachable.spec?.taints?.map((t) => `${t.key}:${t.effect}`).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);

    // ...its pods are evicted once their 5 s toleration runs out, and the Deployment is whole elsewhere.
    const after = await wholeAgainAvoiding([victim], `${REPLICAS} Ready pods on the nodes other than ${victim}`);
    expect(after.map((p) => p.metadata.uid)).not.toEqual(expect.arrayContaining([victimPods[0]]));
    // The evicted pods stay Terminating (their agent cannot confirm) until the taint-eviction controller
    // force-deletes them once their grace period is over.
    const pods = client.resource<Pod>('pods', 'default');
    await waitFor(async () => !(await pods.list()).items.some((p) => victimPods.includes(p.metadata.uid)) || undefined, {
      timeoutMs: E2E_DEADLINE_MS,
      intervalMs: 250,
      description: `the evicted pods of ${victim} deleted`,
    });

    // The agent comes back: Ready, the taints gone, the evicted pods' processes removed from its runtime.
    cluster.restartAgent(victim);
    await waitFor(
      async () => {
        const n = await nodes().get(victim);
        return nodeIsReady(n) && !(n.spec?.taints ?? []).some((t) => t.key.startsWith('node.kubernetes.io/')) ? n : undefined;
      },
      { timeoutMs: E2E_DEADLINE_MS, intervalMs: 250, description: `${victim} Ready and untainted again` },
    );
    const cri = new CriClient(`unix://${join(cluster.workDir, victim, 'runtime.sock')}`, { timeoutMs: 10_000 });
    try {
      await waitFor(async () => (await cri.listPodSandbox({})).items.length === 0 || undefined, {
        timeoutMs: E2E_DEADLINE_MS,
        intervalMs: 250,
        description: `the evicted pods' sandboxes removed from ${victim}'s runtime`,
      });
    } finally {
      cri.close();
    }

    // A new pod that may only run there does.
    await pods.create(sleeperPod('pinned', { nodeSelector: { 'kubernetes.io/hostname': victim } }));
    const pinned = await waitFor(async () => {
      const p = await pods.get('pinned');
      return isReady(p) ? p : undefined;
    }, { timeoutMs: E2E_DEADLINE_MS, intervalMs: 200, description: `a new pod Running on ${victim}` });
    expect(pinned.spec?.nodeName).toBe(victim);
    await pods.delete('pinned');
  }, 240_000);

  it('drains a node with kubectl-lite: its pods move away and it stays cordoned until uncordon', async () => {
    const { client, kubectl } = c!;
    const pods = await livePods(client, 'default', 'app=spread');
    const target = Object.entries(countBy(pods, (p) => p.spec!.nodeName!)).sort((a, b) => b[1] - a[1])[0][0];

    const drained = await kubectl.run('drain', target, '--timeout', '60s');
    expect(drained).toEqual(expect.objectContaining({ code: 0, stderr: '' }));
    const lines = drained.stdout.trim().split('\n');
    expect(lines[0]).toBe(`node/${target} cordoned`);
    expect(lines.slice(1, -1).sort()).toEqual(pods.filter((p) => p.spec!.nodeName === target).map((p) => `pod/${p.metadata.name} deleted`).sort());
    expect(lines[lines.length - 1]).toBe(`node/${target} drained`);

    const node = await client.resource<Node>('nodes').get(target);
    expect(node.spec?.unschedulable).toBe(true);
    const moved = await wholeAgainAvoiding([target], `${REPLICAS} Ready pods off the drained ${target}`);
    expect(moved.every((p) => p.spec?.nodeName !== target)).toBe(true);

    const uncordoned = await kubectl.run('uncordon', target);
    expect(uncordoned).toEqual({ code: 0, stdout: `node/${target} uncordoned\n`, stderr: '' });
    const back = await client.resource<Node>('nodes').get(target);
    expect(back.spec?.unschedulable).toBeFalsy();
  }, 120_000);
});
