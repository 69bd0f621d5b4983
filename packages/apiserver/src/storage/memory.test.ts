import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from './index';
import { MemoryStorage } from './memory';
import { SnapshotFormatError } from './memory-snapshot';
import { CompactedError, StorageUnavailableError, WatchEvent } from './types';

const text = (v: Uint8Array): string => Buffer.from(v).toString();
const bytes = (s: string): Uint8Array => Buffer.from(s);

/** Polls with a deadline (this package cannot depend on @tinykube/testing, which depends on it). */
async function eventually<T>(probe: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('MemoryStorage', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tinykube-memory-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts at revision 1 and the first write gets revision 2, like etcd', async () => {
    const store = new MemoryStorage();
    expect(await store.currentRevision()).toBe(1);
    expect((await store.create('/a', bytes('x'))).modRevision).toBe(2);
    await store.close();
  });

  it('keeps the stored value when the caller mutates the buffer it wrote', async () => {
    const store = new MemoryStorage();
    const value = Buffer.from('abc');
    await store.create('/a', value);
    value[0] = 0x7a;
    expect(text((await store.get('/a'))!.value)).toBe('abc');
    await store.close();
  });

  it('saves the live keys on close and loads them back, compacted at the saved revision', async () => {
    const snapshotFile = join(dir, 'store.json');
    const first = new MemoryStorage({ snapshotFile });
    const a = await first.create('/r/a', bytes('a1'));
    await first.update('/r/a', bytes('a2'), a.modRevision);
    await first.create('/r/b', bytes('b1'));
    await first.delete('/r/b');
    const c = await first.create('/r/c', bytes('c1'));
    const revision = await first.currentRevision();
    await first.close();

    const second = new MemoryStorage({ snapshotFile });
    expect(await second.currentRevision()).toBe(revision);
    const listed = await second.list('/r/');
    expect(listed.items.map((kv) => [kv.key, text(kv.value), kv.createRevision, kv.modRevision])).toEqual([
      ['/r/a', 'a2', a.createRevision, a.modRevision + 1],
      ['/r/c', 'c1', c.createRevision, c.modRevision],
    ]);
    await expect(second.list('/r/', { revision: revision - 1 })).rejects.toBeInstanceOf(CompactedError);
    expect((await second.create('/r/d', bytes('d1'))).modRevision).toBe(revision + 1);
    await second.close();
  });

  it('writes a snapshot shortly after a write, without waiting for close', async () => {
    const snapshotFile = join(dir, 'store.json');
    const store = new MemoryStorage({ snapshotFile, snapshotDebounceMs: 10 });
    await store.create('/a', bytes('x'));
    await eventually(() => (existsSync(snapshotFile) ? true : undefined), 'the snapshot file');
    const reader = new MemoryStorage({ snapshotFile });
    expect(text((await reader.get('/a'))!.value)).toBe('x');
    await reader.close();
    await store.close();
  });

  it('refuses a corrupt snapshot file instead of starting empty', async () => {
    const snapshotFile = join(dir, 'store.json');
    await writeFile(snapshotFile, '{"format":"something else"}');
    expect(() => new MemoryStorage({ snapshotFile })).toThrow(SnapshotFormatError);
  });

  it('fails every call after close with StorageUnavailableError and ends its watches silently', async () => {
    const store = new MemoryStorage();
    const errors: Error[] = [];
    await store.watch('/', 0, { onEvents: () => undefined, onError: (e) => errors.push(e) });
    await store.close();
    await expect(store.get('/a')).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(store.create('/a', bytes('x'))).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(errors).toEqual([]);
  });

  it('keeps delivering to other watchers when one handler throws', async () => {
    const store = new MemoryStorage();
    const seen: WatchEvent[] = [];
    await store.watch('/', 0, {
      onEvents: () => {
        throw new Error('handler bug');
      },
      onError: () => undefined,
    });
    await store.watch('/', 0, { onEvents: (events) => seen.push(...events), onError: () => undefined });
    await store.create('/a', bytes('1'));
    await store.create('/b', bytes('2'));
    await eventually(() => (seen.length >= 2 ? true : undefined), 'two events');
    expect(seen.map((e) => (e.type === 'put' ? e.kv.key : e.key))).toEqual(['/a', '/b']);
    await store.close();
  });

  it('delivers a watch started in the future only from its start revision on', async () => {
    const store = new MemoryStorage();
    const seen: number[] = [];
    const start = (await store.currentRevision()) + 2;
    await store.watch('/', start, {
      onEvents: (events) => seen.push(...events.map((e) => (e.type === 'put' ? e.kv.modRevision : e.modRevision))),
      onError: () => undefined,
    });
    for (const k of ['/a', '/b', '/c']) await store.create(k, bytes('x'));
    await eventually(() => (seen.length >= 2 ? true : undefined), 'two events');
    expect(seen).toEqual([start, start + 1]);
    await store.close();
  });

  it('lists and pages 50k keys', async () => {
    const store = new MemoryStorage();
    const names = Array.from({ length: 50_000 }, (_, i) => `/registry/pods/ns/pod-${String(i).padStart(5, '0')}`);
    // Insert in a scrambled order so the sorted index does real work.
    for (let i = 0; i < names.length; i++) await store.create(names[(i * 7919) % names.length], bytes('{}'));
    const all = await store.list('/registry/pods/');
    expect(all.items.map((kv) => kv.key)).toEqual(names);
    const page = await store.list('/registry/pods/', { limit: 500, startAfter: names[999] });
    expect(page.items.map((kv) => kv.key)).toEqual(names.slice(1000, 1500));
    expect(page.more).toBe(true);
    await store.close();
  });

  it('createStorage picks etcd when servers are given, else memory', async () => {
    const memory = createStorage({});
    expect(memory.backend).toBe('memory');
    await memory.close();
    const etcd = createStorage({ etcdServers: ['http://127.0.0.1:1'] });
    expect(etcd.backend).toBe('etcd');
    await etcd.close();
  });
});
