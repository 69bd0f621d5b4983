/** Watches served from the watch cache, on both backends: resume by resourceVersion, selectors, 410, bookmarks, WebSocket. */
import { apiRequest, BACKENDS, openWatch, startTestApiServer, type TestApiServer } from '@tinykube/testing';
import type { KubeList, KubeObject } from '@tinykube/api';
import WebSocket from 'ws';
import { configMap } from './fixtures';

const mergePatch = 'application/merge-patch+json';

describe.each(BACKENDS)('watch on the %s backend', (backend) => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer({ backend, watchWindowSize: 20, watchBookmarkIntervalMs: 200 });
  });
  afterAll(async () => {
    await api?.stop();
  });
  const req = <T = KubeObject>(path: string, init?: Parameters<typeof apiRequest>[2]) => apiRequest<T>(api.url, path, init);
  let nsCounter = 0;
  const freshNamespace = async () => {
    const name = `w${++nsCounter}`;
    await req('/api/v1/namespaces', { method: 'POST', body: { metadata: { name } } });
    return name;
  };

  it('streams ADDED, MODIFIED and DELETED after the list resourceVersion', async () => {
    const ns = await freshNamespace();
    const list = await req<KubeList>(`/api/v1/namespaces/${ns}/configmaps`);
    const w = await openWatch(api.url, `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`);
    try {
      expect(w.status).toBe(200);
      const created = await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('a') });
      await req(`/api/v1/namespaces/${ns}/configmaps/a`, { method: 'PATCH', body: { data: { k: 'v2' } }, contentType: mergePatch });
      await req(`/api/v1/namespaces/${ns}/configmaps/a`, { method: 'DELETE' });
      const added = await w.next();
      expect(added.type).toBe('ADDED');
      expect(added.object.metadata?.resourceVersion).toBe(created.body.metadata.resourceVersion);
      const modified = await w.next();
      expect(modified.type).toBe('MODIFIED');
      expect(modified.object.data).toEqual({ k: 'v2' });
      const deleted = await w.next();
      expect(deleted.type).toBe('DELETED');
      expect(Number(deleted.object.metadata?.resourceVersion)).toBeGreaterThan(Number(modified.object.metadata?.resourceVersion));
    } finally {
      w.close();
    }
  });

  it('starts with the current objects as ADDED when no resourceVersion is given', async () => {
    const ns = await freshNamespace();
    await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('x1') });
    await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('x2') });
    const w = await openWatch(api.url, `/api/v1/namespaces/${ns}/configmaps?watch=1`);
    try {
      const names = [(await w.next()).object.metadata?.name, (await w.next()).object.metadata?.name].sort();
      expect(names).toEqual(['x1', 'x2']);
    } finally {
      w.close();
    }
  });

  it('resumes from an older resourceVersion and replays what was missed', async () => {
    const ns = await freshNamespace();
    const first = await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('r1') });
    await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('r2') });
    const w = await openWatch(api.url, `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${first.body.metadata.resourceVersion}`);
    try {
      const ev = await w.next();
      expect(ev).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'r2' } } });
    } finally {
      w.close();
    }
  });

  it('sends DELETED when an object leaves the label selector and ADDED when it enters', async () => {
    const ns = await freshNamespace();
    const list = await req<KubeList>(`/api/v1/namespaces/${ns}/configmaps`);
    const w = await openWatch(api.url, `/api/v1/namespaces/${ns}/configmaps?watch=true&labelSelector=tier%3Dfront&resourceVersion=${list.body.metadata.resourceVersion}`);
    try {
      await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: { ...configMap('s'), metadata: { name: 's', labels: { tier: 'back' } } } });
      await req(`/api/v1/namespaces/${ns}/configmaps/s`, { method: 'PATCH', body: { metadata: { labels: { tier: 'front' } } }, contentType: mergePatch });
      await req(`/api/v1/namespaces/${ns}/configmaps/s`, { method: 'PATCH', body: { metadata: { labels: { tier: 'back' } } }, contentType: mergePatch });
      const entered = await w.next();
      expect(entered.type).toBe('ADDED');
      const left = await w.next();
      expect(left.type).toBe('DELETED');
      expect(left.object.metadata?.name).toBe('s');
      expect(w.pending()).toEqual([]);
    } finally {
      w.close();
    }
  });

  it('filters by field selector (metadata.name), as kubectl delete --wait does', async () => {
    const ns = await freshNamespace();
    const list = await req<KubeList>(`/api/v1/namespaces/${ns}/configmaps`);
    const w = await openWatch(api.url, `/api/v1/namespaces/${ns}/configmaps?watch=true&fieldSelector=metadata.name%3Dtarget&resourceVersion=${list.body.metadata.resourceVersion}`);
    try {
      await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('noise') });
      await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('target') });
      const ev = await w.next();
      expect(ev.object.metadata?.name).toBe('target');
    } finally {
      w.close();
    }
  });

  it('answers a resourceVersion older than the window with an ERROR event carrying 410 Expired', async () => {
    const ns = await freshNamespace();
    const first = await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('old') });
    for (let i = 0; i < 25; i++) {
      await req(`/api/v1/namespaces/${ns}/configmaps/old`, { method: 'PATCH', body: { data: { i: String(i) } }, contentType: mergePatch });
    }
    const w = await openWatch(api.url, `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${first.body.metadata.resourceVersion}`);
    try {
      const ev = await w.next();
      expect(ev.type).toBe('ERROR');
      expect(ev.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
      await w.ended;
    } finally {
      w.close();
    }
  });

  it('sends bookmarks when asked and ends at timeoutSeconds', async () => {
    const list = await req<KubeList>('/api/v1/namespaces/default/configmaps');
    const w = await openWatch(api.url, `/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&timeoutSeconds=2&resourceVersion=${list.body.metadata.resourceVersion}`);
    try {
      const ev = await w.next();
      expect(ev.type).toBe('BOOKMARK');
      expect(ev.object.kind).toBe('ConfigMap');
      expect(Number(ev.object.metadata?.resourceVersion)).toBeGreaterThanOrEqual(Number(list.body.metadata.resourceVersion));
      await w.ended;
    } finally {
      w.close();
    }
  });

  it('streams the same events over WebSocket', async () => {
    const ns = await freshNamespace();
    const list = await req<KubeList>(`/api/v1/namespaces/${ns}/configmaps`);
    const wsUrl = `${api.url.replace('http', 'ws')}/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`;
    const ws = new WebSocket(wsUrl);
    try {
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      const message = new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString())));
      await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('via-ws') });
      const ev = JSON.parse(await message) as { type: string; object: KubeObject };
      expect(ev.type).toBe('ADDED');
      expect(ev.object.metadata.name).toBe('via-ws');
    } finally {
      ws.close();
    }
  });

  it('returns one-row Tables in watch events when asked for Tables', async () => {
    const ns = await freshNamespace();
    const list = await req<KubeList>(`/api/v1/namespaces/${ns}/configmaps`);
    const w = await openWatch(api.url, `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`, {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
    });
    try {
      await req(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('tbl') });
      const ev = await w.next();
      expect(ev.object.kind).toBe('Table');
      const rows = ev.object.rows as Array<{ cells: unknown[]; object: { metadata: { name: string } } }>;
      expect(rows).toHaveLength(1);
      expect(rows[0].cells[0]).toBe('tbl');
      expect(rows[0].object.metadata.name).toBe('tbl');
    } finally {
      w.close();
    }
  });
});
