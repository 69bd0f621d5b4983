/**
 * Every bad input gets the right status and reason, nothing is written, and the server stays healthy.
 * Input handling does not depend on the storage backend, so one backend is enough here.
 */
import { apiRequest, startTestApiServer, waitFor, type TestApiServer } from '@tinykube/testing';
import type { KubeList, Status } from '@tinykube/api';
import { request as httpRequest } from 'node:http';
import { configMap, deployment } from './fixtures';

interface Case {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  code: number;
  reason: string;
  message?: RegExp;
}

const cms = '/api/v1/namespaces/default/configmaps';
const deps = '/apis/apps/v1/namespaces/default/deployments';

const cases: Case[] = [
  { name: 'malformed JSON', method: 'POST', path: cms, raw: '{"metadata": {"name": "x"', code: 400, reason: 'BadRequest', message: /json parse error/ },
  { name: 'malformed YAML', method: 'POST', path: cms, raw: 'metadata: [unclosed', contentType: 'application/yaml', code: 400, reason: 'BadRequest', message: /yaml/ },
  { name: 'a JSON array body', method: 'POST', path: cms, raw: '[1,2]', code: 400, reason: 'BadRequest' },
  { name: 'an empty body', method: 'POST', path: cms, raw: '', code: 400, reason: 'BadRequest' },
  { name: 'wrong field types', method: 'POST', path: deps, body: { ...deployment('typed'), spec: { ...deployment('typed').spec, replicas: 'three' } }, code: 422, reason: 'Invalid', message: /spec\.replicas/ },
  { name: 'a missing name', method: 'POST', path: cms, body: { data: {} }, code: 422, reason: 'Invalid', message: /metadata\.name/ },
  { name: 'an invalid name', method: 'POST', path: cms, body: configMap('Not_Valid'), code: 422, reason: 'Invalid', message: /metadata\.name/ },
  { name: 'a body kind that does not match the URL', method: 'POST', path: cms, body: { ...configMap('k'), kind: 'Secret' }, code: 400, reason: 'BadRequest', message: /kind/ },
  { name: 'a body apiVersion that does not match the URL', method: 'POST', path: cms, body: { ...configMap('k'), apiVersion: 'apps/v1' }, code: 400, reason: 'BadRequest', message: /API version/ },
  { name: 'a namespace in the body that differs from the path', method: 'POST', path: cms, body: { ...configMap('k'), metadata: { name: 'k', namespace: 'kube-system' } }, code: 400, reason: 'BadRequest', message: /namespace/ },
  { name: 'an unknown resource', method: 'GET', path: '/api/v1/namespaces/default/widgets', code: 404, reason: 'NotFound' },
  { name: 'an unknown group', method: 'GET', path: '/apis/example.com/v1/widgets', code: 404, reason: 'NotFound' },
  { name: 'a name with an encoded /', method: 'GET', path: `${cms}/a%2Fb`, code: 400, reason: 'BadRequest' },
  { name: 'an unsupported content type', method: 'POST', path: cms, raw: '<x/>', contentType: 'application/xml', code: 415, reason: 'UnsupportedMediaType' },
  { name: 'a corrupt protobuf body', method: 'POST', path: cms, raw: 'k8s\0\x0a\xff\xff', contentType: 'application/vnd.kubernetes.protobuf', code: 400, reason: 'BadRequest', message: /protobuf/ },
  { name: 'a protobuf body without the k8s magic', method: 'POST', path: cms, raw: 'nope', contentType: 'application/vnd.kubernetes.protobuf', code: 400, reason: 'BadRequest' },
  { name: 'a PATCH with a non-patch content type', method: 'PATCH', path: `${cms}/exists`, body: { data: {} }, contentType: 'application/json', code: 415, reason: 'UnsupportedMediaType' },
  { name: 'POST on a named object', method: 'POST', path: `${cms}/exists`, body: configMap('exists'), code: 405, reason: 'MethodNotAllowed' },
  { name: 'PUT on a collection', method: 'PUT', path: cms, body: configMap('x'), code: 405, reason: 'MethodNotAllowed' },
  { name: 'an unknown field with fieldValidation=Strict', method: 'POST', path: `${cms}?fieldValidation=Strict`, body: { ...configMap('strict'), extra: 1 }, code: 422, reason: 'Invalid', message: /unknown field "extra"/ },
  { name: 'a bad fieldValidation value', method: 'POST', path: `${cms}?fieldValidation=Loose`, body: configMap('fv'), code: 400, reason: 'BadRequest' },
  { name: 'a label selector that does not parse', method: 'GET', path: `${cms}?labelSelector=a%20in%20(`, code: 400, reason: 'BadRequest' },
  { name: 'a field selector on an unsupported field', method: 'GET', path: `${cms}?fieldSelector=spec.foo%3Dx`, code: 400, reason: 'BadRequest', message: /field label not supported/ },
  { name: 'a non-numeric resourceVersion', method: 'GET', path: `${cms}?resourceVersion=abc&watch=true`, code: 400, reason: 'BadRequest' },
  { name: 'a garbage continue token', method: 'GET', path: `${cms}?limit=1&continue=garbage`, code: 400, reason: 'BadRequest' },
  { name: 'a negative grace period', method: 'DELETE', path: `${cms}/exists?gracePeriodSeconds=-5`, code: 400, reason: 'BadRequest' },
  { name: 'an unknown propagation policy', method: 'DELETE', path: `${cms}/exists?propagationPolicy=Sideways`, code: 400, reason: 'BadRequest' },
  { name: 'setting resourceVersion on create', method: 'POST', path: cms, body: { ...configMap('rv'), metadata: { name: 'rv', resourceVersion: '5' } }, code: 400, reason: 'BadRequest' },
  { name: 'a JSON patch test that fails', method: 'PATCH', path: `${cms}/exists`, body: [{ op: 'test', path: '/data/k', value: 'nope' }], contentType: 'application/json-patch+json', code: 422, reason: 'Invalid' },
  { name: 'a JSON patch that is not a list', method: 'PATCH', path: `${cms}/exists`, body: { op: 'add' }, contentType: 'application/json-patch+json', code: 400, reason: 'BadRequest' },
  { name: 'a strategic merge patch that is not an object', method: 'PATCH', path: `${cms}/exists`, body: [1], contentType: 'application/strategic-merge-patch+json', code: 400, reason: 'BadRequest' },
  { name: 'a strategic merge patch with an unknown $patch directive', method: 'PATCH', path: `${deps}/patched`, body: { spec: { template: { spec: { containers: [{ name: 'web', $patch: 'sideways' }] } } } }, contentType: 'application/strategic-merge-patch+json', code: 400, reason: 'BadRequest' },
  { name: 'a strategic merge patch whose list item lacks its merge key', method: 'PATCH', path: `${deps}/patched`, body: { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, contentType: 'application/strategic-merge-patch+json', code: 400, reason: 'BadRequest' },
  { name: 'an update that changes the name', method: 'PUT', path: `${cms}/exists`, body: configMap('renamed'), code: 400, reason: 'BadRequest' },
];

describe('bad input', () => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'memory' });
    await apiRequest(api.url, cms, { method: 'POST', body: configMap('exists') });
    await apiRequest(api.url, deps, { method: 'POST', body: deployment('patched') });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it.each(cases)('answers $code $reason for $name, writes nothing, stays healthy', async (c) => {
    const before = await apiRequest<KubeList>(api.url, '/api/v1/configmaps');
    const beforeDeps = await apiRequest<KubeList>(api.url, '/apis/apps/v1/deployments');
    const res = await apiRequest<Status>(api.url, c.path, {
      method: c.method,
      body: c.body,
      rawBody: c.raw,
      contentType: c.contentType ?? (c.raw !== undefined || c.body !== undefined ? 'application/json' : undefined),
    });
    expect(res.status).toBe(c.code);
    expect(res.body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: c.code, reason: c.reason });
    if (c.message) expect(res.body.message).toMatch(c.message);
    const after = await apiRequest<KubeList>(api.url, '/api/v1/configmaps');
    const afterDeps = await apiRequest<KubeList>(api.url, '/apis/apps/v1/deployments');
    expect(after.body.items).toEqual(before.body.items);
    expect(afterDeps.body.items).toEqual(beforeDeps.body.items);
    expect((await apiRequest(api.url, '/healthz')).status).toBe(200);
  });

  it('answers 400 for a name of ".." sent verbatim (clients that do not normalize paths)', async () => {
    const { port } = new URL(api.url);
    const res = await new Promise<{ status: number; body: Status }>((resolve, reject) => {
      const r = httpRequest({ host: '127.0.0.1', port, method: 'GET', path: `${cms}/..` }, (resp) => {
        let text = '';
        resp.on('data', (c: Buffer) => (text += c.toString()));
        resp.on('end', () => resolve({ status: resp.statusCode ?? 0, body: JSON.parse(text) as Status }));
      });
      r.on('error', reject);
      r.end();
    });
    expect(res.status).toBe(400);
    expect(res.body.reason).toBe('BadRequest');
    expect((await apiRequest(api.url, '/healthz')).status).toBe(200);
  });

  it('answers 413 for a body over 3 MiB and nothing is written', async () => {
    const big = configMap('big', { blob: 'x'.repeat(3 * 1024 * 1024 + 10) });
    const res = await apiRequest<Status>(api.url, cms, { method: 'POST', body: big });
    expect(res.status).toBe(413);
    expect(res.body.reason).toBe('RequestEntityTooLarge');
    expect((await apiRequest(api.url, `${cms}/big`)).status).toBe(404);
    expect((await apiRequest(api.url, '/healthz')).status).toBe(200);
  });

  it('answers 422 with one cause per field and Kubernetes-style message', async () => {
    const bad = { ...deployment('many'), spec: { ...deployment('many').spec, replicas: -1, selector: { matchLabels: { app: 'other' } } } };
    const res = await apiRequest<Status>(api.url, deps, { method: 'POST', body: bad });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^Deployment\.apps "many" is invalid: /);
    const fields = (res.body.details?.causes ?? []).map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['spec.replicas', 'spec.template.metadata.labels']));
  });

  it('drops unknown fields with a Warning header by default', async () => {
    const res = await apiRequest<Record<string, unknown>>(api.url, cms, { method: 'POST', body: { ...configMap('warned'), bogus: true } });
    expect(res.status).toBe(201);
    expect(res.headers.get('warning')).toContain('unknown field \\"bogus\\"');
    expect(res.body.bogus).toBeUndefined();
  });

  it('answers 429 with Retry-After beyond --max-requests-inflight, and recovers', async () => {
    const limited = await startTestApiServer({ backend: 'memory', maxRequestsInflight: 1 });
    const port = new URL(limited.url).port;
    // Hold one request open by promising a body and sending only part of it.
    const held = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: cms, headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' } });
    held.on('error', () => undefined);
    held.write('{"metadata":');
    try {
      const res = await waitFor(async () => {
        const r = await apiRequest<Status>(limited.url, cms);
        return r.status === 429 ? r : undefined;
      }, { description: 'a 429 while one request is held open', timeoutMs: 5000 });
      expect(res.body.reason).toBe('TooManyRequests');
      expect(res.headers.get('retry-after')).toBe('1');
      held.destroy();
      await waitFor(async () => (await apiRequest(limited.url, cms)).status === 200, { description: 'requests served again' });
    } finally {
      held.destroy();
      await limited.stop();
    }
  });
});
