import type { Static } from '@sinclair/typebox';
import { str, bool, int32, int64, time, quantity, oneOf, map, list, opt, req, message, kind } from '../define/dsl';
import type { KubeObject } from './meta';
import { ObjectMeta } from './meta';
import { type ConditionStatus } from './common';
import { type TaintEffect } from './scheduling';

export type NodeConditionType = 'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable' | string;

export type NodeAddressType = 'Hostname' | 'InternalIP' | 'ExternalIP' | 'InternalDNS' | 'ExternalDNS';

export const Taint = message('k8s.io.api.core.v1.Taint', {
  key: req(1, str),
  value: opt(2, str),
  effect: req(3, oneOf<TaintEffect>()),
  timeAdded: opt(4, time),
});
export type Taint = Static<typeof Taint>;

export const NodeSpec = message('k8s.io.api.core.v1.NodeSpec', {
  podCIDR: opt(1, str, { doc: 'The range pod IPs on this node come from, assigned by the node IPAM controller.' }),
  externalID: opt(2, str),
  providerID: opt(3, str),
  unschedulable: opt(4, bool, { doc: 'Set by kubectl cordon: no new pods are scheduled here.' }),
  taints: opt(5, list(Taint), { doc: 'Repel pods that do not tolerate them.' }),
  podCIDRs: opt(7, list(str), { patchStrategy: 'merge' }),
});
export type NodeSpec = Static<typeof NodeSpec>;

export const NodeCondition = message('k8s.io.api.core.v1.NodeCondition', {
  type: req(1, oneOf<NodeConditionType>()),
  status: req(2, oneOf<ConditionStatus>()),
  lastHeartbeatTime: opt(3, time),
  lastTransitionTime: opt(4, time),
  reason: opt(5, str),
  message: opt(6, str),
});
export type NodeCondition = Static<typeof NodeCondition>;

export const NodeAddress = message('k8s.io.api.core.v1.NodeAddress', {
  type: req(1, oneOf<NodeAddressType>()),
  address: req(2, str),
});
export type NodeAddress = Static<typeof NodeAddress>;

export const DaemonEndpoint = message('k8s.io.api.core.v1.DaemonEndpoint', {
  Port: opt(1, int32, { keep: true }),
});
export type DaemonEndpoint = Static<typeof DaemonEndpoint>;

export const NodeDaemonEndpoints = message('k8s.io.api.core.v1.NodeDaemonEndpoints', {
  kubeletEndpoint: opt(1, DaemonEndpoint, { struct: true }),
});
export type NodeDaemonEndpoints = Static<typeof NodeDaemonEndpoints>;

export const NodeSwapStatus = message('k8s.io.api.core.v1.NodeSwapStatus', {
  capacity: opt(1, int64, { ptr: true }),
});
export type NodeSwapStatus = Static<typeof NodeSwapStatus>;

export const NodeSystemInfo = message('k8s.io.api.core.v1.NodeSystemInfo', {
  machineID: req(1, str, { keep: true }),
  systemUUID: req(2, str, { keep: true }),
  bootID: req(3, str, { keep: true }),
  kernelVersion: req(4, str, { keep: true }),
  osImage: req(5, str, { keep: true }),
  containerRuntimeVersion: req(6, str, { keep: true }),
  kubeletVersion: req(7, str, { keep: true }),
  kubeProxyVersion: req(8, str, { keep: true }),
  operatingSystem: req(9, str, { keep: true }),
  architecture: req(10, str, { keep: true }),
  swap: opt(11, NodeSwapStatus),
});
export type NodeSystemInfo = Static<typeof NodeSystemInfo>;

export const ContainerImage = message('k8s.io.api.core.v1.ContainerImage', {
  names: opt(1, list(str)),
  sizeBytes: opt(2, int64),
});
export type ContainerImage = Static<typeof ContainerImage>;

export const AttachedVolume = message('k8s.io.api.core.v1.AttachedVolume', {
  name: opt(1, str),
  devicePath: opt(2, str),
});
export type AttachedVolume = Static<typeof AttachedVolume>;

export const NodeStatus = message('k8s.io.api.core.v1.NodeStatus', {
  capacity: opt(1, map(quantity)),
  allocatable: opt(2, map(quantity)),
  phase: opt(3, str),
  conditions: opt(4, list(NodeCondition), { patchStrategy: 'merge', patchMergeKey: 'type' }),
  addresses: opt(5, list(NodeAddress), { patchStrategy: 'merge', patchMergeKey: 'type' }),
  daemonEndpoints: opt(6, NodeDaemonEndpoints, { struct: true }),
  nodeInfo: opt(7, NodeSystemInfo, { struct: true }),
  images: opt(8, list(ContainerImage)),
  volumesInUse: opt(9, list(str)),
  volumesAttached: opt(10, list(AttachedVolume)),
});
export type NodeStatus = Static<typeof NodeStatus>;

export const Node = kind('k8s.io.api.core.v1.Node', 'v1', 'Node', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  spec: opt(2, NodeSpec, { struct: true }),
  status: opt(3, NodeStatus, { struct: true }),
}, 'A machine that runs pods: its node agent registers it and reports its capacity and conditions.');
export type Node = KubeObject & Static<typeof Node>;
