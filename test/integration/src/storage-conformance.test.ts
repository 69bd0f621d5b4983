import { EtcdStorage, MemoryStorage, Storage, StorageUnavailableError } from '@tinykube/apiserver';
import { EtcdHandle, freePort, startEtcd } from '@tinykube/testing';
import { describeStorageConformance } from './storage-conformance';

// The same suite on both backends: the apiserver must not be able to tell them apart.
let memory: MemoryStorage | undefined;
describeStorageConformance(
  'memory',
  async () => (memory = new MemoryStorage()),
  async () => {
    await memory?.close();
  },
);

// One real etcd for the whole file; every test works under its own key prefix.
let etcd: EtcdHandle | undefined;
let etcdStorage: EtcdStorage | undefined;
describeStorageConformance(
  'etcd',
  async () => {
    etcd = await startEtcd();
    etcdStorage = new EtcdStorage({ endpoints: [etcd.endpoint] });
    return etcdStorage;
  },
  async () => {
    await etcdStorage?.close();
    await etcd?.stop();
  },
);

describe('etcd storage without a reachable etcd', () => {
  let storage: Storage;
  beforeAll(async () => {
    // Nothing listens on a port we just found free.
    const port = await freePort();
    storage = new EtcdStorage({ endpoints: [`http://127.0.0.1:${port}`], dialTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
  });
  afterAll(async () => {
    await storage.close();
  });

  it.each([
    ['get', (s: Storage) => s.get('/x')],
    ['create', (s: Storage) => s.create('/x', Buffer.from('v'))],
    ['list', (s: Storage) => s.list('/')],
    ['watch', (s: Storage) => s.watch('/', 0, { onEvents: () => undefined, onError: () => undefined })],
  ])('%s fails with StorageUnavailableError', async (_name, op) => {
    await expect(op(storage)).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});
