/**
 * The Node object: registered once at start (created, or the existing one's labels brought up to
 * date), then its status (capacity, allocatable, addresses, daemonEndpoints, nodeInfo, and the
 * conditions, Ready first among them) written when it changes and at least every reportMs.
 */
import { deepEqual, metaTime, type Node, type NodeCondition, type NodeStatus, type ResourceList, type Taint } from '@tinykube/api';
import { isAlreadyExists, isConflict, type Clock, type KubeClient, type Logger } from '@tinykube/client';
import { goArch } from './machine';

export interface NodeIdentity {
  nodeName: string;
  labels: Record<string, string>;
  taints: Taint[];
  capacity: ResourceList;
  allocatable: ResourceList;
  internalIP: string;
  port: number;
}

export function defaultNodeLabels(nodeName: string): Record<string, string> {
  const arch = goArch();
  return {
    'beta.kubernetes.io/arch': arch,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': arch,
    'kubernetes.io/hostname': nodeName,
    'kubernetes.io/os': 'linux',
  };
}

export function initialNode(id: NodeIdentity): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: id.nodeName, labels: { ...defaultNodeLabels(id.nodeName), ...id.labels } },
    spec: id.taints.length > 0 ? { taints: id.taints } : {},
  };
}

/** Creates the Node, or updates an existing one's labels (its taints and spec are the cluster's now). */
export async function registerNode(client: KubeClient, id: NodeIdentity): Promise<Node> {
  const nodes = client.resource<Node>('nodes');
  const wanted = initialNode(id);
  try {
    return await nodes.create(wanted);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
  for (;;) {
    const existing = await nodes.get(id.nodeName);
    const labels = { ...(existing.metadata.labels ?? {}), ...wanted.metadata.labels };
    if (deepEqual(labels, existing.metadata.labels ?? {})) return existing;
    try {
      return await nodes.update({ ...existing, metadata: { ...existing.metadata, labels } });
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
  }
}

export interface RuntimeHealth {
  ready: boolean;
  message: string;
}

function nodeConditions(health: RuntimeHealth, old: NodeCondition[], nowMs: number): NodeCondition[] {
  const make = (type: string, ok: boolean, reason: string, message: string): NodeCondition => {
    const status = type === 'Ready' ? (ok ? 'True' : 'False') : ok ? 'False' : 'True';
    const prior = old.find((c) => c.type === type);
    return {
      type,
      status,
      lastHeartbeatTime: metaTime(nowMs),
      lastTransitionTime: prior && prior.status === status && prior.lastTransitionTime ? prior.lastTransitionTime : metaTime(nowMs),
      reason,
      message,
    };
  };
  return [
    make('MemoryPressure', true, 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    make('DiskPressure', true, 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    make('PIDPressure', true, 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    health.ready ? make('Ready', true, 'KubeletReady', 'kubelet is posting ready status') : make('Ready', false, 'KubeletNotReady', health.message),
  ];
}

export interface NodeStatusOptions {
  client: KubeClient;
  identity: NodeIdentity;
  nodeInfo: NodeStatus['nodeInfo'];
  health: () => Promise<RuntimeHealth>;
  clock: Clock;
  logger: Logger;
  /** How often the runtime's health is checked (default 10 s). */
  checkMs: number;
  /** The status is written at least this often even when nothing changed (the kubelet's 5 min). */
  reportMs: number;
}

export class NodeStatusReporter {
  private lastReady: boolean | undefined;
  private lastReportMs = 0;
  private conditions: NodeCondition[] = [];
  private cancel: (() => void) | undefined;
  private stopped = false;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly opts: NodeStatusOptions) {}

  /** Writes the status once now, then keeps it up to date. */
  async start(): Promise<void> {
    await this.check();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    await this.inFlight;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.cancel = this.opts.clock.setTimer(() => {
      this.inFlight = this.check()
        .catch((err: unknown) => this.opts.logger.warn({ err }, 'could not update node status'))
        .finally(() => {
          this.inFlight = undefined;
          this.schedule();
        });
    }, this.opts.checkMs);
  }

  private async check(): Promise<void> {
    const health = await this.opts.health().catch((err: unknown) => ({ ready: false, message: `container runtime is down: ${(err as Error).message}` }));
    const now = this.opts.clock.now();
    if (health.ready === this.lastReady && now - this.lastReportMs < this.opts.reportMs) return;
    const { identity } = this.opts;
    this.conditions = nodeConditions(health, this.conditions, now);
    const status: NodeStatus = {
      capacity: identity.capacity,
      allocatable: identity.allocatable,
      conditions: this.conditions,
      addresses: [
        { type: 'InternalIP', address: identity.internalIP },
        { type: 'Hostname', address: identity.nodeName },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: identity.port } },
      nodeInfo: this.opts.nodeInfo,
    };
    await this.opts.client.resource<Node>('nodes').patch(identity.nodeName, { status }, 'merge', { subresource: 'status' });
    this.lastReady = health.ready;
    this.lastReportMs = now;
  }
}
