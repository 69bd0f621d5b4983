/** Apiserver behaviour that touches storage beyond CRUD: periodic compaction, write-only and admission-set fields. */
import { apiRequest, BACKENDS, startTestApiServer, waitFor, type TestApiServer } from '@tinykube/testing';
import { isCompacted } from '@tinykube/apiserver';
import type { KubeList, KubeObject } from '@tinykube/api';
import { configMap, pod } from './fixtures';

describe.each(BACKENDS)('storage behaviour on the %s backend', (backend) => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer({ backend, compactionIntervalMs: 100 });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('compacts history periodically, so old revisions answer 410 Expired', async () => {
    const created = await apiRequest<KubeObject>(api.url, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: configMap('compact-me') });
    const oldRv = created.body.metadata.resourceVersion as string;
    await apiRequest(api.url, '/api/v1/namespaces/default/configmaps/compact-me', {
      method: 'PATCH',
      body: { data: { k: 'newer' } },
      contentType: 'application/merge-patch+json',
    });
    await waitFor(
      async () => {
        try {
          await api.storage.list('/registry/configmaps/', { revision: Number(oldRv) });
          return false;
        } catch (e) {
          return isCompacted(e);
        }
      },
      { description: `revision ${oldRv} compacted`, timeoutMs: 15_000 },
    );
    const exact = await apiRequest(api.url, `/api/v1/namespaces/default/configmaps?resourceVersion=${oldRv}&resourceVersionMatch=Exact`);
    expect(exact.status).toBe(410);
    expect((exact.body as { reason: string }).reason).toBe('Expired');
    const current = await apiRequest<KubeList>(api.url, '/api/v1/namespaces/default/configmaps');
    expect(current.status).toBe(200);
  });

  it('lists more than gRPC\'s default 4 MiB reply in one call', async () => {
    const value = Buffer.alloc(32 * 1024, 'x');
    const writes = Array.from({ length: 160 }, (_, i) => api.storage.create(`/registry/bigs/k${String(i).padStart(3, '0')}`, value));
    await Promise.all(writes);
    const list = await api.storage.list('/registry/bigs/');
    expect(list.items).toHaveLength(160);
    expect(list.items.reduce((n, kv) => n + kv.value.byteLength, 0)).toBeGreaterThan(4 * 1024 * 1024);
  });

  it('stores Secret stringData as base64 data and never stores stringData itself', async () => {
    const res = await apiRequest<KubeObject>(api.url, '/api/v1/namespaces/default/secrets', {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1' }, data: { a: Buffer.from('x').toString('base64') }, stringData: { b: 'hello' } },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ a: 'eA==', b: 'aGVsbG8=' });
    expect(res.body.stringData).toBeUndefined();
    expect(res.body.type).toBe('Opaque');
  });

  it('gives every pod default not-ready/unreachable tolerations unless it has its own', async () => {
    const plain = await apiRequest<KubeObject>(api.url, '/api/v1/namespaces/default/pods', { method: 'POST', body: pod('tol-default') });
    expect((plain.body.spec as { tolerations: unknown[] }).tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    const own = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 };
    const body = pod('tol-own');
    const withOwn = await apiRequest<KubeObject>(api.url, '/api/v1/namespaces/default/pods', { method: 'POST', body: { ...body, spec: { ...body.spec, tolerations: [own] } } });
    const tolerations = (withOwn.body.spec as { tolerations: Array<{ key: string; tolerationSeconds: number }> }).tolerations;
    expect(tolerations.filter((t) => t.key === 'node.kubernetes.io/unreachable')).toEqual([own]);
    expect(tolerations.map((t) => t.key)).toContain('node.kubernetes.io/not-ready');
  });

  it('gives a pod the default service account and Pending status', async () => {
    const res = await apiRequest<KubeObject>(api.url, '/api/v1/namespaces/default/pods', { method: 'POST', body: { ...pod('sa'), status: { phase: 'Running' } } });
    expect(res.status).toBe(201);
    expect(res.body.spec).toMatchObject({ serviceAccountName: 'default', restartPolicy: 'Always', terminationGracePeriodSeconds: 30 });
    expect(res.body.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });
});
