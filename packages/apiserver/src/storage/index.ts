import type { Logger } from 'pino';
import { EtcdStorage } from './etcd';
import { MemoryStorage } from './memory';
import { Storage } from './types';

export * from './types';
export { MemoryStorage, type MemoryStorageOptions } from './memory';
export { EtcdStorage, type EtcdStorageOptions } from './etcd';
export { SnapshotFormatError } from './memory-snapshot';

export interface CreateStorageOptions {
  /** etcd client URLs; when given (and non-empty) the etcd backend is used. */
  etcdServers?: string[];
  /** For the memory backend: load from / save to this file. */
  snapshotFile?: string;
  logger?: Logger;
}

/** The backend the flags ask for: etcd when `--etcd-servers` is set, else the embedded memory store. */
export function createStorage(opts: CreateStorageOptions): Storage {
  if (opts.etcdServers && opts.etcdServers.length > 0) {
    return new EtcdStorage({ endpoints: opts.etcdServers, logger: opts.logger });
  }
  return new MemoryStorage({ snapshotFile: opts.snapshotFile, logger: opts.logger });
}
