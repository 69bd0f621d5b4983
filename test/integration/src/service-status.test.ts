/**
 * A Service's status as Kubernetes keeps it: `{loadBalancer: {}}` from its creation on (clients read
 * status.loadBalancer without checking for it), never taken from the client on create or on writes to
 * the Service itself, and changed only through services/status.
 */
import { apiRequest, BACKENDS, startTestApiServer, type TestApiServer } from '@tinykube/testing';
import type { KubeObject } from '@tinykube/api';
import { service } from './fixtures';

const svcs = '/api/v1/namespaces/default/services';
const ingress = { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } };

describe.each(BACKENDS)('Service status on the %s backend', (backend) => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer({ backend });
  });
  afterAll(async () => {
    await api?.stop();
  });

  const get = async (name: string) => (await apiRequest<KubeObject>(api.url, `${svcs}/${name}`)).body;

  it('is {loadBalancer: {}} on create, whatever the client sent, and reads back the same', async () => {
    const created = await apiRequest<KubeObject>(api.url, svcs, { method: 'POST', body: { ...service('web'), status: ingress } });
    expect(created.status).toBe(201);
    expect(created.body.status).toEqual({ loadBalancer: {} });
    expect((await get('web')).status).toEqual({ loadBalancer: {} });
  });

  it('is set on the kubernetes Service the apiserver creates', async () => {
    expect((await get('kubernetes')).status).toEqual({ loadBalancer: {} });
  });

  it('survives a PUT and a merge patch of the Service that leave it out or change it', async () => {
    await apiRequest(api.url, svcs, { method: 'POST', body: service('kept') });
    const current = await get('kept');
    const { status: _dropped, ...withoutStatus } = current;
    const put = await apiRequest<KubeObject>(api.url, `${svcs}/kept`, {
      method: 'PUT',
      body: { ...withoutStatus, metadata: { ...current.metadata, labels: { tier: 'web' } } },
    });
    expect(put.status).toBe(200);
    expect(put.body.status).toEqual({ loadBalancer: {} });
    const patched = await apiRequest<KubeObject>(api.url, `${svcs}/kept`, {
      method: 'PATCH',
      body: { status: ingress },
      contentType: 'application/merge-patch+json',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.status).toEqual({ loadBalancer: {} });
    expect((await get('kept')).status).toEqual({ loadBalancer: {} });
  });

  it('changes through services/status, and a later write to the Service keeps the new status', async () => {
    await apiRequest(api.url, svcs, { method: 'POST', body: service('lb') });
    const current = await get('lb');
    const updated = await apiRequest<KubeObject>(api.url, `${svcs}/lb/status`, { method: 'PUT', body: { ...current, status: ingress } });
    expect(updated.status).toBe(200);
    expect(updated.body.status).toEqual(ingress);
    const relabelled = await apiRequest<KubeObject>(api.url, `${svcs}/lb`, {
      method: 'PATCH',
      body: { metadata: { labels: { tier: 'edge' } } },
      contentType: 'application/merge-patch+json',
    });
    expect(relabelled.status).toBe(200);
    expect(relabelled.body.status).toEqual(ingress);
  });

  it('lists services/status in discovery', async () => {
    const list = await apiRequest<{ resources: Array<{ name: string }> }>(api.url, '/api/v1');
    expect(list.body.resources.map((r) => r.name)).toContain('services/status');
  });
});
