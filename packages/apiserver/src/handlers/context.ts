/** What every request handler can reach, and the shape of what it answers. */
import type { Logger } from 'pino';
import type { ServiceIpAllocator } from '../rest/ip-allocator';
import type { ObjectStore } from '../rest/store';
import type { WatchHub } from '../watch/hub';
import type { WatchServeOptions } from '../watch/serve';

export interface ApiContext {
  store: ObjectStore;
  hub: WatchHub;
  ips: ServiceIpAllocator;
  logger: Logger;
  watch: WatchServeOptions;
  admission: AdmissionOptions;
  now(): Date;
}

export interface AdmissionOptions {
  /** tolerationSeconds of the default node.kubernetes.io/not-ready NoExecute toleration every pod gets. */
  notReadyTolerationSeconds: number;
  /** tolerationSeconds of the default node.kubernetes.io/unreachable NoExecute toleration. */
  unreachableTolerationSeconds: number;
}

export interface HandlerResult {
  status: number;
  body: unknown;
  /** Sent as `Warning: 299 - "<text>"` headers, which kubectl prints. */
  warnings?: string[];
}
