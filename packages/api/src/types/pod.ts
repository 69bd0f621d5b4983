import type { Static } from '@sinclair/typebox';
import { str, bool, int32, int64, time, quantity, oneOf, map, list, opt, req, message, kind } from '../define/dsl';
import type { KubeObject } from './meta';
import { AppArmorProfile, Container, ContainerStatus, EphemeralContainer, ResourceRequirements, SELinuxOptions, SeccompProfile, WindowsSecurityContextOptions } from './container';
import { LocalObjectReference, type ConditionStatus } from './common';
import { Affinity, Toleration, TopologySpreadConstraint } from './scheduling';
import { Volume } from './volume';
import { ObjectMeta } from './meta';

export type PullPolicy = 'Always' | 'Never' | 'IfNotPresent';

export type TerminationMessagePolicy = 'File' | 'FallbackToLogsOnError';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export type DNSPolicy = 'ClusterFirstWithHostNet' | 'ClusterFirst' | 'Default' | 'None';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export type PodConditionType = 'PodScheduled' | 'Initialized' | 'ContainersReady' | 'Ready' | string;

export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export const Sysctl = message('k8s.io.api.core.v1.Sysctl', {
  name: opt(1, str),
  value: opt(2, str),
});
export type Sysctl = Static<typeof Sysctl>;

export const PodSecurityContext = message('k8s.io.api.core.v1.PodSecurityContext', {
  seLinuxOptions: opt(1, SELinuxOptions),
  runAsUser: opt(2, int64, { ptr: true }),
  runAsNonRoot: opt(3, bool, { ptr: true }),
  supplementalGroups: opt(4, list(int64)),
  fsGroup: opt(5, int64, { ptr: true }),
  runAsGroup: opt(6, int64, { ptr: true }),
  sysctls: opt(7, list(Sysctl)),
  windowsOptions: opt(8, WindowsSecurityContextOptions),
  fsGroupChangePolicy: opt(9, str, { ptr: true }),
  seccompProfile: opt(10, SeccompProfile),
  appArmorProfile: opt(11, AppArmorProfile),
  supplementalGroupsPolicy: opt(12, str, { ptr: true }),
  seLinuxChangePolicy: opt(13, str, { ptr: true }),
});
export type PodSecurityContext = Static<typeof PodSecurityContext>;

export const HostAlias = message('k8s.io.api.core.v1.HostAlias', {
  ip: req(1, str),
  hostnames: opt(2, list(str)),
});
export type HostAlias = Static<typeof HostAlias>;

export const PodDNSConfigOption = message('k8s.io.api.core.v1.PodDNSConfigOption', {
  name: opt(1, str),
  value: opt(2, str, { ptr: true }),
});
export type PodDNSConfigOption = Static<typeof PodDNSConfigOption>;

export const PodDNSConfig = message('k8s.io.api.core.v1.PodDNSConfig', {
  nameservers: opt(1, list(str)),
  searches: opt(2, list(str)),
  options: opt(3, list(PodDNSConfigOption)),
});
export type PodDNSConfig = Static<typeof PodDNSConfig>;

export const PodReadinessGate = message('k8s.io.api.core.v1.PodReadinessGate', {
  conditionType: opt(1, str),
});
export type PodReadinessGate = Static<typeof PodReadinessGate>;

export const PodOS = message('k8s.io.api.core.v1.PodOS', {
  name: opt(1, str),
});
export type PodOS = Static<typeof PodOS>;

export const PodSchedulingGate = message('k8s.io.api.core.v1.PodSchedulingGate', {
  name: opt(1, str),
});
export type PodSchedulingGate = Static<typeof PodSchedulingGate>;

export const PodSpec = message('k8s.io.api.core.v1.PodSpec', {
  volumes: opt(1, list(Volume), { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', doc: 'Storage the containers can mount: emptyDir, configMap, secret, hostPath, ...' }),
  containers: req(2, list(Container), { patchStrategy: 'merge', patchMergeKey: 'name', doc: 'The containers of the pod; at least one. They share the network namespace (one IP) and volumes.' }),
  restartPolicy: opt(3, oneOf<RestartPolicy>(), { doc: 'Always (default), OnFailure or Never: what the node agent does when a container exits.' }),
  terminationGracePeriodSeconds: opt(4, int64, { ptr: true, doc: 'Seconds between SIGTERM and SIGKILL when the pod is deleted (default 30).' }),
  activeDeadlineSeconds: opt(5, int64, { ptr: true }),
  dnsPolicy: opt(6, oneOf<DNSPolicy>(), { doc: 'Where the pod resolves names: ClusterFirst (the cluster DNS, default), Default (the node), None.' }),
  nodeSelector: opt(7, map(str), { doc: 'Labels a node must carry for the pod to be scheduled there.' }),
  serviceAccountName: opt(8, str, { doc: 'The identity the pod runs as (default: "default").' }),
  /** Deprecated alias of serviceAccountName, still written by the apiserver. */
  serviceAccount: opt(9, str),
  nodeName: opt(10, str, { doc: 'The node the pod runs on: set by the scheduler through a Binding, or by hand to skip scheduling.' }),
  hostNetwork: opt(11, bool, { doc: 'Run in the node network namespace, with the node IP, instead of a pod network namespace of its own.' }),
  hostPID: opt(12, bool),
  hostIPC: opt(13, bool),
  securityContext: opt(14, PodSecurityContext, { doc: 'Security settings for every container of the pod (user, group, fsGroup, sysctls).' }),
  imagePullSecrets: opt(15, list(LocalObjectReference), { patchStrategy: 'merge', patchMergeKey: 'name' }),
  hostname: opt(16, str, { doc: 'The pod hostname; its name when left out.' }),
  subdomain: opt(17, str),
  affinity: opt(18, Affinity, { doc: 'Rules that attract the pod to nodes (or to or from other pods).' }),
  schedulerName: opt(19, str, { doc: 'Which scheduler places the pod (default-scheduler).' }),
  initContainers: opt(20, list(Container), { patchStrategy: 'merge', patchMergeKey: 'name', doc: 'Containers that run one after another to completion before the main containers start.' }),
  automountServiceAccountToken: opt(21, bool, { ptr: true }),
  tolerations: opt(22, list(Toleration), { doc: 'Taints of nodes the pod accepts.' }),
  hostAliases: opt(23, list(HostAlias), { patchStrategy: 'merge', patchMergeKey: 'ip' }),
  priorityClassName: opt(24, str),
  priority: opt(25, int32, { ptr: true, doc: 'Filled in from priorityClassName; higher goes first in the scheduling queue.' }),
  dnsConfig: opt(26, PodDNSConfig),
  shareProcessNamespace: opt(27, bool, { ptr: true, doc: 'One PID namespace for all containers of the pod, so they see each other processes.' }),
  readinessGates: opt(28, list(PodReadinessGate)),
  runtimeClassName: opt(29, str, { ptr: true }),
  enableServiceLinks: opt(30, bool, { ptr: true }),
  preemptionPolicy: opt(31, oneOf<'PreemptLowerPriority' | 'Never'>(), { ptr: true }),
  overhead: opt(32, map(quantity)),
  ephemeralContainers: opt(34, list(EphemeralContainer), { patchStrategy: 'merge', patchMergeKey: 'name' }),
  topologySpreadConstraints: opt(33, list(TopologySpreadConstraint), { patchStrategy: 'merge', patchMergeKey: 'topologyKey', doc: 'How to spread matching pods across nodes, zones or other topology domains.' }),
  setHostnameAsFQDN: opt(35, bool, { ptr: true }),
  os: opt(36, PodOS),
  hostUsers: opt(37, bool, { ptr: true }),
  schedulingGates: opt(38, list(PodSchedulingGate), { patchStrategy: 'merge', patchMergeKey: 'name' }),
  resources: opt(40, ResourceRequirements),
  hostnameOverride: opt(41, str, { ptr: true }),
});
export type PodSpec = Static<typeof PodSpec>;

export const PodCondition = message('k8s.io.api.core.v1.PodCondition', {
  type: req(1, oneOf<PodConditionType>()),
  status: req(2, oneOf<ConditionStatus>()),
  lastProbeTime: opt(3, time),
  lastTransitionTime: opt(4, time),
  reason: opt(5, str),
  message: opt(6, str),
  observedGeneration: opt(7, int64),
});
export type PodCondition = Static<typeof PodCondition>;

export const PodIP = message('k8s.io.api.core.v1.PodIP', {
  ip: req(1, str),
});
export type PodIP = Static<typeof PodIP>;

export const HostIP = message('k8s.io.api.core.v1.HostIP', {
  ip: opt(1, str),
});
export type HostIP = Static<typeof HostIP>;

export const PodStatus = message('k8s.io.api.core.v1.PodStatus', {
  phase: opt(1, oneOf<PodPhase>(), { doc: 'Pending, Running, Succeeded, Failed or Unknown: a summary of where the pod is in its life.' }),
  conditions: opt(2, list(PodCondition), { patchStrategy: 'merge', patchMergeKey: 'type', doc: 'PodScheduled, Initialized, ContainersReady and Ready, each True or False with a reason.' }),
  message: opt(3, str),
  reason: opt(4, str),
  hostIP: opt(5, str, { doc: 'The IP of the node the pod runs on.' }),
  podIP: opt(6, str, { doc: 'The pod IP, from its node pod CIDR.' }),
  startTime: opt(7, time, { doc: 'When the node agent accepted the pod.' }),
  containerStatuses: opt(8, list(ContainerStatus), { doc: 'One entry per container: waiting, running or terminated, restarts, readiness.' }),
  qosClass: opt(9, oneOf<PodQOSClass>(), { doc: 'Guaranteed, Burstable or BestEffort, from the requests and limits.' }),
  initContainerStatuses: opt(10, list(ContainerStatus)),
  nominatedNodeName: opt(11, str),
  podIPs: opt(12, list(PodIP), { patchStrategy: 'merge', patchMergeKey: 'ip' }),
  ephemeralContainerStatuses: opt(13, list(ContainerStatus)),
  resize: opt(14, str),
  hostIPs: opt(16, list(HostIP), { patchStrategy: 'merge', patchMergeKey: 'ip' }),
  observedGeneration: opt(17, int64),
});
export type PodStatus = Static<typeof PodStatus>;

export const Pod = kind('k8s.io.api.core.v1.Pod', 'v1', 'Pod', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  spec: opt(2, PodSpec, { struct: true }),
  status: opt(3, PodStatus, { struct: true }),
}, 'One or more containers that share a network namespace, IPC, volumes and a node: the unit the scheduler places.');
export type Pod = KubeObject & Static<typeof Pod>;

export const PodTemplateSpec = message('k8s.io.api.core.v1.PodTemplateSpec', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  spec: opt(2, PodSpec, { struct: true }),
});
export type PodTemplateSpec = Static<typeof PodTemplateSpec>;
