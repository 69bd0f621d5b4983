/**
 * Hollow nodes (as kubemark's): real node agents over an in-memory FakeRuntime, where a container is
 * Running the moment it starts and never exits. Many fit in one process: they share one apiserver
 * client, one pod informer (routed by spec.nodeName) and one event recorder, and serve no HTTP.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResourceList, Taint } from '@tinykube/api';
import { EventRecorder, KubeClient, SharedInformerFactory, realClock, silentLogger, type Clock, type Logger } from '@tinykube/client';
import { FakeRuntime } from '@tinykube/runtime';
import { startNodeAgent, type NodeAgent } from './agent';
import type { NodeAgentOptions } from './options';
import { SharedPodFeed } from './pod/pod-feed';

export const HOLLOW_CAPACITY: ResourceList = { cpu: '4', memory: '16Gi', pods: '110' };

export interface HollowNodesOptions {
  count: number;
  client?: KubeClient;
  server?: string;
  /** Nodes are named <prefix><index> (default 'hollow-node-'). */
  namePrefix?: string;
  capacity?: ResourceList;
  nodeLabels?: Record<string, string>;
  taints?: Taint[];
  /** Where pod volumes go (default: a temp dir removed on stop). */
  rootDir?: string;
  /** How many nodes register at once (default 50). */
  concurrency?: number;
  leaseRenewMs?: number;
  relistMs?: number;
  resyncMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** Extra options for every node (ports and runtimes are decided here). */
  agentOptions?: Partial<Omit<NodeAgentOptions, 'nodeName' | 'client' | 'server' | 'runtime' | 'podFeed'>>;
}

export interface HollowNodes {
  nodes: NodeAgent[];
  runtimes: Map<string, FakeRuntime>;
  stop(): Promise<void>;
}

export async function startHollowNodes(opts: HollowNodesOptions): Promise<HollowNodes> {
  if (!opts.client && !opts.server) throw new Error('startHollowNodes needs client or server');
  const client = opts.client ?? new KubeClient(opts.server!);
  const clock = opts.clock ?? realClock;
  const logger = opts.logger ?? silentLogger();
  const factory = new SharedInformerFactory(client, { clock, logger });
  const feed = new SharedPodFeed(factory);
  const events = new EventRecorder(client, { component: 'kubelet', host: 'hollow', clock, logger });
  const ownRoot = opts.rootDir === undefined;
  const rootDir = opts.rootDir ?? (await mkdtemp(join(tmpdir(), 'tinykube-hollow-')));
  const nodes: NodeAgent[] = [];
  const runtimes = new Map<string, FakeRuntime>();
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await factory.shutdown();
    await events.flush();
    for (const r of runtimes.values()) r.close();
    if (!opts.client) client.close();
    if (ownRoot) await rm(rootDir, { recursive: true, force: true });
  };
  try {
    const prefix = opts.namePrefix ?? 'hollow-node-';
    const concurrency = opts.concurrency ?? 50;
    for (let start = 0; start < opts.count; start += concurrency) {
      const batch = Array.from({ length: Math.min(concurrency, opts.count - start) }, (_, i) => start + i);
      const started = await Promise.all(
        batch.map((i) => {
          const nodeName = `${prefix}${i}`;
          const runtime = new FakeRuntime({ recordCalls: false });
          runtimes.set(nodeName, runtime);
          return startNodeAgent({
            ...opts.agentOptions,
            nodeName,
            client,
            runtime,
            podFeed: feed,
            events,
            serveHttp: false,
            capacity: { ...(opts.capacity ?? HOLLOW_CAPACITY) },
            nodeLabels: opts.nodeLabels,
            taints: opts.taints,
            rootDir: join(rootDir, nodeName),
            leaseRenewMs: opts.leaseRenewMs,
            relistMs: opts.relistMs ?? 5000,
            resyncMs: opts.resyncMs ?? 60_000,
            clock,
            logger,
          });
        }),
      );
      nodes.push(...started);
    }
    return { nodes, runtimes, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
