/**
 * Node health: every monitor period, each node's heartbeat (its Lease in kube-node-lease, or its Ready
 * condition's lastHeartbeatTime) is compared with when this controller last saw it change, on this
 * controller's own clock. Past the grace period the node's conditions go Unknown ("Kubelet stopped
 * posting node status."), its pods are marked not ready, and it is tainted: NoSchedule at once,
 * NoExecute through the zone's rate limit (see zones.ts). A node Ready again loses those taints.
 */
import type { Lease, Node, NodeCondition, Pod } from '@tinykube/api';
import { isConflict, isNotFound, NODE_NAME_INDEX, type Clock, type Indexer, type Logger } from '@tinykube/client';
import type { ApiClient, Recorder } from '../../api';
import { metaTime } from '@tinykube/api';
import { hasTaint, readyCondition, taintsEqual, TAINT_NOT_READY, TAINT_UNREACHABLE, wantedNoExecute, wantedNoSchedule, withManagedTaints } from './taints';
import { RateLimitedQueue, zoneOf, zoneRate, zoneState, type ZoneState } from './zones';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
const WATCHED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export interface NodeMonitorOptions {
  gracePeriodMs: number;
  startupGracePeriodMs: number;
  evictionRate: number;
  secondaryEvictionRate: number;
  largeClusterSizeThreshold: number;
  unhealthyZoneThreshold: number;
}

export interface NodeMonitorDeps {
  api: ApiClient;
  nodes: Indexer<Node>;
  leases: Indexer<Lease>;
  /** Needs the nodeName index. */
  pods: Indexer<Pod>;
  recorder: Recorder;
  clock: Clock;
  logger: Logger;
  options: NodeMonitorOptions;
}

interface Health {
  /** When this controller last saw the heartbeat move (its own clock). */
  probeMs: number;
  heartbeat?: string;
  renewTime?: string;
}

export class NodeMonitor {
  private readonly health = new Map<string, Health>();
  private readonly zoneQueues = new Map<string, RateLimitedQueue>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private allDisrupted = false;

  constructor(private readonly d: NodeMonitorDeps) {}

  private queueFor(zone: string): RateLimitedQueue {
    let q = this.zoneQueues.get(zone);
    if (!q) this.zoneQueues.set(zone, (q = new RateLimitedQueue(this.d.clock, this.d.options.evictionRate)));
    return q;
  }

  /** One monitor pass over every node. */
  async monitor(): Promise<void> {
    const nodes = this.d.nodes.list();
    const names = new Set(nodes.map((n) => n.metadata.name!));
    for (const name of this.health.keys()) if (!names.has(name)) this.health.delete(name);
    const counts = new Map<string, { ready: number; notReady: number }>();
    for (const cached of nodes) {
      let node = cached;
      try {
        node = await this.updateHealth(cached);
        const c = counts.get(zoneOf(node)) ?? { ready: 0, notReady: 0 };
        if (readyCondition(node)?.status === 'True') c.ready++;
        else c.notReady++;
        counts.set(zoneOf(node), c);
        node = await this.reconcileTaints(node);
        if (readyCondition(node)?.status !== 'True') await this.markPodsNotReady(node);
      } catch (err) {
        if (!isNotFound(err)) this.d.logger.warn({ err, node: node.metadata.name }, 'node health update failed; retrying next pass');
      }
    }
    await this.handleDisruption(counts, nodes);
  }

  /** Marks the node's conditions Unknown when its heartbeat is older than the grace period. */
  private async updateHealth(node: Node): Promise<Node> {
    const name = node.metadata.name!;
    const now = this.d.clock.now();
    const ready = readyCondition(node);
    const lease = this.d.leases.get(NODE_LEASE_NAMESPACE, name);
    const heartbeat = ready?.lastHeartbeatTime;
    const renewTime = lease?.spec?.renewTime;
    const h = this.health.get(name);
    if (!h) this.health.set(name, { probeMs: now, heartbeat, renewTime });
    else if (h.heartbeat !== heartbeat || h.renewTime !== renewTime) Object.assign(h, { probeMs: now, heartbeat, renewTime });
    const probeMs = this.health.get(name)!.probeMs;
    const grace = ready ? this.d.options.gracePeriodMs : this.d.options.startupGracePeriodMs;
    if (now - probeMs <= grace) return node;

    const conditions: NodeCondition[] = structuredClone(node.status?.conditions ?? []);
    let changed = false;
    for (const type of WATCHED_CONDITIONS) {
      const c = conditions.find((x) => x.type === type);
      if (!c) {
        conditions.push({
          type,
          status: 'Unknown',
          reason: 'NodeStatusNeverUpdated',
          message: 'Kubelet never posted node status.',
          lastHeartbeatTime: node.metadata.creationTimestamp,
          lastTransitionTime: metaTime(now),
        });
        changed = true;
      } else if (c.status !== 'Unknown') {
        Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: metaTime(now) });
        changed = true;
      }
    }
    if (!changed) return node;
    const updated = await this.d.api.resource<Node>('nodes').updateStatus({ ...structuredClone(node), status: { ...node.status, conditions } });
    this.d.logger.info({ node: name }, 'node stopped posting status; marked Unknown');
    if (ready?.status === 'True') this.d.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    return updated;
  }

  /** NoSchedule taints follow the conditions at once; a new NoExecute taint waits for its zone's rate. */
  private async reconcileTaints(node: Node): Promise<Node> {
    const name = node.metadata.name!;
    const queue = this.queueFor(zoneOf(node));
    let noExecute = wantedNoExecute(node);
    if (noExecute === undefined || this.allDisrupted) {
      queue.remove(name);
      noExecute = undefined;
    } else {
      const current = hasTaint(node, TAINT_NOT_READY, 'NoExecute') ? TAINT_NOT_READY : hasTaint(node, TAINT_UNREACHABLE, 'NoExecute') ? TAINT_UNREACHABLE : undefined;
      if (!current) {
        // Not tainted yet: the zone queue decides when (processQueues); nothing NoExecute now.
        queue.add(name);
        noExecute = undefined;
      }
      // Tainted with the other key: swapped at once, as Kubernetes does.
    }
    return this.writeTaints(node, wantedNoSchedule(node), noExecute);
  }

  private async writeTaints(node: Node, noSchedule: string[], noExecute: string | undefined): Promise<Node> {
    const taints = withManagedTaints(node, noSchedule, noExecute, this.d.clock.now());
    if (taintsEqual(node.spec?.taints, taints)) return node;
    const api = this.d.api.resource<Node>('nodes');
    const put = (n: Node) => api.update({ ...structuredClone(n), spec: { ...n.spec, taints } });
    try {
      return await put(node);
    } catch (err) {
      if (!isConflict(err)) throw err;
      return put(await api.get(node.metadata.name!));
    }
  }

  /** Adds the NoExecute taint to the nodes each zone's rate lets through now. */
  async processQueues(): Promise<void> {
    for (const q of this.zoneQueues.values()) {
      for (const name of q.take()) {
        const node = this.d.nodes.get(undefined, name);
        const want = node && !this.allDisrupted ? wantedNoExecute(node) : undefined;
        if (!node || !want) continue;
        try {
          await this.writeTaints(node, wantedNoSchedule(node), want);
          this.d.logger.info({ node: name, taint: want }, 'tainted node NoExecute');
        } catch (err) {
          this.d.logger.warn({ err, node: name }, 'could not taint node; will retry');
          q.add(name);
        }
      }
    }
  }

  /** Sets each zone's rate from its state; if every zone is dark, stops all eviction (and untaints). */
  private async handleDisruption(counts: Map<string, { ready: number; notReady: number }>, nodes: Node[]): Promise<void> {
    const states = new Map([...counts].map(([zone, c]) => [zone, zoneState(c.ready, c.notReady, this.d.options.unhealthyZoneThreshold)] as const));
    const allDisrupted = states.size > 0 && [...states.values()].every((s) => s === 'FullDisruption');
    if (allDisrupted && !this.allDisrupted) {
      this.d.logger.warn('every zone is fully disrupted: stopping evictions until some node is ready again');
      for (const q of this.zoneQueues.values()) q.setRate(0);
      for (const n of nodes) {
        const fresh = this.d.nodes.get(undefined, n.metadata.name!) ?? n;
        this.zoneQueues.get(zoneOf(fresh))?.remove(fresh.metadata.name!);
        await this.writeTaints(fresh, wantedNoSchedule(fresh), undefined).catch(() => undefined);
      }
    }
    if (!allDisrupted && this.allDisrupted) {
      // Coming back from a total outage: every node gets a fresh grace period before judgement.
      const now = this.d.clock.now();
      for (const h of this.health.values()) h.probeMs = now;
    }
    this.allDisrupted = allDisrupted;
    if (allDisrupted) return;
    for (const [zone, state] of states) {
      const size = (counts.get(zone)?.ready ?? 0) + (counts.get(zone)?.notReady ?? 0);
      const rate = zoneRate(state, size, {
        evictionRate: this.d.options.evictionRate,
        secondaryEvictionRate: this.d.options.secondaryEvictionRate,
        largeClusterSizeThreshold: this.d.options.largeClusterSizeThreshold,
      });
      if (this.zoneStates.get(zone) !== state) this.d.logger.info({ zone, state, rate }, 'zone state changed');
      this.zoneStates.set(zone, state);
      this.queueFor(zone).setRate(rate);
    }
  }

  /** Pods on a node that is not ready are not ready either (so Services stop sending them traffic). */
  private async markPodsNotReady(node: Node): Promise<void> {
    const now = metaTime(this.d.clock.now());
    for (const pod of this.d.pods.byIndex(NODE_NAME_INDEX, node.metadata.name!)) {
      const conditions = pod.status?.conditions ?? [];
      const ready = conditions.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False' || pod.metadata.deletionTimestamp) continue;
      const next = conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const, lastTransitionTime: now } : c));
      try {
        await this.d.api.resource<Pod>('pods', pod.metadata.namespace).updateStatus({ ...structuredClone(pod), status: { ...pod.status, conditions: next } });
        this.d.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch (err) {
        // A pod that changed or went meanwhile is looked at again on the next pass.
        if (!isConflict(err) && !isNotFound(err)) throw err;
      }
    }
  }
}
