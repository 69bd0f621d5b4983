/** pods/log is proxied to the pod's node agent at the address and port its Node object names. */
import { apiRequest, freePort, startTestApiServer, type TestApiServer } from '@tinykube/testing';
import type { Status } from '@tinykube/api';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

describe('pods/log', () => {
  let api: TestApiServer;
  let agent: Server;
  const seen: string[] = [];
  const ns = 'default';

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'memory' });
    // A stand-in node agent: answers the kubelet's containerLogs path, streaming when asked to follow.
    agent = createServer((req, res) => {
      seen.push(req.url ?? '');
      if (!req.url?.startsWith('/containerLogs/default/two/')) {
        res.writeHead(404).end('pod not found on this node');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('line 1\n');
      if (req.url.includes('follow=true')) setImmediate(() => res.end('line 2\n'));
      else res.end();
    });
    await new Promise<void>((r) => agent.listen(0, '127.0.0.1', r));
    const port = (agent.address() as AddressInfo).port;
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: port } } } };
    await apiRequest(api.url, '/api/v1/nodes', { method: 'POST', body: node });
    const deadPort = await freePort();
    const dead = { ...node, metadata: { name: 'gone' }, status: { ...node.status, daemonEndpoints: { kubeletEndpoint: { Port: deadPort } } } };
    await apiRequest(api.url, '/api/v1/nodes', { method: 'POST', body: dead });
    const pod = (name: string, nodeName: string | undefined, containers: string[]) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { ...(nodeName ? { nodeName } : {}), containers: containers.map((c) => ({ name: c, image: 'busybox:1.36' })) },
    });
    for (const p of [pod('two', 'n1', ['app', 'sidecar']), pod('one', 'n1', ['app']), pod('pending', undefined, ['app']), pod('orphan', 'gone', ['app'])]) {
      await apiRequest(api.url, `/api/v1/namespaces/${ns}/pods`, { method: 'POST', body: p });
    }
  });
  afterAll(async () => {
    await new Promise((r) => agent?.close(r));
    await api?.stop();
  });

  it('streams the node agent answer for the chosen container, passing the log options on', async () => {
    const res = await apiRequest(api.url, `/api/v1/namespaces/${ns}/pods/two/log?container=sidecar&follow=true&tailLines=5&timestamps=true`);
    expect(res.status).toBe(200);
    expect(res.text).toBe('line 1\nline 2\n');
    expect(seen.at(-1)).toBe('/containerLogs/default/two/sidecar?follow=true&timestamps=true&tailLines=5');
  });

  it('passes a node agent error through with its code', async () => {
    const res = await apiRequest<Status>(api.url, `/api/v1/namespaces/${ns}/pods/one/log`);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('pod not found on this node');
  });

  it.each([
    ['two', '', 400, 'a container name must be specified for pod two, choose one of: [app sidecar]'],
    ['two', '?container=nope', 400, 'container nope is not valid for pod two'],
    ['pending', '', 400, 'is waiting to start'],
    ['one', '?tailLines=-1', 400, 'invalid tailLines'],
    ['one', '?sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z', 400, 'at most one of sinceTime or sinceSeconds'],
    ['orphan', '', 500, 'ECONNREFUSED'],
    ['missing', '', 404, 'pods "missing" not found'],
  ])('answers %s%s with %d', async (name, q, code, message) => {
    const res = await apiRequest<Status>(api.url, `/api/v1/namespaces/${ns}/pods/${name}/log${q}`);
    expect(res.status).toBe(code);
    expect(res.body.message).toContain(message);
    expect((await apiRequest(api.url, '/healthz')).status).toBe(200);
  });
});
