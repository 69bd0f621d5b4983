/**
 * Node lifecycle on the real apiserver on etcd: a node whose Lease stops being renewed goes Ready=Unknown
 * and is tainted unreachable; its pods are evicted after their tolerationSeconds and replaced on the
 * other node (the evicted pod, which no node agent will ever confirm, is force-deleted after its
 * grace period); when the node comes back its taints are removed.
 */
import type { Deployment, KubeObject, Node, Pod } from '@tinykube/api';
import { waitFor } from '@tinykube/testing';
import { startControllersEnv, type ControllersEnv } from './controllers-env';
import { FakeKubelet } from './controllers-kubelet';

describe('node lifecycle on etcd', () => {
  let env: ControllersEnv;
  let kubelet: FakeKubelet;

  beforeAll(async () => {
    env = await startControllersEnv();
    kubelet = new FakeKubelet(env.client, { nodes: ['node-a', 'node-b'], leaseRenewMs: 300 });
    await kubelet.start();
    await env.startManager({ nodeMonitorGracePeriodMs: 3000, nodeMonitorPeriodMs: 500 });
  });

  afterAll(async () => {
    await kubelet?.stop();
    await env?.stop();
  });

  it('taints a node whose Lease stops, replaces its pods elsewhere, and untaints it when it is back', async () => {
    const ns = await env.namespace('nodes');
    // The tolerations admission will default (--default-unreachable-toleration-seconds), given here
    // explicitly and short, since this apiserver does not add them yet.
    const tolerations = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({ key, operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 1 }));
    await env.client.resource<Deployment>('deployments.apps', ns).create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { terminationGracePeriodSeconds: 1, tolerations, containers: [{ name: 'c', image: 'nginx:1' }] } },
      },
    });
    const pods = () => env.client.resource<Pod>('pods', ns).list().then((l) => l.items);
    const running = await waitFor(
      async () => {
        const items = (await pods()).filter((p) => p.status?.phase === 'Running');
        return items.length === 2 ? items : undefined;
      },
      { timeoutMs: 30_000, description: 'two running pods' },
    );
    const onA = running.filter((p) => p.spec?.nodeName === 'node-a').map((p) => p.metadata.name);
    expect(onA).toHaveLength(1);

    kubelet.stopNode('node-a');
    const nodes = env.client.resource<Node>('nodes');
    const tainted = await waitFor(
      async () => {
        const n = await nodes.get('node-a');
        return (n.spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute') ? n : undefined;
      },
      { timeoutMs: 30_000, description: 'node-a to be tainted unreachable:NoExecute' },
    );
    expect(tainted.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(tainted.spec?.taints?.map((t) => `${t.key}:${t.effect}`).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect((await nodes.get('node-b')).spec?.taints ?? []).toEqual([]);

    // The pod on node-a is evicted and, its node agent being gone, finally force-deleted; a
    // replacement runs on node-b.
    await waitFor(
      async () => {
        const items = await pods();
        const names = items.map((p) => p.metadata.name);
        const runningOnB = items.filter((p) => p.spec?.nodeName === 'node-b' && p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
        return !names.includes(onA[0]) && runningOnB.length === 2;
      },
      { timeoutMs: 45_000, description: 'the pod of node-a to be replaced on node-b' },
    );
    const events = (await env.client.resource<KubeObject>('events').list()).items as Array<KubeObject & { reason?: string; message?: string }>;
    expect(events.some((e) => e.reason === 'TaintManagerEviction' && e.message === `Marking for deletion Pod ${ns}/${onA[0]}`)).toBe(true);
    expect(events.some((e) => e.reason === 'NodeNotReady' && e.message === 'Node node-a status is now: NodeNotReady')).toBe(true);

    await kubelet.reviveNode('node-a');
    await waitFor(async () => ((await nodes.get('node-a')).spec?.taints ?? []).length === 0, { timeoutMs: 30_000, description: 'node-a to be untainted' });
  });
});
