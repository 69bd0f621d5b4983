/**
 * An apiserver in this process for a test, on either backend. With `backend: 'etcd'` and no etcd given,
 * a real etcd is started for it and stopped with it.
 */
import { startApiServer, type ApiServer, type ApiServerOptions, EtcdStorage, MemoryStorage, type Storage } from '@tinykube/apiserver';
import pino from 'pino';
import { startEtcd, type EtcdHandle } from './etcd';

export type Backend = 'memory' | 'etcd';
export const BACKENDS: Backend[] = ['memory', 'etcd'];

export interface TestApiServer {
  url: string;
  server: ApiServer;
  storage: Storage;
  etcd?: EtcdHandle;
  /** Stops the apiserver, its storage, and the etcd it started (not one passed in). */
  stop(): Promise<void>;
}

export interface TestApiServerOptions extends Omit<ApiServerOptions, 'storage' | 'etcdServers' | 'port' | 'bindAddress'> {
  backend: Backend;
  /** Reuse a running etcd (the caller stops it); otherwise one is started. */
  etcd?: EtcdHandle;
}

export async function startTestApiServer(opts: TestApiServerOptions): Promise<TestApiServer> {
  const { backend, etcd: givenEtcd, ...rest } = opts;
  let etcd: EtcdHandle | undefined;
  let storage: Storage;
  if (backend === 'etcd') {
    etcd = givenEtcd ?? (await startEtcd());
    storage = new EtcdStorage({ endpoints: [etcd.endpoint] });
  } else {
    storage = new MemoryStorage();
  }
  const logger = rest.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  let server: ApiServer;
  try {
    server = await startApiServer({ ...rest, storage, port: 0, bindAddress: '127.0.0.1', logger });
  } catch (e) {
    await storage.close().catch(() => undefined);
    if (etcd && !givenEtcd) await etcd.stop();
    throw e;
  }
  return {
    url: server.url,
    server,
    storage,
    etcd,
    async stop() {
      await server.close();
      await storage.close();
      if (etcd && !givenEtcd) await etcd.stop();
    },
  };
}
