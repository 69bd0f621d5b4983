/** Create, read, update, delete and list of first-wave kinds, on both storage backends. */
import { apiRequest, BACKENDS, startTestApiServer, waitFor, type TestApiServer } from '@tinykube/testing';
import type { KubeList, KubeObject, Status } from '@tinykube/api';
import { configMap, deployment, node } from './fixtures';

describe.each(BACKENDS)('CRUD on the %s backend', (backend) => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer({ backend });
  });
  afterAll(async () => {
    await api?.stop();
  });
  const req = <T = KubeObject>(path: string, init?: Parameters<typeof apiRequest>[2]) => apiRequest<T>(api.url, path, init);

  it('starts with the system namespaces', async () => {
    const res = await req<KubeList>('/api/v1/namespaces');
    expect(res.status).toBe(200);
    const names = res.body.items.map((n) => n.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system', 'kube-public', 'kube-node-lease']));
    for (const ns of res.body.items) expect((ns.status as { phase: string }).phase).toBe('Active');
  });

  it('creates an object with server-set metadata and reads it back', async () => {
    const created = await req('/api/v1/namespaces/default/configmaps', { method: 'POST', body: configMap('cm-create') });
    expect(created.status).toBe(201);
    const meta = created.body.metadata;
    expect(meta.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(meta.resourceVersion)).toBeGreaterThan(0);
    expect(meta.namespace).toBe('default');
    const got = await req(`/api/v1/namespaces/default/configmaps/cm-create`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
  });

  it('answers 409 AlreadyExists for a name that is taken', async () => {
    await req('/api/v1/namespaces/default/configmaps', { method: 'POST', body: configMap('cm-dup') });
    const again = await req<Status>('/api/v1/namespaces/default/configmaps', { method: 'POST', body: configMap('cm-dup') });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', code: 409, message: 'configmaps "cm-dup" already exists' });
  });

  it('generates names from generateName', async () => {
    const body = { ...configMap(''), metadata: { generateName: 'gen-' } };
    const a = await req('/api/v1/namespaces/default/configmaps', { method: 'POST', body });
    const b = await req('/api/v1/namespaces/default/configmaps', { method: 'POST', body });
    expect(a.status).toBe(201);
    expect(a.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    expect(b.body.metadata.name).not.toBe(a.body.metadata.name);
  });

  it('updates only from the current resourceVersion', async () => {
    const created = (await req('/api/v1/namespaces/default/configmaps', { method: 'POST', body: configMap('cm-upd') })).body;
    const first = await req('/api/v1/namespaces/default/configmaps/cm-upd', { method: 'PUT', body: { ...created, data: { k: 'v2' } } });
    expect(first.status).toBe(200);
    expect(first.body.metadata.resourceVersion).not.toBe(created.metadata.resourceVersion);
    const stale = await req<Status>('/api/v1/namespaces/default/configmaps/cm-upd', { method: 'PUT', body: { ...created, data: { k: 'v3' } } });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    const now = await req('/api/v1/namespaces/default/configmaps/cm-upd');
    expect(now.body.data).toEqual({ k: 'v2' });
  });

  it('keeps uid and creationTimestamp through an update', async () => {
    const created = (await req('/api/v1/namespaces/default/configmaps', { method: 'POST', body: configMap('cm-meta') })).body;
    const tampered = { ...created, metadata: { ...created.metadata, uid: 'x', creationTimestamp: '2000-01-01T00:00:00Z' } };
    const res = await req('/api/v1/namespaces/default/configmaps/cm-meta', { method: 'PUT', body: tampered });
    expect(res.status).toBe(200);
    expect(res.body.metadata.uid).toBe(created.metadata.uid);
    expect(res.body.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
  });

  it('bumps generation on spec changes only, and status writes never touch spec', async () => {
    const path = '/apis/apps/v1/namespaces/default/deployments';
    const created = await req(path, { method: 'POST', body: deployment('gen') });
    expect(created.status).toBe(201);
    expect(created.body.metadata.generation).toBe(1);
    const labelled = await req(`${path}/gen`, { method: 'PATCH', body: { metadata: { labels: { tier: 'x' } } }, contentType: 'application/merge-patch+json' });
    expect(labelled.body.metadata.generation).toBe(1);
    const scaled = await req(`${path}/gen`, { method: 'PATCH', body: { spec: { replicas: 5 } }, contentType: 'application/merge-patch+json' });
    expect(scaled.body.metadata.generation).toBe(2);
    const status = await req(`${path}/gen/status`, {
      method: 'PUT',
      body: { ...scaled.body, spec: { ...(scaled.body.spec as object), replicas: 99 }, status: { replicas: 5, observedGeneration: 2 } },
    });
    expect(status.status).toBe(200);
    expect((status.body.spec as { replicas: number }).replicas).toBe(5);
    expect(status.body.status).toEqual({ replicas: 5, observedGeneration: 2 });
    const annotated = await req(`${path}/gen/status`, {
      method: 'PUT',
      body: { ...status.body, metadata: { ...status.body.metadata, labels: { changed: 'no' }, annotations: { 'deployment.kubernetes.io/revision': '1' } } },
    });
    expect(annotated.body.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(annotated.body.metadata.labels).toEqual(status.body.metadata.labels);
    const mainPut = await req(`${path}/gen`, { method: 'PUT', body: { ...annotated.body, status: { replicas: 0 } } });
    expect(mainPut.body.status).toEqual({ replicas: 5, observedGeneration: 2 });
  });

  it('applies defaults on create', async () => {
    const created = await req('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', body: deployment('defaults') });
    const spec = created.body.spec as { strategy: unknown; revisionHistoryLimit: number; progressDeadlineSeconds: number; template: { spec: { restartPolicy: string } } };
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(spec.template.spec.restartPolicy).toBe('Always');
  });

  it('deletes and then answers 404', async () => {
    await req('/api/v1/namespaces/default/configmaps', { method: 'POST', body: configMap('cm-del') });
    const del = await req('/api/v1/namespaces/default/configmaps/cm-del', { method: 'DELETE' });
    expect(del.status).toBe(200);
    const got = await req<Status>('/api/v1/namespaces/default/configmaps/cm-del');
    expect(got.status).toBe(404);
    expect(got.body).toMatchObject({ reason: 'NotFound', message: 'configmaps "cm-del" not found', details: { name: 'cm-del', kind: 'configmaps' } });
  });

  it('serves cluster-scoped kinds without a namespace', async () => {
    const created = await req('/api/v1/nodes', { method: 'POST', body: node('n1') });
    expect(created.status).toBe(201);
    expect(created.body.metadata.namespace).toBeUndefined();
    expect((await req('/api/v1/nodes/n1')).status).toBe(200);
    expect((await req('/api/v1/namespaces/default/nodes/n1')).status).toBe(404);
  });

  it('lists across namespaces, by label and by field selector', async () => {
    await req('/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'other' } } });
    await req('/api/v1/namespaces/other/configmaps', { method: 'POST', body: { ...configMap('cm-other'), metadata: { name: 'cm-other', labels: { app: 'other' } } } });
    const all = await req<KubeList>('/api/v1/configmaps');
    expect(all.body.kind).toBe('ConfigMapList');
    expect(all.body.items.map((i) => i.metadata.namespace)).toEqual(expect.arrayContaining(['default', 'other']));
    const byLabel = await req<KubeList>('/api/v1/configmaps?labelSelector=app%3Dother');
    expect(byLabel.body.items.map((i) => i.metadata.name)).toEqual(['cm-other']);
    const byField = await req<KubeList>('/api/v1/configmaps?fieldSelector=metadata.namespace%3Dother');
    expect(byField.body.items.map((i) => i.metadata.name)).toEqual(['cm-other']);
  });

  it('pages a list with limit and continue, all at one revision', async () => {
    await req('/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'paging' } } });
    for (let i = 0; i < 7; i++) {
      await req('/api/v1/namespaces/paging/configmaps', { method: 'POST', body: configMap(`p-${i}`) });
    }
    const seen: string[] = [];
    let cont = '';
    let pages = 0;
    let rv: string | undefined;
    do {
      const res = await req<KubeList>(`/api/v1/namespaces/paging/configmaps?limit=3${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      expect(res.status).toBe(200);
      rv ??= res.body.metadata.resourceVersion;
      expect(res.body.metadata.resourceVersion).toBe(rv);
      seen.push(...res.body.items.map((i) => i.metadata.name as string));
      cont = res.body.metadata.continue ?? '';
      pages++;
      if (pages === 1) await req('/api/v1/namespaces/paging/configmaps', { method: 'POST', body: configMap('p-late') });
    } while (cont);
    expect(pages).toBe(3);
    expect(seen).toEqual(['p-0', 'p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6']);
  });

  it('serves resourceVersion=0 lists from the watch cache', async () => {
    await req('/api/v1/namespaces/default/configmaps', { method: 'POST', body: configMap('cm-cache') });
    // Any version may be served, so the new object shows up once the cache has caught up.
    const res = await waitFor(async () => {
      const r = await req<KubeList>('/api/v1/namespaces/default/configmaps?resourceVersion=0');
      return r.body.items.some((i) => i.metadata.name === 'cm-cache') ? r : undefined;
    }, { description: 'cm-cache in a resourceVersion=0 list' });
    expect(res.status).toBe(200);
  });
});
