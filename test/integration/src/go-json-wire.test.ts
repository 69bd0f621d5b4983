/**
 * Go's JSON semantics on the wire, over real etcd: the same Deployment sent as kubectl 1.27's JSON
 * (with `creationTimestamp: null`, `resources: {}`, `strategy: {}`, `status: {}`), as kubectl 1.33's
 * protobuf, and as a hand-written JSON without any of those is stored as the same bytes and gets the
 * same pod-template-hash; a JSON patch putting kubectl's Go-encoded template back (what `rollout undo`
 * sends) changes nothing; nulls in updates, status, scale and binding bodies are unset; too-deep bodies
 * and numbers that overflow their int32 field are refused with 400.
 */
import { apiRequest, startTestApiServer, waitFor, type TestApiServer } from '@tinykube/testing';
import type { Deployment } from '@tinykube/api';
import { computeHash } from '@tinykube/controller-manager';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Request bodies captured from the real kubectl (`kubectl create deployment web --image=busybox:1.36 --replicas=2 -n demo`). */
const FIXTURES = join(__dirname, '..', '..', '..', 'packages', 'apiserver', 'src', 'protobuf', 'fixtures');
const KUBECTL_JSON = readFileSync(join(FIXTURES, 'create-deployment.kubectl-1.27.json'));
const KUBECTL_PROTOBUF = readFileSync(join(FIXTURES, 'create-deployment.kubectl-1.33.bin'));
const PLAIN_JSON = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'busybox', image: 'busybox:1.36' }] } },
  },
});

const NS = 'demo';
const DEPLOYMENTS = `/apis/apps/v1/namespaces/${NS}/deployments`;
const KEY = `/registry/deployments/${NS}/web`;

describe('Go JSON semantics on the wire', () => {
  let api: TestApiServer;

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    expect((await apiRequest(api.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: NS } } })).status).toBe(201);
  });
  afterAll(async () => {
    await api?.stop();
  });

  /** Creates the Deployment from `body`, returns what etcd holds for it (uid and time made neutral), then deletes it. */
  async function storedAfterCreate(body: Buffer | string, contentType: string): Promise<{ bytes: string; object: Deployment }> {
    const res = await apiRequest<Deployment>(api.url, DEPLOYMENTS, { method: 'POST', rawBody: body, contentType });
    expect(res.status).toBe(201);
    const kv = await api.storage.get(KEY);
    if (kv === undefined) throw new Error(`${KEY} is not in etcd after the create`);
    const object = JSON.parse(Buffer.from(kv.value).toString('utf8')) as Deployment;
    const bytes = Buffer.from(kv.value)
      .toString('utf8')
      .replace(object.metadata.uid as string, 'UID')
      .replace(object.metadata.creationTimestamp as string, 'TIME');
    expect((await apiRequest(api.url, `${DEPLOYMENTS}/web`, { method: 'DELETE' })).status).toBe(200);
    await waitFor(async () => (await api.storage.get(KEY)) === undefined, { timeoutMs: 10_000, description: 'the deployment to be gone' });
    return { bytes, object };
  }

  it('stores a JSON create, a protobuf create and a create without nulls and empties as the same bytes', async () => {
    const fromJson = await storedAfterCreate(KUBECTL_JSON, 'application/json');
    const fromProtobuf = await storedAfterCreate(KUBECTL_PROTOBUF, 'application/vnd.kubernetes.protobuf');
    const fromPlain = await storedAfterCreate(PLAIN_JSON, 'application/json');

    expect(fromProtobuf.bytes).toBe(fromJson.bytes);
    expect(fromPlain.bytes).toBe(fromJson.bytes);
    const template = fromJson.object.spec?.template as unknown as { metadata: Record<string, unknown>; spec: { containers: Array<Record<string, unknown>> } };
    expect(template.metadata).toEqual({ labels: { app: 'web' } });
    expect(template.spec.containers[0]).not.toHaveProperty('resources');
    expect(fromJson.object).not.toHaveProperty('status.conditions');

    const hashes = [fromJson, fromProtobuf, fromPlain].map((s) => computeHash(s.object.spec!.template));
    expect(new Set(hashes).size).toBe(1);
  });

  it('leaves the stored object untouched when a JSON patch puts back the Go-encoded template', async () => {
    const created = await apiRequest<Deployment>(api.url, DEPLOYMENTS, { method: 'POST', rawBody: PLAIN_JSON, contentType: 'application/json' });
    expect(created.status).toBe(201);
    const before = Buffer.from((await api.storage.get(KEY))!.value).toString('utf8');
    // What kubectl rollout undo sends: the template as Go encodes it, nulls and empty structs included.
    const goTemplate = {
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: { containers: [{ name: 'busybox', image: 'busybox:1.36', resources: {} }] },
    };
    const patched = await apiRequest<Deployment>(api.url, `${DEPLOYMENTS}/web`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: '/spec/template', value: goTemplate }],
      contentType: 'application/json-patch+json',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.metadata.resourceVersion).toBe(created.body.metadata.resourceVersion);
    expect(patched.body.metadata.generation).toBe(1);
    expect(Buffer.from((await api.storage.get(KEY))!.value).toString('utf8')).toBe(before);
  });

  it('answers a body nested deeper than Go-like decoding allows with 400 and stays up', async () => {
    const levels = 5000;
    const raw = `{"metadata":{"name":"deep"},"data":{"a":"b"},"extra":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    const res = await apiRequest<{ reason: string; message: string }>(api.url, `/api/v1/namespaces/${NS}/configmaps`, { method: 'POST', rawBody: raw, contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.reason).toBe('BadRequest');
    expect(res.body.message).toMatch(/nests deeper than/);
    expect((await apiRequest(api.url, '/healthz')).status).toBe(200);
  });

  it('refuses a replicas count that does not fit int32, as the Go decoder does', async () => {
    const body = JSON.parse(PLAIN_JSON) as { spec: { replicas: number } };
    body.spec.replicas = 3_000_000_000;
    const res = await apiRequest<{ reason: string; message: string }>(api.url, DEPLOYMENTS, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.body.reason).toBe('BadRequest');
    expect(res.body.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('treats nulls in a PUT and in a status update as unset', async () => {
    const current = (await apiRequest<Deployment>(api.url, `${DEPLOYMENTS}/web`)).body;
    const put = await apiRequest<Deployment>(api.url, `${DEPLOYMENTS}/web`, {
      method: 'PUT',
      body: { ...current, metadata: { ...current.metadata, annotations: null }, spec: { ...current.spec, minReadySeconds: 0, paused: null } },
    });
    expect(put.status).toBe(200);
    expect(put.body.metadata.resourceVersion).toBe(current.metadata.resourceVersion);

    const status = await apiRequest<Deployment>(api.url, `${DEPLOYMENTS}/web/status`, {
      method: 'PUT',
      body: { ...current, status: { replicas: 0, observedGeneration: 1, conditions: null, collisionCount: 0 } },
    });
    expect(status.status).toBe(200);
    expect(status.body.status).toEqual({ observedGeneration: 1, collisionCount: 0 });

    const statusPatch = await apiRequest<Deployment>(api.url, `${DEPLOYMENTS}/web/status`, {
      method: 'PATCH',
      body: { status: { replicas: 0, conditions: [], observedGeneration: null } },
      contentType: 'application/merge-patch+json',
    });
    expect(statusPatch.status).toBe(200);
    expect(statusPatch.body.status).toEqual({ collisionCount: 0 });
  });

  it('decodes scale and binding bodies the same way', async () => {
    const scale = await apiRequest<{ spec: { replicas: number } }>(api.url, `${DEPLOYMENTS}/web/scale`, {
      method: 'PUT',
      body: { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', resourceVersion: '', creationTimestamp: null }, spec: { replicas: 0 }, status: null },
    });
    expect(scale.status).toBe(200);
    expect(scale.body.spec).toEqual({ replicas: 0 });
    expect((await apiRequest<Deployment>(api.url, `${DEPLOYMENTS}/web`)).body.spec?.replicas).toBe(0);

    const pods = `/api/v1/namespaces/${NS}/pods`;
    const pod = { metadata: { name: 'bound' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', resources: {} }] } };
    expect((await apiRequest(api.url, pods, { method: 'POST', body: pod })).status).toBe(201);
    const binding = await apiRequest(api.url, `${pods}/bound/binding`, {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound', annotations: null, creationTimestamp: null }, target: { kind: 'Node', name: 'n1', namespace: '' } },
    });
    expect(binding.status).toBe(201);
    const stored = (await apiRequest<{ metadata: { annotations?: unknown }; spec: { nodeName: string; containers: Array<Record<string, unknown>> } }>(api.url, `${pods}/bound`)).body;
    expect(stored.spec.nodeName).toBe('n1');
    expect(stored.metadata.annotations).toBeUndefined();
    expect(stored.spec.containers[0]).not.toHaveProperty('resources');
  });
});
