/** The typed client and the event recorder against the real apiserver on etcd. */
import type { Event, KubeObject, Pod } from '@tinykube/api';
import { EventRecorder, isAlreadyExists, isConflict, isInvalid, isNotFound, KubeClient, StatusError, type WatchEventOf } from '@tinykube/client';
import { startTestApiServer, waitFor, type TestApiServer } from '@tinykube/testing';
import { configMap, deployment, node, pod } from './fixtures';

describe('client REST verbs and events on etcd', () => {
  let api: TestApiServer;
  let client: KubeClient;

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    client = new KubeClient({ server: api.url, namespace: 'default' });
  });
  afterAll(async () => {
    client?.close();
    await api?.stop();
  });

  it('creates, gets, lists by label, updates with optimistic concurrency, patches and deletes', async () => {
    const cms = client.resource('configmaps', 'default');
    const created = await cms.create(configMap('crud'));
    expect(isAlreadyExists(await cms.create(configMap('crud')).catch((e: unknown) => e))).toBe(true);
    expect((await cms.list({ labelSelector: { app: 'demo' } })).items.map((i) => i.metadata.name)).toContain('crud');
    const updated = await cms.update({ ...created, data: { k: 'v2' } });
    expect(isConflict(await cms.update({ ...created, data: { k: 'stale' } }).catch((e: unknown) => e))).toBe(true);
    const patched = await cms.patch('crud', [{ op: 'add', path: '/data/extra', value: 'x' }], 'json');
    expect(patched.data).toEqual({ k: 'v2', extra: 'x' });
    expect(Number(patched.metadata.resourceVersion)).toBeGreaterThan(Number(updated.metadata.resourceVersion));
    await cms.delete('crud', { preconditions: { uid: created.metadata.uid } });
    const err = await cms.get('crud').catch((e: unknown) => e);
    expect(isNotFound(err)).toBe(true);
    expect((err as StatusError).status).toMatchObject({ kind: 'Status', code: 404, details: { name: 'crud', kind: 'configmaps' } });
  });

  it('reports validation failures as Invalid with the field', async () => {
    const err = await client.resource('configmaps', 'default').create(configMap('Bad_Name')).catch((e: unknown) => e);
    expect(isInvalid(err)).toBe(true);
    expect((err as StatusError).status.details?.causes?.[0]?.field).toBe('metadata.name');
  });

  it('pages through a list with limit and continue', async () => {
    const cms = client.resource('configmaps', 'default');
    for (let i = 0; i < 5; i++) await cms.create(configMap(`page-${i}`));
    const first = await cms.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.metadata.continue).toBeTruthy();
    const all = await cms.listAll({ pageSize: 2 });
    expect(all.items.filter((i) => i.metadata.name?.startsWith('page-'))).toHaveLength(5);
  });

  it('reads and patches the scale subresource and binds a pod to a node', async () => {
    const deploys = client.resource('deployments', 'default');
    await deploys.create(deployment('web', 2));
    expect((await deploys.getScale('web')).spec?.replicas).toBe(2);
    await deploys.patchScale('web', { spec: { replicas: 4 } });
    expect(((await deploys.get('web')).spec as { replicas: number }).replicas).toBe(4);

    await client.resource('nodes').create(node('n1'));
    const pods = client.resource<Pod>('pods', 'default');
    await pods.create(pod('bind-me') as Pod);
    await pods.bind('bind-me', 'n1');
    expect((await pods.get('bind-me')).spec?.nodeName).toBe('n1');
  });

  it.each(['http', 'websocket'] as const)('watches over %s from a resourceVersion', async (transport) => {
    const cms = client.resource('configmaps', 'default');
    const list = await cms.list();
    const w = await cms.watch({ resourceVersion: list.metadata.resourceVersion, transport });
    const seen: WatchEventOf<KubeObject>[] = [];
    const reading = (async () => {
      for await (const ev of w) {
        seen.push(ev);
        if (ev.type === 'DELETED') w.stop();
      }
    })();
    await cms.create(configMap(`watched-${transport}`));
    await cms.delete(`watched-${transport}`);
    await reading;
    expect(seen.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual([`ADDED:watched-${transport}`, `DELETED:watched-${transport}`]);
  });

  it('records events and folds repeats into one Event by count', async () => {
    const obj = await client.resource('configmaps', 'default').create(configMap('evented'));
    const recorder = new EventRecorder(client, { component: 'test-controller', host: 'host-1' });
    for (let i = 0; i < 3; i++) recorder.event(obj, 'Warning', 'FailedSync', 'could not sync');
    recorder.event(obj, 'Normal', 'Synced', 'synced');
    await recorder.flush();
    const events = await waitFor(async () => {
      const list = await client.resource<Event>('events', 'default').list();
      const mine = list.items.filter((e) => e.involvedObject.uid === obj.metadata.uid);
      return mine.length === 2 ? mine : undefined;
    });
    const failed = events.find((e) => e.reason === 'FailedSync')!;
    expect(failed).toMatchObject({
      type: 'Warning',
      message: 'could not sync',
      count: 3,
      source: { component: 'test-controller', host: 'host-1' },
      reportingComponent: 'test-controller',
      involvedObject: { kind: 'ConfigMap', name: 'evented', namespace: 'default', uid: obj.metadata.uid },
    });
    expect(failed.metadata.name).toMatch(/^evented\.[0-9a-f]+$/);
    expect(events.find((e) => e.reason === 'Synced')).toMatchObject({ type: 'Normal', count: 1 });
  });
});
