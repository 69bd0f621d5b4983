/** Discovery, version, health and metrics endpoints, as kubectl and client libraries read them. */
import { apiRequest, startTestApiServer, type TestApiServer } from '@tinykube/testing';

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

describe('discovery', () => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'memory' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('lists the core version and the named groups', async () => {
    const core = await apiRequest<{ kind: string; versions: string[] }>(api.url, '/api');
    expect(core.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = await apiRequest<{ groups: Array<{ name: string; preferredVersion: { groupVersion: string } }> }>(api.url, '/apis');
    const names = groups.body.groups.map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['apps', 'coordination.k8s.io']));
    expect(groups.body.groups.find((g) => g.name === 'apps')?.preferredVersion.groupVersion).toBe('apps/v1');
  });

  it('describes every first-wave resource with verbs, short names and subresources', async () => {
    const core = await apiRequest<{ resources: ApiResource[] }>(api.url, '/api/v1');
    const byName = new Map(core.body.resources.map((r) => [r.name, r]));
    for (const r of ['namespaces', 'nodes', 'pods', 'bindings', 'services', 'endpoints', 'events', 'configmaps', 'secrets', 'serviceaccounts']) {
      expect(byName.has(r)).toBe(true);
    }
    expect(byName.get('pods')).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'] });
    expect(byName.get('pods')?.verbs).toEqual(expect.arrayContaining(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']));
    expect(byName.get('nodes')?.namespaced).toBe(false);
    expect(byName.get('pods/status')?.verbs).toEqual(['get', 'patch', 'update']);
    expect(byName.get('pods/binding')?.verbs).toEqual(['create']);
    const apps = await apiRequest<{ resources: ApiResource[] }>(api.url, '/apis/apps/v1');
    const scale = apps.body.resources.find((r) => r.name === 'deployments/scale');
    expect(scale).toMatchObject({ kind: 'Scale' });
    expect(apps.body.resources.find((r) => r.name === 'deployments')?.shortNames).toEqual(['deploy']);
    const coord = await apiRequest<{ resources: ApiResource[] }>(api.url, '/apis/coordination.k8s.io/v1');
    expect(coord.body.resources.map((r) => r.name)).toContain('leases');
  });

  it('answers /version, /healthz, /readyz and /metrics', async () => {
    const version = await apiRequest<{ major: string; minor: string; gitVersion: string }>(api.url, '/version');
    expect(version.body.major).toBe('1');
    expect(version.body.gitVersion).toMatch(/^v1\.\d+\.\d+/);
    expect((await apiRequest(api.url, '/healthz')).text).toBe('ok');
    expect((await apiRequest(api.url, '/readyz')).text).toBe('ok');
    await apiRequest(api.url, '/api/v1/namespaces/default/pods');
    const metrics = await apiRequest<string>(api.url, '/metrics');
    expect(metrics.text).toMatch(/apiserver_request_total\{verb="list",group="",resource="pods",subresource="",code="200"\} \d+/);
    expect(metrics.text).toContain('apiserver_request_duration_seconds_bucket');
  });

  it('serves an OpenAPI v3 index that tells kubectl fieldValidation is supported', async () => {
    const root = await apiRequest<{ paths: Record<string, { serverRelativeURL: string }> }>(api.url, '/openapi/v3');
    const appsUrl = root.body.paths['apis/apps/v1'].serverRelativeURL;
    const doc = await apiRequest<{ paths: Record<string, { patch?: { parameters: Array<{ name: string }> } }> }>(api.url, appsUrl);
    const patch = doc.body.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch?.parameters.map((p) => p.name)).toContain('fieldValidation');
  });
});
