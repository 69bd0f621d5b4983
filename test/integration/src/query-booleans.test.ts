/**
 * Boolean query parameters accept every spelling Go's strconv.ParseBool accepts (the official Python
 * client sends `watch=True`), a bare `?watch` still means true, and anything else is a 400 whose Status
 * names the parameter. Checked through the HTTP API for each place a boolean is read: list/watch
 * (watch, allowWatchBookmarks), delete (orphanDependents) and pods/log (follow, previous, timestamps).
 */
import { apiRequest, openWatch, startTestApiServer, type TestApiServer } from '@tinykube/testing';
import type { KubeList, KubeObject, Status } from '@tinykube/api';
import { configMap, pod } from './fixtures';

const TRUE_SPELLINGS = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE_SPELLINGS = ['0', 'f', 'F', 'FALSE', 'false', 'False'];
const BAD_SPELLINGS = ['yes', 'tRUE', '2', 'on'];

const ns = 'bools';
const cms = `/api/v1/namespaces/${ns}/configmaps`;

describe('boolean query parameters', () => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'memory' });
    await apiRequest(api.url, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
    expect((await apiRequest(api.url, cms, { method: 'POST', body: configMap('present') })).status).toBe(201);
    expect((await apiRequest(api.url, `/api/v1/namespaces/${ns}/pods`, { method: 'POST', body: pod('logs') })).status).toBe(201);
  });
  afterAll(async () => {
    await api?.stop();
  });

  /** Opens the URL as a watch and takes its first event (the existing ConfigMap as ADDED). */
  async function firstWatchEvent(path: string): Promise<{ type: string; name?: string }> {
    const w = await openWatch(api.url, path);
    try {
      expect(w.status).toBe(200);
      const ev = await w.next();
      return { type: ev.type, name: ev.object.metadata?.name };
    } finally {
      w.close();
    }
  }

  async function expectBadParameter(path: string, name: string, value: string, method = 'GET'): Promise<void> {
    const res = await apiRequest<Status>(api.url, path, { method });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    expect(res.body.message).toBe(`invalid ${name} "${value}": must be a boolean (true, false, 1, 0, t, f, True, False, TRUE or FALSE)`);
  }

  it.each(TRUE_SPELLINGS)('watch=%s starts a watch', async (v) => {
    expect(await firstWatchEvent(`${cms}?watch=${v}`)).toEqual({ type: 'ADDED', name: 'present' });
  });

  it('a bare ?watch starts a watch, as before', async () => {
    expect(await firstWatchEvent(`${cms}?watch`)).toEqual({ type: 'ADDED', name: 'present' });
  });

  it.each(FALSE_SPELLINGS)('watch=%s lists', async (v) => {
    const res = await apiRequest<KubeList>(api.url, `${cms}?watch=${v}`);
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('ConfigMapList');
    expect(res.body.items.map((i) => i.metadata.name)).toEqual(['present']);
  });

  it.each(BAD_SPELLINGS)('watch=%s is a 400 naming watch', async (v) => {
    await expectBadParameter(`${cms}?watch=${v}`, 'watch', v);
  });

  it.each([...TRUE_SPELLINGS, ...FALSE_SPELLINGS])('allowWatchBookmarks=%s is accepted', async (v) => {
    expect(await firstWatchEvent(`${cms}?watch=true&allowWatchBookmarks=${v}`)).toEqual({ type: 'ADDED', name: 'present' });
  });

  it.each(BAD_SPELLINGS)('allowWatchBookmarks=%s is a 400 naming allowWatchBookmarks', async (v) => {
    await expectBadParameter(`${cms}?watch=true&allowWatchBookmarks=${v}`, 'allowWatchBookmarks', v);
  });

  describe('orphanDependents on delete', () => {
    let n = 0;
    async function deleteWith(value: string): Promise<{ code: number; finalizers: string[] }> {
      const name = `orphan-${++n}`;
      expect((await apiRequest(api.url, cms, { method: 'POST', body: configMap(name) })).status).toBe(201);
      const res = await apiRequest<KubeObject>(api.url, `${cms}/${name}?orphanDependents=${value}`, { method: 'DELETE' });
      return { code: res.status, finalizers: res.body.metadata?.finalizers ?? [] };
    }

    it.each(TRUE_SPELLINGS)('orphanDependents=%s keeps the object with the orphan finalizer', async (v) => {
      // Nothing runs the garbage collector here, so the orphan finalizer holds the object (202).
      expect(await deleteWith(v)).toEqual({ code: 202, finalizers: ['orphan'] });
    });

    it.each(FALSE_SPELLINGS)('orphanDependents=%s deletes at once', async (v) => {
      expect(await deleteWith(v)).toEqual({ code: 200, finalizers: [] });
    });

    it.each(BAD_SPELLINGS)('orphanDependents=%s is a 400 naming orphanDependents', async (v) => {
      const name = `orphan-bad-${++n}`;
      expect((await apiRequest(api.url, cms, { method: 'POST', body: configMap(name) })).status).toBe(201);
      await expectBadParameter(`${cms}/${name}?orphanDependents=${v}`, 'orphanDependents', v, 'DELETE');
      expect((await apiRequest(api.url, `${cms}/${name}`)).status).toBe(200);
    });
  });

  describe.each(['follow', 'previous', 'timestamps'])('pods/log %s', (param) => {
    const logPath = `/api/v1/namespaces/${ns}/pods/logs/log`;

    it.each([...TRUE_SPELLINGS, ...FALSE_SPELLINGS])(`${param}=%s passes the parameter check`, async (v) => {
      // The pod has no node, so the request gets as far as looking for one: past every parameter check.
      const res = await apiRequest<Status>(api.url, `${logPath}?${param}=${v}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/is waiting to start: the pod is not scheduled to a node yet/);
    });

    it.each(BAD_SPELLINGS)(`${param}=%s is a 400 naming ${param}`, async (v) => {
      await expectBadParameter(`${logPath}?${param}=${v}`, param, v);
    });
  });
});
