/**
 * Informers against the real apiserver on etcd: the cache matches the server after a burst of
 * concurrent writes, after the apiserver is restarted, and after the server answers 410.
 */
import type { KubeObject } from '@tinykube/api';
import {
  deletionKey,
  isGone,
  KubeClient,
  listWatchFor,
  objectKey,
  SharedIndexInformer,
  SharedInformerFactory,
} from '@tinykube/client';
import { startEtcd, startTestApiServer, waitFor, type EtcdHandle, type TestApiServer } from '@tinykube/testing';
import { TcpProxy } from './client-proxy';
import { configMap } from './fixtures';

const WINDOW = 100;

describe('client informers on etcd', () => {
  let etcd: EtcdHandle;
  let api: TestApiServer;
  let proxy: TcpProxy;
  let client: KubeClient;
  let direct: KubeClient;
  const stops: AbortController[] = [];

  beforeAll(async () => {
    etcd = await startEtcd();
    api = await startTestApiServer({ backend: 'etcd', etcd, watchWindowSize: WINDOW });
    proxy = await TcpProxy.start(api.url);
    client = new KubeClient(proxy.url);
    direct = new KubeClient(api.url);
  });

  afterAll(async () => {
    for (const s of stops) s.abort();
    client?.close();
    direct?.close();
    await proxy?.close();
    await api?.stop();
    await etcd?.stop();
  });

  const namespace = async (name: string) => {
    await direct.resource('namespaces').create({ metadata: { name } });
    return name;
  };

  /** Starts an informer through the proxy plus a handler-maintained mirror of what handlers were told. */
  const startInformer = (ns: string) => {
    const informer = new SharedIndexInformer<KubeObject>(listWatchFor(client.resource('configmaps', ns)), {
      name: `configmaps in ${ns}`,
      backoff: { initialMs: 50, maxMs: 500 },
    });
    const mirror = new Map<string, string | undefined>();
    informer.addEventHandler({
      onAdd: (o) => mirror.set(objectKey(o), o.metadata.resourceVersion),
      onUpdate: (_old, o) => mirror.set(objectKey(o), o.metadata.resourceVersion),
      onDelete: (o) => mirror.delete(deletionKey(o)),
    });
    const errors: unknown[] = [];
    informer.setWatchErrorHandler((e) => errors.push(e));
    const stop = new AbortController();
    stops.push(stop);
    void informer.run(stop.signal);
    return { informer, mirror, errors };
  };

  /** name -> resourceVersion, as the server lists it now. */
  const serverState = async (ns: string) => {
    const list = await direct.resource('configmaps', ns).list();
    return new Map(list.items.map((o) => [objectKey(o), o.metadata.resourceVersion]));
  };

  const cacheState = (informer: SharedIndexInformer<KubeObject>) =>
    new Map(informer.getIndexer().list().map((o) => [objectKey(o), o.metadata.resourceVersion]));

  const sorted = (m: Map<string, string | undefined>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

  const expectConverged = async (ns: string, t: ReturnType<typeof startInformer>, description: string) => {
    await waitFor(
      async () => {
        const want = JSON.stringify(sorted(await serverState(ns)));
        return want === JSON.stringify(sorted(cacheState(t.informer))) && want === JSON.stringify(sorted(t.mirror));
      },
      { timeoutMs: 30_000, description },
    );
    expect(sorted(cacheState(t.informer))).toEqual(sorted(await serverState(ns)));
    expect(sorted(t.mirror)).toEqual(sorted(await serverState(ns)));
  };

  it('shares one informer per resource and selector in a factory', () => {
    const factory = new SharedInformerFactory(client);
    expect(factory.informerFor('configmaps')).toBe(factory.informerFor({ apiVersion: 'v1', kind: 'ConfigMap' }));
    expect(factory.informerFor('configmaps', { namespace: 'x' })).not.toBe(factory.informerFor('configmaps'));
  });

  it('matches the server after 1000 creates, updates and deletes from concurrent writers', async () => {
    const ns = await namespace('burst');
    const t = startInformer(ns);
    expect(await t.informer.waitForSync()).toBe(true);
    const writers = 8;
    const opsPerWriter = 125; // 8 x 125 = 1000 writes
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const cms = direct.resource('configmaps', ns);
        let ops = 0;
        for (let i = 0; ops < opsPerWriter; i++) {
          const name = `w${w}-${i}`;
          await cms.create(configMap(name));
          ops++;
          if (ops < opsPerWriter && i % 2 === 0) {
            await cms.patch(name, { data: { k: `v${i}` } });
            ops++;
          }
          if (ops < opsPerWriter && i % 3 === 0) {
            await cms.delete(name);
            ops++;
          }
        }
      }),
    );
    await expectConverged(ns, t, 'the informer cache to equal the server list after the burst');
    expect(t.informer.getIndexer().byIndex('namespace', ns).length).toBe((await serverState(ns)).size);
  });

  it('recovers after the apiserver is restarted, including changes made while it was away', async () => {
    const ns = await namespace('restart');
    for (const n of ['a', 'b', 'c', 'd']) await direct.resource('configmaps', ns).create(configMap(n));
    const t = startInformer(ns);
    await expectConverged(ns, t, 'the initial sync');

    await api.stop();
    direct.close();
    api = await startTestApiServer({ backend: 'etcd', etcd, watchWindowSize: WINDOW });
    direct = new KubeClient(api.url);
    const cms = direct.resource('configmaps', ns);
    await cms.delete('a');
    await cms.patch('b', { data: { k: 'changed' } });
    await cms.create(configMap('e'));
    proxy.setTarget(api.url);

    await expectConverged(ns, t, 'the cache to catch up with the restarted apiserver');
    expect(t.informer.getIndexer().get(ns, 'b')?.data).toEqual({ k: 'changed' });
    expect(t.errors.length).toBeGreaterThan(0);
  });

  it('relists after a 410 when it fell out of the watch window while disconnected', async () => {
    const ns = await namespace('expire');
    const t = startInformer(ns);
    await direct.resource('configmaps', ns).create(configMap('keep'));
    await direct.resource('configmaps', ns).create(configMap('doomed'));
    await expectConverged(ns, t, 'the initial sync');

    proxy.pause();
    try {
      const cms = direct.resource('configmaps', ns);
      await cms.delete('doomed');
      for (let i = 0; i < WINDOW + 20; i++) await cms.patch('keep', { data: { i: String(i) } });
      await cms.create(configMap('fresh'));
    } finally {
      proxy.resume();
    }

    await expectConverged(ns, t, 'the cache to relist after 410');
    expect(t.errors.some((e) => isGone(e))).toBe(true);
    expect(t.informer.getIndexer().get(ns, 'keep')?.data).toEqual({ k: 'v', i: String(WINDOW + 19) });
  });
});
