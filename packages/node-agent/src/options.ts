/**
 * The node agent's options: the public shape (everything optional but the node name and how to reach
 * the apiserver and the runtime) and the resolved one, with every default decided here.
 */
import { join } from 'node:path';
import type { ResourceList, Taint } from '@tinykube/api';
import type { Clock, KubeClient, Logger } from '@tinykube/client';
import type { CriRuntime } from '@tinykube/runtime';
import type { CrashBackoffOptions } from './pod/backoff';
import type { PodFeed } from './pod/pod-feed';
import type { EventSink } from './pod/deps';

export const DEFAULT_PORT = 10250;
export const DEFAULT_MAX_PODS = 110;
export const DEFAULT_RUNTIME_ENDPOINT = 'unix:///run/tinykube/runtime.sock';

export interface NodeAgentOptions {
  nodeName: string;
  /** The apiserver: a client, or a URL (--server). */
  client?: KubeClient;
  server?: string;
  /** The runtime: in-process, or a CRI endpoint (`unix:///...`). */
  runtime?: CriRuntime;
  containerRuntimeEndpoint?: string;
  /** --root-dir: pod volumes under <rootDir>/pods (default /var/lib/tinykube-node-agent). */
  rootDir?: string;
  /** Pod log directories (default <rootDir>/pod-logs, the kubelet's /var/log/pods). */
  logDir?: string;
  nodeLabels?: Record<string, string>;
  taints?: Taint[];
  /** Default: the machine's cpus and memory, and maxPods. */
  capacity?: ResourceList;
  systemReserved?: ResourceList;
  maxPods?: number;
  /** InternalIP of the Node and hostIP of its pods (default 127.0.0.1). */
  nodeIP?: string;
  /** --port: logs, healthz, metrics (default 10250; 0 picks a free one). */
  port?: number;
  /** Serve HTTP at all (default true; hollow nodes skip it). */
  serveHttp?: boolean;
  leaseRenewMs?: number;
  nodeStatusCheckMs?: number;
  nodeStatusReportMs?: number;
  relistMs?: number;
  resyncMs?: number;
  crashBackoff?: CrashBackoffOptions;
  /** Poll interval of followed logs. */
  logPollMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** Shared by hollow nodes; a standalone agent makes its own. */
  podFeed?: PodFeed;
  events?: EventSink;
}

export interface ResolvedOptions {
  nodeName: string;
  rootDir: string;
  logDir: string;
  nodeLabels: Record<string, string>;
  taints: Taint[];
  capacity: ResourceList | undefined;
  systemReserved: ResourceList;
  maxPods: number;
  nodeIP: string;
  port: number;
  serveHttp: boolean;
  leaseRenewMs: number;
  nodeStatusCheckMs: number;
  nodeStatusReportMs: number;
  relistMs: number;
  resyncMs: number;
  crashBackoff: CrashBackoffOptions;
  logPollMs: number;
}

export function resolveOptions(o: NodeAgentOptions): ResolvedOptions {
  const rootDir = o.rootDir ?? '/var/lib/tinykube-node-agent';
  return {
    nodeName: o.nodeName,
    rootDir,
    logDir: o.logDir ?? join(rootDir, 'pod-logs'),
    nodeLabels: o.nodeLabels ?? {},
    taints: o.taints ?? [],
    capacity: o.capacity,
    systemReserved: o.systemReserved ?? {},
    maxPods: o.maxPods ?? DEFAULT_MAX_PODS,
    nodeIP: o.nodeIP ?? '127.0.0.1',
    port: o.port ?? DEFAULT_PORT,
    serveHttp: o.serveHttp ?? true,
    leaseRenewMs: o.leaseRenewMs ?? 10_000,
    nodeStatusCheckMs: o.nodeStatusCheckMs ?? 10_000,
    nodeStatusReportMs: o.nodeStatusReportMs ?? 5 * 60_000,
    relistMs: o.relistMs ?? 1000,
    resyncMs: o.resyncMs ?? 10_000,
    crashBackoff: o.crashBackoff ?? {},
    logPollMs: o.logPollMs ?? 200,
  };
}
