import type { KubeList, KubeObject } from '@tinykube/api';
import { FakeClock, flushPromises } from '../clock';
import { StatusError } from '../errors';
import { WatchBrokenError, type WatchEventOf, type WatchStream } from '../watch/watch-stream';
import { indexByNodeName, NAMESPACE_INDEX, NODE_NAME_INDEX } from './indexer';
import { SharedIndexInformer } from './informer';
import { DeletedFinalStateUnknown, deletionKey } from './keys';
import type { ListerWatcher } from './lister-watcher';

const pod = (ns: string, name: string, rv: string, nodeName?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: ns, name, resourceVersion: rv },
  spec: nodeName ? { nodeName } : {},
});

type Item = { event: WatchEventOf<KubeObject> } | { end: true } | { error: unknown };

/** A watch the test feeds by hand. */
class ScriptedWatch implements WatchStream<KubeObject> {
  private items: Item[] = [];
  private wake?: () => void;
  stopped = false;
  push(item: Item) {
    this.items.push(item);
    this.wake?.();
  }
  stop() {
    this.stopped = true;
    this.push({ end: true });
  }
  async *[Symbol.asyncIterator]() {
    for (;;) {
      const item = this.items.shift();
      if (!item) {
        await new Promise<void>((r) => (this.wake = r));
        continue;
      }
      if ('event' in item) yield item.event;
      else if ('end' in item) return;
      else throw item.error;
    }
  }
}

class FakeServer implements ListerWatcher<KubeObject> {
  objects: KubeObject[] = [];
  rv = '10';
  lists = 0;
  watches: Array<{ rv: string; stream: ScriptedWatch }> = [];
  async list(): Promise<KubeList<KubeObject>> {
    this.lists++;
    return { apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: this.rv }, items: [...this.objects] };
  }
  async watch(opts: { resourceVersion: string; signal: AbortSignal }): Promise<WatchStream<KubeObject>> {
    const stream = new ScriptedWatch();
    opts.signal.addEventListener('abort', () => stream.stop());
    this.watches.push({ rv: opts.resourceVersion, stream });
    return stream;
  }
  current(): ScriptedWatch {
    return this.watches[this.watches.length - 1].stream;
  }
}

function setup() {
  const clock = new FakeClock();
  const server = new FakeServer();
  server.objects = [pod('a', 'p1', '5', 'n1'), pod('b', 'p2', '6')];
  const informer = new SharedIndexInformer<KubeObject>(server, {
    clock,
    indexers: { [NODE_NAME_INDEX]: indexByNodeName },
    backoff: { initialMs: 100, jitter: 0 },
  });
  const log: string[] = [];
  informer.addEventHandler({
    onAdd: (o, initial) => log.push(`add ${o.metadata.name}${initial ? ' (initial)' : ''}`),
    onUpdate: (o, n) => log.push(`update ${o.metadata.name} ${o.metadata.resourceVersion}->${n.metadata.resourceVersion}`),
    onDelete: (o) => log.push(`delete ${deletionKey(o)}${o instanceof DeletedFinalStateUnknown ? ' (tombstone)' : ''}`),
  });
  const stop = new AbortController();
  const running = informer.run(stop.signal);
  return {
    clock,
    server,
    informer,
    log,
    async close() {
      stop.abort();
      await running;
    },
  };
}

describe('SharedIndexInformer', () => {
  it('lists, reports the initial objects, then watches from the list resourceVersion', async () => {
    const t = setup();
    try {
      expect(await t.informer.waitForSync()).toBe(true);
      await flushPromises();
      expect(t.log).toEqual(['add p1 (initial)', 'add p2 (initial)']);
      expect(t.server.watches.map((w) => w.rv)).toEqual(['10']);
      expect(t.informer.getIndexer().listKeys().sort()).toEqual(['a/p1', 'b/p2']);
    } finally {
      await t.close();
    }
  });

  it('applies watch events to the cache and its indexes and tells handlers old and new', async () => {
    const t = setup();
    try {
      await t.informer.waitForSync();
      await flushPromises();
      const w = t.server.current();
      w.push({ event: { type: 'ADDED', object: pod('a', 'p3', '11', 'n1') } });
      w.push({ event: { type: 'MODIFIED', object: pod('a', 'p1', '12', 'n2') } });
      w.push({ event: { type: 'DELETED', object: pod('b', 'p2', '13') } });
      w.push({ event: { type: 'BOOKMARK', object: { metadata: { resourceVersion: '14' } } } });
      await flushPromises();
      expect(t.log.slice(2)).toEqual(['add p3', 'update p1 5->12', 'delete b/p2']);
      const idx = t.informer.getIndexer();
      expect(idx.byIndex(NODE_NAME_INDEX, 'n1').map((p) => p.metadata.name)).toEqual(['p3']);
      expect(idx.byIndex(NODE_NAME_INDEX, 'n2').map((p) => p.metadata.name)).toEqual(['p1']);
      expect(idx.indexValues(NAMESPACE_INDEX)).toEqual(['a']);
      expect(t.informer.lastSyncResourceVersion()).toBe('14');
    } finally {
      await t.close();
    }
  });

  it('relists on 410 and reports objects that vanished meanwhile as tombstones', async () => {
    const t = setup();
    try {
      await t.informer.waitForSync();
      await flushPromises();
      t.server.objects = [pod('a', 'p1', '20'), pod('c', 'p9', '21')];
      t.server.rv = '30';
      const gone = new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 410, reason: 'Expired', message: 'too old' });
      const errors: unknown[] = [];
      t.informer.setWatchErrorHandler((e) => errors.push(e));
      t.server.current().push({ event: { type: 'ERROR', object: { ...gone.status } } });
      await flushPromises();
      expect(errors).toHaveLength(1);
      expect(t.server.lists).toBe(2);
      expect(t.log.slice(2)).toEqual(['update p1 5->20', 'add p9', 'delete b/p2 (tombstone)']);
      expect(t.server.watches.map((w) => w.rv)).toEqual(['10', '30']);
    } finally {
      await t.close();
    }
  });

  it('re-watches from the last resourceVersion after a broken connection, with back-off', async () => {
    const t = setup();
    try {
      await t.informer.waitForSync();
      await flushPromises();
      const w = t.server.current();
      w.push({ event: { type: 'ADDED', object: pod('a', 'p5', '15') } });
      w.push({ error: new WatchBrokenError('watch connection broke: ECONNRESET', new Error('ECONNRESET')) });
      await flushPromises();
      expect(t.server.watches).toHaveLength(1);
      await t.clock.step(100);
      expect(t.server.watches.map((x) => x.rv)).toEqual(['10', '15']);
      expect(t.server.lists).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('re-delivers the cache as updates every resync period', async () => {
    const t = setup();
    try {
      await t.informer.waitForSync();
      const resynced: string[] = [];
      t.informer.addEventHandler({ onUpdate: (o, n) => o === n && resynced.push(n.metadata.name!) }, 1000);
      await t.clock.step(999);
      expect(resynced).toEqual([]);
      await t.clock.step(1);
      expect(resynced.sort()).toEqual(['p1', 'p2']);
    } finally {
      await t.close();
    }
  });

  it('gives a late handler the cached objects, and keeps going when a handler throws', async () => {
    const t = setup();
    try {
      await t.informer.waitForSync();
      await flushPromises();
      const late: string[] = [];
      t.informer.addEventHandler({
        onAdd: (o, initial) => {
          late.push(`${o.metadata.name}:${initial}`);
          throw new Error('handler bug');
        },
      });
      expect(late.sort()).toEqual(['p1:true', 'p2:true']);
      t.server.current().push({ event: { type: 'ADDED', object: pod('a', 'p7', '16') } });
      await flushPromises();
      expect(t.log).toContain('add p7');
      expect(late).toContain('p7:false');
    } finally {
      await t.close();
    }
  });
});
