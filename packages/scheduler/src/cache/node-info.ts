/**
 * NodeInfo: one node and what the pods on it already take (requests, host ports, owners), kept up to
 * date incrementally as pods come and go so no filter ever walks a node's pods. PodInfo: the facts about
 * a pod the plugins need, computed once per pod object instead of once per node.
 */
import { objectKey, type Node, type Pod, type Taint } from '@tinykube/api';
import { nodeAllocatable, podNonZeroRequests, podRequests, type Allocatable, type Resources } from './resources';

export interface HostPort {
  /** '0.0.0.0' when the pod did not name a host IP: it then takes the port on every address. */
  ip: string;
  protocol: string;
  port: number;
}

export const ANY_IP = '0.0.0.0';

export interface PodInfo {
  key: string;
  pod: Pod;
  requests: Resources;
  nonZeroRequests: Resources;
  hostPorts: HostPort[];
  /** uid of the controller ownerReference (ReplicaSet, Job, ...), if any. */
  ownerUid: string | undefined;
}

function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  // Sidecars run for the pod's whole life, so their host ports are held like app containers' ones.
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || ANY_IP, protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

export function makePodInfo(pod: Pod): PodInfo {
  return {
    key: objectKey(pod),
    pod,
    requests: podRequests(pod),
    nonZeroRequests: podNonZeroRequests(pod),
    hostPorts: hostPortsOf(pod),
    ownerUid: pod.metadata.ownerReferences?.find((r) => r.controller)?.uid,
  };
}

/** The same pod placed on a node (what the cache assumes before the binding call returns). */
export function withNodeName(info: PodInfo, nodeName: string): PodInfo {
  return { ...info, pod: { ...info.pod, spec: { ...info.pod.spec!, nodeName } } };
}

const portKey = (protocol: string, port: number): string => `${protocol}/${port}`;

export class NodeInfo {
  node: Node | undefined;
  /** Read off the Node once per change, so filters need not walk the object for every pod. */
  ready = false;
  unschedulable = false;
  taints: readonly Taint[] = [];
  // Resources as plain number fields rather than small objects: the filter and score loops read them
  // for hundreds of nodes per pod, and every extra object is another cache miss.
  allocMilliCpu = 0;
  allocMemory = 0;
  allocPods = 0;
  /** Sum of the pods' requests. */
  reqMilliCpu = 0;
  reqMemory = 0;
  /** The same with BestEffort defaults filled in (see podNonZeroRequests), for scoring. */
  nonZeroMilliCpu = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, PodInfo>();
  /** pods.size, kept as a plain field: the filter loop reads it for every node. */
  podCount = 0;
  /** protocol/port -> host IP -> how many pods hold it. */
  readonly usedPorts = new Map<string, Map<string, number>>();
  /** owner uid -> pods of that owner on this node. */
  readonly ownerCounts = new Map<string, number>();

  constructor(readonly name: string) {}

  setNode(node: Node): void {
    this.node = node;
    const alloc: Allocatable = nodeAllocatable(node);
    this.allocMilliCpu = alloc.milliCpu;
    this.allocMemory = alloc.memory;
    this.allocPods = alloc.pods;
    this.ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    this.unschedulable = node.spec?.unschedulable ?? false;
    this.taints = node.spec?.taints ?? [];
  }

  addPod(p: PodInfo): void {
    if (this.pods.has(p.key)) this.removePod(p.key);
    this.pods.set(p.key, p);
    this.podCount = this.pods.size;
    this.apply(p, 1);
  }

  removePod(key: string): PodInfo | undefined {
    const p = this.pods.get(key);
    if (!p) return undefined;
    this.pods.delete(key);
    this.podCount = this.pods.size;
    this.apply(p, -1);
    return p;
  }

  private apply(p: PodInfo, sign: 1 | -1): void {
    this.reqMilliCpu += sign * p.requests.milliCpu;
    this.reqMemory += sign * p.requests.memory;
    this.nonZeroMilliCpu += sign * p.nonZeroRequests.milliCpu;
    this.nonZeroMemory += sign * p.nonZeroRequests.memory;
    for (const hp of p.hostPorts) bump(this.usedPorts, portKey(hp.protocol, hp.port), hp.ip, sign);
    if (p.ownerUid) {
      const n = (this.ownerCounts.get(p.ownerUid) ?? 0) + sign;
      if (n > 0) this.ownerCounts.set(p.ownerUid, n);
      else this.ownerCounts.delete(p.ownerUid);
    }
  }

  /** True when `hp` clashes with a port a pod here already holds. */
  portInUse(hp: HostPort): boolean {
    const ips = this.usedPorts.get(portKey(hp.protocol, hp.port));
    if (!ips || ips.size === 0) return false;
    if (hp.ip === ANY_IP) return true;
    return ips.has(hp.ip) || ips.has(ANY_IP);
  }

  /** A copy the scheduling cycle can read while the cache moves on. */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.ready = this.ready;
    c.unschedulable = this.unschedulable;
    c.taints = this.taints;
    c.allocMilliCpu = this.allocMilliCpu;
    c.allocMemory = this.allocMemory;
    c.allocPods = this.allocPods;
    c.reqMilliCpu = this.reqMilliCpu;
    c.reqMemory = this.reqMemory;
    c.nonZeroMilliCpu = this.nonZeroMilliCpu;
    c.nonZeroMemory = this.nonZeroMemory;
    for (const [k, v] of this.pods) c.pods.set(k, v);
    c.podCount = this.podCount;
    for (const [k, v] of this.usedPorts) c.usedPorts.set(k, new Map(v));
    for (const [k, v] of this.ownerCounts) c.ownerCounts.set(k, v);
    return c;
  }
}

function bump(map: Map<string, Map<string, number>>, key: string, ip: string, sign: 1 | -1): void {
  let ips = map.get(key);
  if (!ips) map.set(key, (ips = new Map()));
  const n = (ips.get(ip) ?? 0) + sign;
  if (n > 0) ips.set(ip, n);
  else ips.delete(ip);
  if (ips.size === 0) map.delete(key);
}
