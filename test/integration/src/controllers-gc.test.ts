/**
 * Garbage collection and namespace deletion on the real apiserver on etcd: deleting a Deployment with
 * each propagation policy leaves what Kubernetes leaves, and deleting a namespace empties and removes it.
 */
import type { ConfigMap, Deployment, KubeObject, Pod, ReplicaSet } from '@tinykube/api';
import { isNotFound } from '@tinykube/client';
import { waitFor } from '@tinykube/testing';
import { startControllersEnv, type ControllersEnv } from './controllers-env';
import { FakeKubelet } from './controllers-kubelet';

function deploymentOf(ns: string, name: string): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } },
    },
  };
}

describe('garbage collection on etcd', () => {
  let env: ControllersEnv;
  let kubelet: FakeKubelet;

  beforeAll(async () => {
    env = await startControllersEnv();
    kubelet = new FakeKubelet(env.client, { nodes: ['node-a'] });
    await kubelet.start();
    await env.startManager();
  });

  afterAll(async () => {
    await kubelet?.stop();
    await env?.stop();
  });

  const res = <T extends KubeObject>(r: string, ns: string) => env.client.resource<T>(r, ns);

  /** A Deployment of 2 whose pods run; returns its uid and its ReplicaSet. */
  async function running(ns: string, name: string): Promise<{ uid: string; rs: ReplicaSet }> {
    const d = await res<Deployment>('deployments.apps', ns).create(deploymentOf(ns, name));
    await waitFor(async () => (await res<Deployment>('deployments.apps', ns).get(name)).status?.availableReplicas === 2, { timeoutMs: 30_000, description: `${name} available` });
    const rs = (await res<ReplicaSet>('replicasets.apps', ns).list()).items.find((r) => r.metadata.ownerReferences?.[0]?.uid === d.metadata.uid)!;
    return { uid: d.metadata.uid!, rs };
  }

  async function gone(r: string, ns: string, name: string): Promise<boolean> {
    try {
      await res(r, ns).get(name);
      return false;
    } catch (err) {
      if (isNotFound(err)) return true;
      throw err;
    }
  }

  /**
   * Waits until the collector has acted on something it only saw after `since`: a ConfigMap owned by
   * a uid that never existed is deleted. Afterwards, whatever the collector was going to do about
   * earlier events is done, so "it did not delete X" can be checked without sleeping.
   */
  async function collectorCaughtUp(ns: string): Promise<void> {
    const name = `barrier-${Date.now()}`;
    await res<ConfigMap>('configmaps', ns).create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: ns, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'nobody', uid: '00000000-0000-0000-0000-000000000000' }] },
    });
    await waitFor(() => gone('configmaps', ns, name), { timeoutMs: 30_000, description: 'the barrier ConfigMap to be collected' });
  }

  it('Background: the Deployment goes at once, its ReplicaSet and pods follow', async () => {
    const ns = await env.namespace('gc-background');
    const { rs } = await running(ns, 'bg');
    await res('deployments.apps', ns).delete('bg', { propagationPolicy: 'Background' });
    expect(await gone('deployments.apps', ns, 'bg')).toBe(true);
    await waitFor(() => gone('replicasets.apps', ns, rs.metadata.name!), { timeoutMs: 30_000, description: 'the ReplicaSet to be collected' });
    await waitFor(async () => (await res<Pod>('pods', ns).list()).items.length === 0, { timeoutMs: 30_000, description: 'the pods to be collected' });
  });

  it('Foreground: dependents are deleted first, the Deployment last', async () => {
    const ns = await env.namespace('gc-foreground');
    const { rs } = await running(ns, 'fg');
    const order: string[] = [];
    const streams = await Promise.all(['deployments.apps', 'replicasets.apps', 'pods'].map((r) => res(r, ns).watch({ resourceVersion: '0' })));
    const loops = streams.map(async (s, i) => {
      for await (const ev of s) if (ev.type === 'DELETED') order.push(`${['deployment', 'replicaset', 'pod'][i]}/${ev.object.metadata.name}`);
    });
    try {
      const answer = (await res<Deployment>('deployments.apps', ns).delete('fg', { propagationPolicy: 'Foreground' })) as Deployment;
      expect(answer.metadata.finalizers).toContain('foregroundDeletion');
      expect(answer.metadata.deletionTimestamp).toBeDefined();
      await waitFor(() => order.includes('deployment/fg'), { timeoutMs: 30_000, description: 'the Deployment to be deleted' });
    } finally {
      streams.forEach((s) => s.stop());
      await Promise.all(loops.map((l) => l.catch(() => undefined)));
    }
    expect(order.at(-1)).toBe('deployment/fg');
    expect(order.filter((o) => o.startsWith('pod/'))).toHaveLength(2);
    expect(order.indexOf(`replicaset/${rs.metadata.name}`)).toBeGreaterThan(Math.max(...order.map((o, i) => (o.startsWith('pod/') ? i : -1))));
  });

  it('Orphan: the ReplicaSet and pods remain, no longer owned by the Deployment', async () => {
    const ns = await env.namespace('gc-orphan');
    const { uid, rs } = await running(ns, 'orph');
    await res('deployments.apps', ns).delete('orph', { propagationPolicy: 'Orphan' });
    await waitFor(() => gone('deployments.apps', ns, 'orph'), { timeoutMs: 30_000, description: 'the Deployment to be deleted' });
    await collectorCaughtUp(ns);
    const left = await res<ReplicaSet>('replicasets.apps', ns).get(rs.metadata.name!);
    expect(left.metadata.ownerReferences ?? []).toEqual([]);
    const pods = (await res<Pod>('pods', ns).list()).items.filter((p) => !p.metadata.deletionTimestamp);
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata.ownerReferences?.[0].uid === left.metadata.uid)).toBe(true);
    expect(JSON.stringify(pods)).not.toContain(uid);
  });

  it('deleting a namespace deletes everything in it, then the namespace', async () => {
    const ns = await env.namespace('doomed');
    await running(ns, 'app');
    await res<ConfigMap>('configmaps', ns).create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: ns }, data: { a: '1' } });
    await env.client.resource('namespaces').delete(ns);
    await waitFor(() => gone('namespaces', '', ns), { timeoutMs: 45_000, description: 'the namespace to be removed' });
    for (const r of ['deployments.apps', 'replicasets.apps', 'pods', 'configmaps']) expect((await res(r, ns).list()).items).toEqual([]);
  });
});
