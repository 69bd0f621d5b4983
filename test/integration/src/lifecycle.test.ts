/** Finalizers, graceful pod deletion, namespaces, binding, scale and ClusterIPs, on both backends. */
import { apiRequest, BACKENDS, startTestApiServer, type TestApiServer } from '@tinykube/testing';
import type { KubeList, KubeObject, Status } from '@tinykube/api';
import { configMap, deployment, pod, service } from './fixtures';

const mergePatch = 'application/merge-patch+json';

describe.each(BACKENDS)('object lifecycle on the %s backend', (backend) => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer({ backend });
  });
  afterAll(async () => {
    await api?.stop();
  });
  const req = <T = KubeObject>(path: string, init?: Parameters<typeof apiRequest>[2]) => apiRequest<T>(api.url, path, init);

  it('only marks an object with finalizers, and removes it with the last finalizer', async () => {
    const body = { ...configMap('fin'), metadata: { name: 'fin', finalizers: ['example.com/hold'] } };
    expect((await req('/api/v1/namespaces/default/configmaps', { method: 'POST', body })).status).toBe(201);
    const del = await req('/api/v1/namespaces/default/configmaps/fin', { method: 'DELETE' });
    expect(del.status).toBe(202);
    expect(del.body.metadata.deletionTimestamp).toBeDefined();
    expect((await req('/api/v1/namespaces/default/configmaps/fin')).status).toBe(200);
    const released = await req('/api/v1/namespaces/default/configmaps/fin', { method: 'PATCH', body: { metadata: { finalizers: null } }, contentType: mergePatch });
    expect(released.status).toBe(200);
    expect((await req('/api/v1/namespaces/default/configmaps/fin')).status).toBe(404);
  });

  it('adds the orphan or foregroundDeletion finalizer for those propagation policies', async () => {
    await req('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', body: deployment('orphaned') });
    const del = await req('/apis/apps/v1/namespaces/default/deployments/orphaned', { method: 'DELETE', body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' } });
    expect(del.status).toBe(202);
    expect(del.body.metadata.finalizers).toEqual(['orphan']);
    await req('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', body: deployment('fg') });
    const fg = await req('/apis/apps/v1/namespaces/default/deployments/fg?propagationPolicy=Foreground', { method: 'DELETE' });
    expect(fg.body.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  it('checks delete preconditions', async () => {
    const created = (await req('/api/v1/namespaces/default/configmaps', { method: 'POST', body: configMap('pre') })).body;
    const wrong = await req<Status>('/api/v1/namespaces/default/configmaps/pre', { method: 'DELETE', body: { preconditions: { uid: 'not-the-uid' } } });
    expect(wrong.status).toBe(409);
    const right = await req('/api/v1/namespaces/default/configmaps/pre', { method: 'DELETE', body: { preconditions: { uid: created.metadata.uid } } });
    expect(right.status).toBe(200);
  });

  it('deletes an unbound pod at once but lets a bound pod wait for its node', async () => {
    await req('/api/v1/namespaces/default/pods', { method: 'POST', body: pod('unbound') });
    expect((await req('/api/v1/namespaces/default/pods/unbound', { method: 'DELETE' })).status).toBe(200);
    expect((await req('/api/v1/namespaces/default/pods/unbound')).status).toBe(404);

    const created = await req('/api/v1/namespaces/default/pods', { method: 'POST', body: pod('bound', 'node-a') });
    expect((created.body.status as { phase: string }).phase).toBe('Pending');
    const graceful = await req('/api/v1/namespaces/default/pods/bound', { method: 'DELETE' });
    expect(graceful.status).toBe(202);
    expect(graceful.body.metadata.deletionGracePeriodSeconds).toBe(30);
    expect((await req('/api/v1/namespaces/default/pods/bound')).status).toBe(200);
    // The node agent confirms with grace 0 once its containers are gone.
    const final = await req('/api/v1/namespaces/default/pods/bound', { method: 'DELETE', body: { gracePeriodSeconds: 0 } });
    expect(final.status).toBe(200);
    expect((await req('/api/v1/namespaces/default/pods/bound')).status).toBe(404);
  });

  it('binds a pod once and refuses a second binding', async () => {
    await req('/api/v1/namespaces/default/pods', { method: 'POST', body: pod('to-bind') });
    const bind = await req('/api/v1/namespaces/default/pods/to-bind/binding', {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'to-bind' }, target: { kind: 'Node', name: 'node-1' } },
    });
    expect(bind.status).toBe(201);
    const got = await req('/api/v1/namespaces/default/pods/to-bind');
    expect((got.body.spec as { nodeName: string }).nodeName).toBe('node-1');
    const conditions = (got.body.status as { conditions: Array<{ type: string; status: string }> }).conditions;
    expect(conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'True' }));
    const again = await req<Status>('/api/v1/namespaces/default/pods/to-bind/binding', {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'to-bind' }, target: { kind: 'Node', name: 'node-2' } },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('already assigned to node "node-1"');
  });

  it('scales through the scale subresource', async () => {
    await req('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', body: deployment('scaled', 2) });
    const scale = await req<Record<string, unknown>>('/apis/apps/v1/namespaces/default/deployments/scaled/scale');
    expect(scale.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { selector: 'app=scaled' } });
    const put = await req('/apis/apps/v1/namespaces/default/deployments/scaled/scale', { method: 'PUT', body: { ...scale.body, spec: { replicas: 4 } } });
    expect(put.status).toBe(200);
    const patched = await req('/apis/apps/v1/namespaces/default/deployments/scaled/scale', { method: 'PATCH', body: { spec: { replicas: 6 } }, contentType: mergePatch });
    expect(patched.status).toBe(200);
    const dep = await req('/apis/apps/v1/namespaces/default/deployments/scaled');
    expect((dep.body.spec as { replicas: number }).replicas).toBe(6);
    const negative = await req<Status>('/apis/apps/v1/namespaces/default/deployments/scaled/scale', { method: 'PATCH', body: { spec: { replicas: -1 } }, contentType: mergePatch });
    expect(negative.status).toBe(422);
  });

  it('refuses new content in a missing or terminating namespace', async () => {
    const missing = await req<Status>('/api/v1/namespaces/nowhere/configmaps', { method: 'POST', body: configMap('x') });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('namespaces "nowhere" not found');
    await req('/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'doomed' } } });
    const del = await req('/api/v1/namespaces/doomed', { method: 'DELETE' });
    expect(del.status).toBe(202);
    expect((del.body.status as { phase: string }).phase).toBe('Terminating');
    const refused = await req<Status>('/api/v1/namespaces/doomed/configmaps', { method: 'POST', body: configMap('x') });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('because it is being terminated');
    // The namespace controller's last step: empty spec.finalizers removes it.
    const fin = await req('/api/v1/namespaces/doomed/finalize', { method: 'PUT', body: { ...del.body, spec: { finalizers: [] } } });
    expect(fin.status).toBe(200);
    expect((await req('/api/v1/namespaces/doomed')).status).toBe(404);
  });

  it('refuses to delete the system namespaces', async () => {
    const res = await req<Status>('/api/v1/namespaces/kube-system', { method: 'DELETE' });
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('Forbidden');
  });

  it('gives Services distinct ClusterIPs from the range and releases them on delete', async () => {
    const kube = await req('/api/v1/namespaces/default/services/kubernetes');
    expect((kube.body.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.1');
    const ips = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await req('/api/v1/namespaces/default/services', { method: 'POST', body: service(`svc-${i}`) });
      expect(res.status).toBe(201);
      const ip = (res.body.spec as { clusterIP: string }).clusterIP;
      expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
      ips.add(ip);
    }
    expect(ips.size).toBe(5);
    const taken = [...ips][0];
    const clash = await req<Status>('/api/v1/namespaces/default/services', { method: 'POST', body: service('clash', taken) });
    expect(clash.status).toBe(422);
    expect(clash.body.message).toContain('provided IP is already allocated');
    const outside = await req<Status>('/api/v1/namespaces/default/services', { method: 'POST', body: service('outside', '192.168.0.10') });
    expect(outside.status).toBe(422);
    expect((await req('/api/v1/namespaces/default/services/svc-0', { method: 'DELETE' })).status).toBe(200);
    const reuse = await req('/api/v1/namespaces/default/services', { method: 'POST', body: service('reuse', taken) });
    expect(reuse.status).toBe(201);
    const list = await req<KubeList>('/api/v1/namespaces/default/services');
    expect(list.body.items.length).toBe(6); // kubernetes + svc-1..4 + reuse
  });
});

describe('ClusterIPs across an apiserver restart on etcd', () => {
  it('never hands out an address a Service from before the restart holds', async () => {
    const first = await startTestApiServer({ backend: 'etcd' });
    const etcd = first.etcd!;
    let second: TestApiServer | undefined;
    try {
      const created = await apiRequest<KubeObject>(first.url, '/api/v1/namespaces/default/services', { method: 'POST', body: service('keep') });
      const ip = (created.body.spec as { clusterIP: string }).clusterIP;
      await first.server.close();
      second = await startTestApiServer({ backend: 'etcd', etcd });
      const clash = await apiRequest<Status>(second.url, '/api/v1/namespaces/default/services', { method: 'POST', body: service('clash', ip) });
      expect(clash.status).toBe(422);
      const kept = await apiRequest<KubeObject>(second.url, '/api/v1/namespaces/default/services/keep');
      expect((kept.body.spec as { clusterIP: string }).clusterIP).toBe(ip);
    } finally {
      await second?.stop();
      await first.stop();
    }
  });
});
