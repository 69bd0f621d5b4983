/**
 * TypeScript shapes of the CRI runtime.v1 messages in proto/api.proto, as they look in JavaScript.
 *
 * Conventions (fixed by the proto-loader options in ./proto.ts, used by client AND server):
 * - field names are camelCase (`pod_sandbox_id` -> `podSandboxId`);
 * - int64/uint64 are JS numbers (`longs: Number`). Timestamps are nanoseconds since the epoch, so they
 *   lose precision below ~256 ns; nobody here needs finer;
 * - enums are their names as strings (`'CONTAINER_RUNNING'`);
 * - decoded messages carry every scalar, repeated and map field (defaults filled: '', 0, false, [], {});
 *   an absent sub-message is `undefined` (never null). That is why response types below have required
 *   scalars and optional sub-messages, while request types may leave almost anything out.
 */

export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';
export type NamespaceMode = 'POD' | 'CONTAINER' | 'NODE' | 'TARGET';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type MountPropagation = 'PROPAGATION_PRIVATE' | 'PROPAGATION_HOST_TO_CONTAINER' | 'PROPAGATION_BIDIRECTIONAL';

export type StringMap = Record<string, string>;

// ---- shared pieces ----

export interface Int64Value {
  value: number;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface ImageSpec {
  image: string;
  annotations?: StringMap;
  userSpecifiedImage?: string;
  runtimeHandler?: string;
}

export interface Mount {
  containerPath: string;
  hostPath: string;
  readonly?: boolean;
  selinuxRelabel?: boolean;
  propagation?: MountPropagation;
  recursiveReadOnly?: boolean;
}

export interface NamespaceOption {
  network?: NamespaceMode;
  pid?: NamespaceMode;
  ipc?: NamespaceMode;
  targetId?: string;
}

export interface DNSConfig {
  servers?: string[];
  searches?: string[];
  options?: string[];
}

export interface PortMapping {
  protocol?: Protocol;
  containerPort?: number;
  hostPort?: number;
  hostIp?: string;
}

export interface LinuxContainerResources {
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuShares?: number;
  memoryLimitInBytes?: number;
  oomScoreAdj?: number;
  cpusetCpus?: string;
  cpusetMems?: string;
  unified?: StringMap;
  memorySwapLimitInBytes?: number;
}

// ---- version and status ----

export interface VersionRequest {
  version?: string;
}

export interface VersionResponse {
  version: string;
  runtimeName: string;
  runtimeVersion: string;
  runtimeApiVersion: string;
}

export interface RuntimeCondition {
  type: string;
  status: boolean;
  reason: string;
  message: string;
}

export interface StatusRequest {
  verbose?: boolean;
}

export interface StatusResponse {
  status?: { conditions: RuntimeCondition[] };
  info: StringMap;
  runtimeHandlers: Array<{ name: string; features?: { recursiveReadOnlyMounts: boolean; userNamespaces: boolean } }>;
}

// ---- pod sandboxes ----

export interface PodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt?: number;
}

export interface LinuxSandboxSecurityContext {
  namespaceOptions?: NamespaceOption;
  runAsUser?: Int64Value;
  runAsGroup?: Int64Value;
  readonlyRootfs?: boolean;
  supplementalGroups?: number[];
  privileged?: boolean;
}

export interface LinuxPodSandboxConfig {
  cgroupParent?: string;
  securityContext?: LinuxSandboxSecurityContext;
  sysctls?: StringMap;
  overhead?: LinuxContainerResources;
  resources?: LinuxContainerResources;
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  hostname?: string;
  /** Host directory for this pod's container logs, e.g. /var/log/pods/<ns>_<name>_<uid>. */
  logDirectory?: string;
  dnsConfig?: DNSConfig;
  portMappings?: PortMapping[];
  labels?: StringMap;
  annotations?: StringMap;
  linux?: LinuxPodSandboxConfig;
}

export interface RunPodSandboxRequest {
  config: PodSandboxConfig;
  runtimeHandler?: string;
}

export interface RunPodSandboxResponse {
  podSandboxId: string;
}

export interface StopPodSandboxRequest {
  podSandboxId: string;
}
export type StopPodSandboxResponse = Record<string, never>;

export interface RemovePodSandboxRequest {
  podSandboxId: string;
}
export type RemovePodSandboxResponse = Record<string, never>;

export interface PodSandboxStatusRequest {
  podSandboxId: string;
  verbose?: boolean;
}

export interface PodSandboxNetworkStatus {
  /** The pod IP; '' when the runtime does not manage the pod's network (host network). */
  ip: string;
  additionalIps: Array<{ ip: string }>;
}

export interface PodSandboxStatus {
  id: string;
  metadata?: PodSandboxMetadata;
  state: PodSandboxState;
  /** Nanoseconds since the epoch. */
  createdAt: number;
  network?: PodSandboxNetworkStatus;
  linux?: { namespaces?: { options?: NamespaceOption } };
  labels: StringMap;
  annotations: StringMap;
  runtimeHandler: string;
}

export interface PodSandboxStatusResponse {
  status?: PodSandboxStatus;
  info: StringMap;
  containersStatuses: ContainerStatus[];
  timestamp: number;
}

export interface PodSandboxFilter {
  id?: string;
  state?: { state: PodSandboxState };
  labelSelector?: StringMap;
}

export interface ListPodSandboxRequest {
  filter?: PodSandboxFilter;
}

export interface PodSandbox {
  id: string;
  metadata?: PodSandboxMetadata;
  state: PodSandboxState;
  createdAt: number;
  labels: StringMap;
  annotations: StringMap;
  runtimeHandler: string;
}

export interface ListPodSandboxResponse {
  items: PodSandbox[];
}

// ---- containers ----

export interface ContainerMetadata {
  name: string;
  attempt?: number;
}

export interface LinuxContainerSecurityContext {
  capabilities?: { addCapabilities?: string[]; dropCapabilities?: string[]; addAmbientCapabilities?: string[] };
  privileged?: boolean;
  namespaceOptions?: NamespaceOption;
  runAsUser?: Int64Value;
  runAsUsername?: string;
  readonlyRootfs?: boolean;
  supplementalGroups?: number[];
  noNewPrivs?: boolean;
  runAsGroup?: Int64Value;
  maskedPaths?: string[];
  readonlyPaths?: string[];
}

export interface ContainerConfig {
  metadata: ContainerMetadata;
  image: ImageSpec;
  command?: string[];
  args?: string[];
  workingDir?: string;
  envs?: KeyValue[];
  mounts?: Mount[];
  labels?: StringMap;
  annotations?: StringMap;
  /** Relative to PodSandboxConfig.logDirectory, e.g. `<container>/<restartCount>.log`. */
  logPath?: string;
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
  linux?: { resources?: LinuxContainerResources; securityContext?: LinuxContainerSecurityContext };
}

export interface CreateContainerRequest {
  podSandboxId: string;
  config: ContainerConfig;
  sandboxConfig?: PodSandboxConfig;
}

export interface CreateContainerResponse {
  containerId: string;
}

export interface StartContainerRequest {
  containerId: string;
}
export type StartContainerResponse = Record<string, never>;

export interface StopContainerRequest {
  containerId: string;
  /** Seconds between SIGTERM and SIGKILL; 0 kills at once. */
  timeout?: number;
}
export type StopContainerResponse = Record<string, never>;

export interface RemoveContainerRequest {
  containerId: string;
}
export type RemoveContainerResponse = Record<string, never>;

export interface ContainerFilter {
  id?: string;
  state?: { state: ContainerState };
  podSandboxId?: string;
  labelSelector?: StringMap;
}

export interface ListContainersRequest {
  filter?: ContainerFilter;
}

export interface Container {
  id: string;
  podSandboxId: string;
  metadata?: ContainerMetadata;
  image?: ImageSpec;
  imageRef: string;
  state: ContainerState;
  createdAt: number;
  labels: StringMap;
  annotations: StringMap;
  imageId: string;
}

export interface ListContainersResponse {
  containers: Container[];
}

export interface ContainerStatusRequest {
  containerId: string;
  verbose?: boolean;
}

export interface ContainerStatus {
  id: string;
  metadata?: ContainerMetadata;
  state: ContainerState;
  /** Nanoseconds since the epoch; startedAt/finishedAt are 0 until the container started/finished. */
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  image?: ImageSpec;
  imageRef: string;
  /** CamelCase reason: 'Completed', 'Error', 'Unknown' (exit not observed), 'OOMKilled' (containerd). */
  reason: string;
  message: string;
  labels: StringMap;
  annotations: StringMap;
  mounts: Mount[];
  /** Absolute path of the CRI-format log file ('' when the container has none). */
  logPath: string;
  resources?: { linux?: LinuxContainerResources };
  imageId: string;
}

export interface ContainerStatusResponse {
  status?: ContainerStatus;
  info: StringMap;
}

export interface ReopenContainerLogRequest {
  containerId: string;
}
export type ReopenContainerLogResponse = Record<string, never>;

export interface ExecSyncRequest {
  containerId: string;
  cmd: string[];
  /** Seconds; 0 means no limit. */
  timeout?: number;
}

export interface ExecSyncResponse {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

export * from './image-types';
