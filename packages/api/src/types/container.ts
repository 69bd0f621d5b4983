import type { Static } from '@sinclair/typebox';
import { str, bool, int32, int64, time, intOrString, quantity, oneOf, map, list, opt, req, embed, message } from '../define/dsl';
import { LocalObjectReference, ObjectFieldSelector, ResourceFieldSelector, type Protocol } from './common';
import { type PullPolicy, type TerminationMessagePolicy } from './pod';

export const ContainerPort = message('k8s.io.api.core.v1.ContainerPort', {
  name: opt(1, str, { doc: 'A name Services can use as targetPort.' }),
  hostPort: opt(2, int32, { doc: 'Also expose the port on the node IP (the scheduler keeps two pods from claiming the same one).' }),
  containerPort: req(3, int32, { keep: true, doc: 'The port number inside the pod network namespace.' }),
  protocol: opt(4, oneOf<Protocol>(), { doc: 'TCP (default), UDP or SCTP.' }),
  hostIP: opt(5, str),
});
export type ContainerPort = Static<typeof ContainerPort>;

export const ConfigMapKeySelector = message('k8s.io.api.core.v1.ConfigMapKeySelector', {
  ...embed('localObjectReference', 1, LocalObjectReference),
  key: req(2, str),
  optional: opt(3, bool, { ptr: true }),
});
export type ConfigMapKeySelector = Static<typeof ConfigMapKeySelector>;

export const SecretKeySelector = message('k8s.io.api.core.v1.SecretKeySelector', {
  ...embed('localObjectReference', 1, LocalObjectReference),
  key: req(2, str),
  optional: opt(3, bool, { ptr: true }),
});
export type SecretKeySelector = Static<typeof SecretKeySelector>;

export const EnvVarSource = message('k8s.io.api.core.v1.EnvVarSource', {
  fieldRef: opt(1, ObjectFieldSelector),
  resourceFieldRef: opt(2, ResourceFieldSelector),
  configMapKeyRef: opt(3, ConfigMapKeySelector),
  secretKeyRef: opt(4, SecretKeySelector),
});
export type EnvVarSource = Static<typeof EnvVarSource>;

export const EnvVar = message('k8s.io.api.core.v1.EnvVar', {
  name: req(1, str),
  value: opt(2, str),
  valueFrom: opt(3, EnvVarSource),
});
export type EnvVar = Static<typeof EnvVar>;

export const ResourceClaim = message('k8s.io.api.core.v1.ResourceClaim', {
  name: opt(1, str),
  request: opt(2, str),
});
export type ResourceClaim = Static<typeof ResourceClaim>;

export const ResourceRequirements = message('k8s.io.api.core.v1.ResourceRequirements', {
  limits: opt(1, map(quantity), { doc: 'The most the container may use: cpu becomes a CFS quota, memory a hard limit (an OOM kill beyond it).' }),
  requests: opt(2, map(quantity), { doc: 'What the scheduler reserves on the node for the container; cpu also sets its share under contention.' }),
  claims: opt(3, list(ResourceClaim)),
});
export type ResourceRequirements = Static<typeof ResourceRequirements>;

export const VolumeMount = message('k8s.io.api.core.v1.VolumeMount', {
  name: req(1, str),
  readOnly: opt(2, bool),
  mountPath: req(3, str),
  subPath: opt(4, str),
  mountPropagation: opt(5, str, { ptr: true }),
  subPathExpr: opt(6, str),
  recursiveReadOnly: opt(7, str, { ptr: true }),
});
export type VolumeMount = Static<typeof VolumeMount>;

export const ExecAction = message('k8s.io.api.core.v1.ExecAction', {
  command: opt(1, list(str)),
});
export type ExecAction = Static<typeof ExecAction>;

export const HTTPHeader = message('k8s.io.api.core.v1.HTTPHeader', {
  name: req(1, str),
  value: req(2, str),
});
export type HTTPHeader = Static<typeof HTTPHeader>;

export const HTTPGetAction = message('k8s.io.api.core.v1.HTTPGetAction', {
  path: opt(1, str),
  port: req(2, intOrString),
  host: opt(3, str),
  scheme: opt(4, oneOf<'HTTP' | 'HTTPS'>()),
  httpHeaders: opt(5, list(HTTPHeader)),
});
export type HTTPGetAction = Static<typeof HTTPGetAction>;

export const TCPSocketAction = message('k8s.io.api.core.v1.TCPSocketAction', {
  port: req(1, intOrString),
  host: opt(2, str),
});
export type TCPSocketAction = Static<typeof TCPSocketAction>;

export const GRPCAction = message('k8s.io.api.core.v1.GRPCAction', {
  port: req(1, int32, { keep: true }),
  service: opt(2, str, { ptr: true }),
});
export type GRPCAction = Static<typeof GRPCAction>;

export const ProbeHandler = message('k8s.io.api.core.v1.ProbeHandler', {
  exec: opt(1, ExecAction),
  httpGet: opt(2, HTTPGetAction),
  tcpSocket: opt(3, TCPSocketAction),
  grpc: opt(4, GRPCAction),
});
export type ProbeHandler = Static<typeof ProbeHandler>;

export const Probe = message('k8s.io.api.core.v1.Probe', {
  ...embed('handler', 1, ProbeHandler),
  initialDelaySeconds: opt(2, int32),
  timeoutSeconds: opt(3, int32),
  periodSeconds: opt(4, int32),
  successThreshold: opt(5, int32),
  failureThreshold: opt(6, int32),
  terminationGracePeriodSeconds: opt(7, int64, { ptr: true }),
});
export type Probe = Static<typeof Probe>;

export const SleepAction = message('k8s.io.api.core.v1.SleepAction', {
  seconds: opt(1, int64, { keep: true }),
});
export type SleepAction = Static<typeof SleepAction>;

export const LifecycleHandler = message('k8s.io.api.core.v1.LifecycleHandler', {
  exec: opt(1, ExecAction),
  httpGet: opt(2, HTTPGetAction),
  tcpSocket: opt(3, TCPSocketAction),
  sleep: opt(4, SleepAction),
});
export type LifecycleHandler = Static<typeof LifecycleHandler>;

export const Lifecycle = message('k8s.io.api.core.v1.Lifecycle', {
  postStart: opt(1, LifecycleHandler),
  preStop: opt(2, LifecycleHandler),
  stopSignal: opt(3, str, { ptr: true }),
});
export type Lifecycle = Static<typeof Lifecycle>;

export const Capabilities = message('k8s.io.api.core.v1.Capabilities', {
  add: opt(1, list(str)),
  drop: opt(2, list(str)),
});
export type Capabilities = Static<typeof Capabilities>;

export const SELinuxOptions = message('k8s.io.api.core.v1.SELinuxOptions', {
  user: opt(1, str),
  role: opt(2, str),
  type: opt(3, str),
  level: opt(4, str),
});
export type SELinuxOptions = Static<typeof SELinuxOptions>;

export const WindowsSecurityContextOptions = message('k8s.io.api.core.v1.WindowsSecurityContextOptions', {
  gmsaCredentialSpecName: opt(1, str, { ptr: true }),
  gmsaCredentialSpec: opt(2, str, { ptr: true }),
  runAsUserName: opt(3, str, { ptr: true }),
  hostProcess: opt(4, bool, { ptr: true }),
});
export type WindowsSecurityContextOptions = Static<typeof WindowsSecurityContextOptions>;

export const SeccompProfile = message('k8s.io.api.core.v1.SeccompProfile', {
  type: opt(1, str),
  localhostProfile: opt(2, str, { ptr: true }),
});
export type SeccompProfile = Static<typeof SeccompProfile>;

export const AppArmorProfile = message('k8s.io.api.core.v1.AppArmorProfile', {
  type: opt(1, str),
  localhostProfile: opt(2, str, { ptr: true }),
});
export type AppArmorProfile = Static<typeof AppArmorProfile>;

export const SecurityContext = message('k8s.io.api.core.v1.SecurityContext', {
  capabilities: opt(1, Capabilities),
  privileged: opt(2, bool, { ptr: true }),
  seLinuxOptions: opt(3, SELinuxOptions),
  runAsUser: opt(4, int64, { ptr: true }),
  runAsNonRoot: opt(5, bool, { ptr: true }),
  readOnlyRootFilesystem: opt(6, bool, { ptr: true }),
  allowPrivilegeEscalation: opt(7, bool, { ptr: true }),
  runAsGroup: opt(8, int64, { ptr: true }),
  procMount: opt(9, str, { ptr: true }),
  windowsOptions: opt(10, WindowsSecurityContextOptions),
  seccompProfile: opt(11, SeccompProfile),
  appArmorProfile: opt(12, AppArmorProfile),
});
export type SecurityContext = Static<typeof SecurityContext>;

export const ConfigMapEnvSource = message('k8s.io.api.core.v1.ConfigMapEnvSource', {
  ...embed('localObjectReference', 1, LocalObjectReference),
  optional: opt(2, bool, { ptr: true }),
});
export type ConfigMapEnvSource = Static<typeof ConfigMapEnvSource>;

export const SecretEnvSource = message('k8s.io.api.core.v1.SecretEnvSource', {
  ...embed('localObjectReference', 1, LocalObjectReference),
  optional: opt(2, bool, { ptr: true }),
});
export type SecretEnvSource = Static<typeof SecretEnvSource>;

export const EnvFromSource = message('k8s.io.api.core.v1.EnvFromSource', {
  prefix: opt(1, str),
  configMapRef: opt(2, ConfigMapEnvSource),
  secretRef: opt(3, SecretEnvSource),
});
export type EnvFromSource = Static<typeof EnvFromSource>;

export const VolumeDevice = message('k8s.io.api.core.v1.VolumeDevice', {
  name: opt(1, str),
  devicePath: opt(2, str),
});
export type VolumeDevice = Static<typeof VolumeDevice>;

export const ContainerResizePolicy = message('k8s.io.api.core.v1.ContainerResizePolicy', {
  resourceName: opt(1, str),
  restartPolicy: opt(2, str),
});
export type ContainerResizePolicy = Static<typeof ContainerResizePolicy>;

export const Container = message('k8s.io.api.core.v1.Container', {
  name: req(1, str, { doc: 'Unique within the pod (a DNS label).' }),
  image: opt(2, str, { doc: 'The image to run, e.g. "busybox:1.36".' }),
  command: opt(3, list(str), { doc: 'The executable and its arguments; replaces the image entrypoint.' }),
  args: opt(4, list(str), { doc: 'Arguments; replace the image cmd.' }),
  workingDir: opt(5, str, { doc: 'The directory the command starts in.' }),
  ports: opt(6, list(ContainerPort), { patchStrategy: 'merge', patchMergeKey: 'containerPort', doc: 'Ports the container listens on; informative, except for hostPort and named ports that Services refer to.' }),
  env: opt(7, list(EnvVar), { patchStrategy: 'merge', patchMergeKey: 'name', doc: 'Environment variables, literal or from a ConfigMap, Secret or field of the pod.' }),
  resources: opt(8, ResourceRequirements, { struct: true, doc: 'CPU and memory requests (what the scheduler reserves) and limits (the cgroup caps).' }),
  volumeMounts: opt(9, list(VolumeMount), { patchStrategy: 'merge', patchMergeKey: 'mountPath', doc: 'Where the pod volumes appear in the container file system.' }),
  livenessProbe: opt(10, Probe, { doc: 'When it fails the container is restarted.' }),
  readinessProbe: opt(11, Probe, { doc: 'While it fails the pod is left out of Service endpoints.' }),
  lifecycle: opt(12, Lifecycle, { doc: 'Actions run right after the container starts and before it is stopped.' }),
  terminationMessagePath: opt(13, str),
  imagePullPolicy: opt(14, oneOf<PullPolicy>(), { doc: 'Always, IfNotPresent or Never: when the node pulls the image.' }),
  securityContext: opt(15, SecurityContext, { doc: 'Security settings of this container: user, capabilities, privileged, read-only root.' }),
  stdin: opt(16, bool, { doc: 'Keep a stdin open for attach.' }),
  stdinOnce: opt(17, bool),
  tty: opt(18, bool, { doc: 'Allocate a terminal (with stdin, for kubectl run -it).' }),
  envFrom: opt(19, list(EnvFromSource), { doc: 'Every key of a ConfigMap or Secret as an environment variable.' }),
  terminationMessagePolicy: opt(20, oneOf<TerminationMessagePolicy>()),
  volumeDevices: opt(21, list(VolumeDevice), { patchStrategy: 'merge', patchMergeKey: 'devicePath' }),
  startupProbe: opt(22, Probe, { doc: 'Holds off the other probes until it first succeeds.' }),
  resizePolicy: opt(23, list(ContainerResizePolicy)),
  /** Only on init containers: 'Always' makes it a sidecar. */
  restartPolicy: opt(24, oneOf<'Always'>(), { ptr: true }),
});
export type Container = Static<typeof Container>;

/** What `kubectl debug` adds to a running pod: a container's fields (protobuf numbers too), plus a target. */
export const EphemeralContainerCommon = message('k8s.io.api.core.v1.EphemeralContainerCommon', Container.properties);

export const EphemeralContainer = message('k8s.io.api.core.v1.EphemeralContainer', {
  ...embed('ephemeralContainerCommon', 1, EphemeralContainerCommon),
  targetContainerName: opt(2, str),
});
export type EphemeralContainer = Static<typeof EphemeralContainer>;

export const ContainerStateWaiting = message('k8s.io.api.core.v1.ContainerStateWaiting', {
  reason: opt(1, str),
  message: opt(2, str),
});
export type ContainerStateWaiting = Static<typeof ContainerStateWaiting>;

export const ContainerStateRunning = message('k8s.io.api.core.v1.ContainerStateRunning', {
  startedAt: opt(1, time),
});
export type ContainerStateRunning = Static<typeof ContainerStateRunning>;

export const ContainerStateTerminated = message('k8s.io.api.core.v1.ContainerStateTerminated', {
  exitCode: req(1, int32, { keep: true }),
  signal: opt(2, int32),
  reason: opt(3, str),
  message: opt(4, str),
  startedAt: opt(5, time),
  finishedAt: opt(6, time),
  containerID: opt(7, str),
});
export type ContainerStateTerminated = Static<typeof ContainerStateTerminated>;

export const ContainerState = message('k8s.io.api.core.v1.ContainerState', {
  waiting: opt(1, ContainerStateWaiting),
  running: opt(2, ContainerStateRunning),
  terminated: opt(3, ContainerStateTerminated),
});
export type ContainerState = Static<typeof ContainerState>;

export const ContainerStatus = message('k8s.io.api.core.v1.ContainerStatus', {
  name: req(1, str, { keep: true }),
  state: opt(2, ContainerState, { struct: true }),
  lastState: opt(3, ContainerState, { struct: true }),
  ready: req(4, bool, { keep: true }),
  restartCount: req(5, int32, { keep: true }),
  image: req(6, str, { keep: true }),
  imageID: req(7, str, { keep: true }),
  containerID: opt(8, str),
  started: opt(9, bool, { ptr: true }),
  allocatedResources: opt(10, map(quantity)),
  resources: opt(11, ResourceRequirements),
  stopSignal: opt(15, str, { ptr: true }),
});
export type ContainerStatus = Static<typeof ContainerStatus>;
