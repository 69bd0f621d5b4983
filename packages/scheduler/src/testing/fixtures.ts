/** Builders for Nodes and Pods in unit tests: only the fields a case cares about. */
import type { Container, Node, Pod, Taint } from '@tinykube/api';
import { NodeInfo, makePodInfo, type PodInfo } from '../cache/node-info';

export interface NodeSpecLite {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  ready?: 'True' | 'False' | 'Unknown' | 'missing';
}

export function node(name: string, s: NodeSpecLite = {}): Node {
  const allocatable = { cpu: s.cpu ?? '4', memory: s.memory ?? '8Gi', pods: String(s.pods ?? 110) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...s.labels }, resourceVersion: '1' },
    spec: { taints: s.taints, unschedulable: s.unschedulable },
    status: {
      capacity: allocatable,
      allocatable,
      conditions: s.ready === 'missing' ? [] : [{ type: 'Ready', status: s.ready ?? 'True' }],
    },
  };
}

export function container(name: string, requests?: { cpu?: string; memory?: string }, extra: Partial<Container> = {}): Container {
  return { name, image: 'busybox', ...(requests ? { resources: { requests } } : {}), ...extra };
}

export function pod(name: string, spec: Partial<Pod['spec']> = {}, meta: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', ...meta },
    spec: { containers: [container('app')], schedulerName: 'default-scheduler', ...spec },
  };
}

export function nodeInfo(n: Node, pods: Pod[] = []): NodeInfo {
  const info = new NodeInfo(n.metadata.name!);
  info.setNode(n);
  for (const p of pods) info.addPod(makePodInfo({ ...p, spec: { ...p.spec!, nodeName: n.metadata.name } }));
  return info;
}

export function podInfo(p: Pod): PodInfo {
  return makePodInfo(p);
}
