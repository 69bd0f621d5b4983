/** Public apiserver options and their resolution into one fully-defaulted object (defaults live here only). */
import pino, { type Logger } from 'pino';
import type { Storage } from './storage/types';

export interface ApiServerOptions {
  /** etcd client URLs; without them (and without `storage`) the embedded memory store is used. */
  etcdServers?: string[];
  /** A ready storage backend (tests inject one); overrides etcdServers. */
  storage?: Storage;
  /** With the memory store: load from and save to this file. */
  snapshotFile?: string;
  bindAddress?: string;
  /** 0 picks a free port. */
  port?: number;
  serviceClusterIpRange?: string;
  maxRequestsInflight?: number;
  watchWindowSize?: number;
  watchBookmarkIntervalMs?: number;
  minRequestTimeoutSeconds?: number;
  /** How often storage history is compacted; 0 turns compaction off. */
  compactionIntervalMs?: number;
  /** Default tolerationSeconds for the not-ready / unreachable NoExecute taints (kube-apiserver: 300). */
  defaultNotReadyTolerationSeconds?: number;
  defaultUnreachableTolerationSeconds?: number;
  logger?: Logger;
}

export interface ResolvedApiServerOptions {
  etcdServers: string[];
  storage?: Storage;
  snapshotFile?: string;
  bindAddress: string;
  port: number;
  serviceClusterIpRange: string;
  maxRequestsInflight: number;
  watchWindowSize: number;
  watchBookmarkIntervalMs: number;
  minRequestTimeoutSeconds: number;
  compactionIntervalMs: number;
  defaultNotReadyTolerationSeconds: number;
  defaultUnreachableTolerationSeconds: number;
  logger: Logger;
}

export const DEFAULT_PORT = 8080;

export function resolveOptions(o: ApiServerOptions): ResolvedApiServerOptions {
  return {
    etcdServers: o.etcdServers ?? [],
    storage: o.storage,
    snapshotFile: o.snapshotFile,
    bindAddress: o.bindAddress ?? '127.0.0.1',
    port: o.port ?? DEFAULT_PORT,
    serviceClusterIpRange: o.serviceClusterIpRange ?? '10.96.0.0/12',
    maxRequestsInflight: o.maxRequestsInflight ?? 400,
    watchWindowSize: o.watchWindowSize ?? 4096,
    watchBookmarkIntervalMs: o.watchBookmarkIntervalMs ?? 60_000,
    minRequestTimeoutSeconds: o.minRequestTimeoutSeconds ?? 1800,
    compactionIntervalMs: o.compactionIntervalMs ?? 5 * 60_000,
    defaultNotReadyTolerationSeconds: o.defaultNotReadyTolerationSeconds ?? 300,
    defaultUnreachableTolerationSeconds: o.defaultUnreachableTolerationSeconds ?? 300,
    logger: o.logger ?? pino({ name: 'apiserver', level: process.env.LOG_LEVEL ?? 'info' }),
  };
}
