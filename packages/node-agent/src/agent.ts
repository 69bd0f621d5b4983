/**
 * startNodeAgent: one node's agent in this process. It connects to the runtime (waiting for it),
 * serves its HTTP endpoint, registers the Node, keeps its status and Lease fresh, and runs the pods
 * the apiserver binds to it through a PodManager. stop() stops all that and kills no container.
 */
import { mkdir } from 'node:fs/promises';
import type { Node, Pod } from '@tinykube/api';
import { EventRecorder, KubeClient, SharedInformerFactory, realClock, silentLogger, sleep, type Clock, type Logger } from '@tinykube/client';
import { CriClient, type CriRuntime } from '@tinykube/runtime';
import { agentRegistry } from './metrics';
import { allocatable, machineCapacity, nodeSystemInfo } from './node/machine';
import { NodeLeaseHeartbeat } from './node/lease';
import { NodeStatusReporter, registerNode, type NodeIdentity, type RuntimeHealth } from './node/registration';
import { resolveOptions, DEFAULT_RUNTIME_ENDPOINT, type NodeAgentOptions } from './options';
import { CrashBackoff } from './pod/backoff';
import { apiObjectSource } from './pod/object-source';
import { PodManager, type PodSummary } from './pod/pod-manager';
import { ownPodsFeed } from './pod/pod-feed';
import type { PodSyncDeps } from './pod/deps';
import { startAgentHttpServer, type AgentHttpServer } from './server/http-server';
import { podLogSource } from './server/log-source';

export interface NodeAgent {
  nodeName: string;
  /** The HTTP port actually served (0 when not serving). */
  port: number;
  node: Node;
  pods(): PodSummary[];
  /** Stops the agent; running containers are left alone (a restarted agent adopts them). */
  stop(): Promise<void>;
}

export class AgentStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AgentStartError';
  }
}

/** Waits until the runtime answers Version (it may still be starting), then returns its name and version. */
async function connectRuntime(runtime: CriRuntime, clock: Clock, logger: Logger, signal: AbortSignal): Promise<{ name: string; version: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const v = await runtime.version({ version: 'v1' });
      return { name: v.runtimeName, version: v.runtimeVersion };
    } catch (err) {
      if (signal.aborted) throw new AgentStartError('stopped while waiting for the container runtime', { cause: err });
      if (attempt % 10 === 0) logger.warn({ err }, 'waiting for the container runtime');
      await sleep(clock, Math.min(200 * 2 ** Math.min(attempt, 4), 2000), signal).catch(() => undefined);
    }
  }
}

async function runtimeHealth(runtime: CriRuntime): Promise<RuntimeHealth> {
  const status = await runtime.status({});
  const failing = (status.status?.conditions ?? []).filter((c) => (c.type === 'RuntimeReady' || c.type === 'NetworkReady') && !c.status);
  if (failing.length === 0) return { ready: true, message: '' };
  return { ready: false, message: `container runtime not ready: ${failing.map((c) => `${c.type}=false reason:${c.reason} message:${c.message}`).join(', ')}` };
}

export async function startNodeAgent(options: NodeAgentOptions): Promise<NodeAgent> {
  const o = resolveOptions(options);
  const clock = options.clock ?? realClock;
  const logger = (options.logger ?? silentLogger()).child({ node: o.nodeName });
  if (!options.client && !options.server) throw new AgentStartError('either client or server must be given');
  const client = options.client ?? new KubeClient(options.server!);
  const ownsClient = !options.client;
  const runtime = options.runtime ?? new CriClient(options.containerRuntimeEndpoint ?? DEFAULT_RUNTIME_ENDPOINT);
  const ownsRuntime = !options.runtime;
  const lifetime = new AbortController();
  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanup = async () => {
    lifetime.abort();
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch((err: unknown) => logger.warn({ err }, 'error while stopping'));
  };

  try {
    if (ownsRuntime) cleanups.push(() => runtime.close());
    if (ownsClient) cleanups.push(() => client.close());
    const rt = await connectRuntime(runtime, clock, logger, lifetime.signal);
    await mkdir(o.rootDir, { recursive: true });
    await mkdir(o.logDir, { recursive: true });

    const capacity = o.capacity ?? machineCapacity(o.maxPods);
    if (capacity.pods === undefined) capacity.pods = String(o.maxPods);
    const identityBase = { nodeName: o.nodeName, labels: o.nodeLabels, taints: o.taints, capacity, allocatable: allocatable(capacity, o.systemReserved), internalIP: o.nodeIP };

    const recorder = options.events ?? new EventRecorder(client, { component: 'kubelet', host: o.nodeName, clock, logger });
    if (recorder instanceof EventRecorder && !options.events) cleanups.push(() => recorder.flush());
    const deps: PodSyncDeps = {
      runtime,
      runtimeName: rt.name,
      objects: apiObjectSource(client),
      events: recorder,
      clock,
      logger,
      rootDir: o.rootDir,
      logDir: o.logDir,
      nodeName: o.nodeName,
      hostIPs: [o.nodeIP],
      nodeAllocatable: identityBase.allocatable,
      backoff: new CrashBackoff(o.crashBackoff),
    };
    const pods = new PodManager(deps, client, { relistMs: o.relistMs, resyncMs: o.resyncMs });
    cleanups.push(() => pods.stop());

    let http: AgentHttpServer | undefined;
    if (o.serveHttp) {
      const registry = agentRegistry(o.nodeName, pods, !options.podFeed);
      http = await startAgentHttpServer({ bindAddress: o.nodeIP, port: o.port, registry, logs: podLogSource(pods, runtime), logger, healthy: () => !lifetime.signal.aborted, logPollMs: o.logPollMs });
      cleanups.push(() => http!.close());
    }
    const identity: NodeIdentity = { ...identityBase, port: http?.port ?? o.port };
    const node = await registerNode(client, identity);
    const reporter = new NodeStatusReporter({
      client,
      identity,
      nodeInfo: nodeSystemInfo(`${rt.name}://${rt.version}`),
      health: () => runtimeHealth(runtime),
      clock,
      logger,
      checkMs: o.nodeStatusCheckMs,
      reportMs: o.nodeStatusReportMs,
    });
    await reporter.start();
    cleanups.push(() => reporter.stop());
    const lease = new NodeLeaseHeartbeat({ client, node, clock, logger, renewMs: o.leaseRenewMs });
    await lease.start();
    cleanups.push(() => lease.stop());

    let factory: SharedInformerFactory | undefined;
    const feed = options.podFeed ?? ownPodsFeed((factory = new SharedInformerFactory(client, { clock, logger })));
    if (factory) cleanups.push(() => factory!.shutdown());
    await feed.subscribe(o.nodeName, { podChanged: (p: Pod) => pods.podChanged(p), podDeleted: (p: Pod) => pods.podDeleted(p) }, lifetime.signal);
    pods.start();
    logger.info({ port: identity.port, runtime: `${rt.name}://${rt.version}` }, 'node agent started');

    let stopping: Promise<void> | undefined;
    return {
      nodeName: o.nodeName,
      port: http?.port ?? 0,
      node,
      pods: () => pods.pods(),
      stop: () => (stopping ??= cleanup()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
