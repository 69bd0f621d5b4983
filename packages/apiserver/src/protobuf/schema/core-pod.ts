/**
 * core/v1 PodSpec and what only it uses (scheduling constraints, pod security context, DNS),
 * PodTemplateSpec, the pod status a node agent reports, and Pod itself. Containers and volumes are
 * in `core-container.ts` and `core-volume.ts`. Names and numbers are Kubernetes'; field options
 * are explained in `apimachinery.ts`.
 */
const META = '.k8s.io.apimachinery.pkg.apis.meta.v1';
const QUANTITY = '.k8s.io.apimachinery.pkg.api.resource.Quantity';

export const CORE_POD_PROTO = `
syntax = "proto2";

package k8s.io.api.core.v1;

message NodeSelectorRequirement {
  optional string key = 1;
  optional string operator = 2;
  repeated string values = 3;
}

message NodeSelectorTerm {
  repeated NodeSelectorRequirement matchExpressions = 1;
  repeated NodeSelectorRequirement matchFields = 2;
}

message NodeSelector {
  repeated NodeSelectorTerm nodeSelectorTerms = 1;
}

message PreferredSchedulingTerm {
  optional int32 weight = 1 [(keep) = true];
  optional NodeSelectorTerm preference = 2 [(struct) = true];
}

message NodeAffinity {
  optional NodeSelector requiredDuringSchedulingIgnoredDuringExecution = 1;
  repeated PreferredSchedulingTerm preferredDuringSchedulingIgnoredDuringExecution = 2;
}

message PodAffinityTerm {
  optional ${META}.LabelSelector labelSelector = 1;
  repeated string namespaces = 2;
  optional string topologyKey = 3;
  optional ${META}.LabelSelector namespaceSelector = 4;
  repeated string matchLabelKeys = 5;
  repeated string mismatchLabelKeys = 6;
}

message WeightedPodAffinityTerm {
  optional int32 weight = 1 [(keep) = true];
  optional PodAffinityTerm podAffinityTerm = 2 [(struct) = true];
}

message PodAffinity {
  repeated PodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution = 1;
  repeated WeightedPodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution = 2;
}

message PodAntiAffinity {
  repeated PodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution = 1;
  repeated WeightedPodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution = 2;
}

message Affinity {
  optional NodeAffinity nodeAffinity = 1;
  optional PodAffinity podAffinity = 2;
  optional PodAntiAffinity podAntiAffinity = 3;
}

message Toleration {
  optional string key = 1;
  optional string operator = 2;
  optional string value = 3;
  optional string effect = 4;
  optional int64 tolerationSeconds = 5 [(ptr) = true];
}

message TopologySpreadConstraint {
  optional int32 maxSkew = 1 [(keep) = true];
  optional string topologyKey = 2;
  optional string whenUnsatisfiable = 3;
  optional ${META}.LabelSelector labelSelector = 4;
  optional int32 minDomains = 5 [(ptr) = true];
  optional string nodeAffinityPolicy = 6 [(ptr) = true];
  optional string nodeTaintsPolicy = 7 [(ptr) = true];
  repeated string matchLabelKeys = 8;
}

message Sysctl {
  optional string name = 1;
  optional string value = 2;
}

message PodSecurityContext {
  optional SELinuxOptions seLinuxOptions = 1;
  optional int64 runAsUser = 2 [(ptr) = true];
  optional bool runAsNonRoot = 3 [(ptr) = true];
  repeated int64 supplementalGroups = 4;
  optional int64 fsGroup = 5 [(ptr) = true];
  optional int64 runAsGroup = 6 [(ptr) = true];
  repeated Sysctl sysctls = 7;
  optional WindowsSecurityContextOptions windowsOptions = 8;
  optional string fsGroupChangePolicy = 9 [(ptr) = true];
  optional SeccompProfile seccompProfile = 10;
  optional AppArmorProfile appArmorProfile = 11;
  optional string supplementalGroupsPolicy = 12 [(ptr) = true];
  optional string seLinuxChangePolicy = 13 [(ptr) = true];
}

message HostAlias {
  optional string ip = 1;
  repeated string hostnames = 2;
}

message PodDNSConfigOption {
  optional string name = 1;
  optional string value = 2 [(ptr) = true];
}

message PodDNSConfig {
  repeated string nameservers = 1;
  repeated string searches = 2;
  repeated PodDNSConfigOption options = 3;
}

message PodReadinessGate {
  optional string conditionType = 1;
}

message PodOS {
  optional string name = 1;
}

message PodSchedulingGate {
  optional string name = 1;
}

message PodSpec {
  repeated Volume volumes = 1;
  repeated Container containers = 2;
  optional string restartPolicy = 3;
  optional int64 terminationGracePeriodSeconds = 4 [(ptr) = true];
  optional int64 activeDeadlineSeconds = 5 [(ptr) = true];
  optional string dnsPolicy = 6;
  map<string, string> nodeSelector = 7;
  optional string serviceAccountName = 8;
  optional string serviceAccount = 9;
  optional string nodeName = 10;
  optional bool hostNetwork = 11;
  optional bool hostPID = 12;
  optional bool hostIPC = 13;
  optional PodSecurityContext securityContext = 14;
  repeated LocalObjectReference imagePullSecrets = 15;
  optional string hostname = 16;
  optional string subdomain = 17;
  optional Affinity affinity = 18;
  optional string schedulerName = 19;
  repeated Container initContainers = 20;
  optional bool automountServiceAccountToken = 21 [(ptr) = true];
  repeated Toleration tolerations = 22;
  repeated HostAlias hostAliases = 23;
  optional string priorityClassName = 24;
  optional int32 priority = 25 [(ptr) = true];
  optional PodDNSConfig dnsConfig = 26;
  optional bool shareProcessNamespace = 27 [(ptr) = true];
  repeated PodReadinessGate readinessGates = 28;
  optional string runtimeClassName = 29 [(ptr) = true];
  optional bool enableServiceLinks = 30 [(ptr) = true];
  optional string preemptionPolicy = 31 [(ptr) = true];
  map<string, ${QUANTITY}> overhead = 32;
  repeated TopologySpreadConstraint topologySpreadConstraints = 33;
  optional bool setHostnameAsFQDN = 35 [(ptr) = true];
  optional PodOS os = 36;
  optional bool hostUsers = 37 [(ptr) = true];
  repeated PodSchedulingGate schedulingGates = 38;
  optional ResourceRequirements resources = 40;
  optional string hostnameOverride = 41 [(ptr) = true];
}

message PodTemplateSpec {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional PodSpec spec = 2 [(struct) = true];
}

message ContainerStateWaiting {
  optional string reason = 1;
  optional string message = 2;
}

message ContainerStateRunning {
  optional ${META}.Time startedAt = 1;
}

message ContainerStateTerminated {
  optional int32 exitCode = 1 [(keep) = true];
  optional int32 signal = 2;
  optional string reason = 3;
  optional string message = 4;
  optional ${META}.Time startedAt = 5;
  optional ${META}.Time finishedAt = 6;
  optional string containerID = 7;
}

message ContainerState {
  optional ContainerStateWaiting waiting = 1;
  optional ContainerStateRunning running = 2;
  optional ContainerStateTerminated terminated = 3;
}

message ContainerStatus {
  optional string name = 1 [(keep) = true];
  optional ContainerState state = 2 [(struct) = true];
  optional ContainerState lastState = 3 [(struct) = true];
  optional bool ready = 4 [(keep) = true];
  optional int32 restartCount = 5 [(keep) = true];
  optional string image = 6 [(keep) = true];
  optional string imageID = 7 [(keep) = true];
  optional string containerID = 8;
  optional bool started = 9 [(ptr) = true];
  map<string, ${QUANTITY}> allocatedResources = 10;
  optional ResourceRequirements resources = 11;
  optional string stopSignal = 15 [(ptr) = true];
}

message PodCondition {
  optional string type = 1;
  optional string status = 2;
  optional ${META}.Time lastProbeTime = 3;
  optional ${META}.Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
  optional int64 observedGeneration = 7;
}

message PodIP {
  optional string ip = 1;
}

message HostIP {
  optional string ip = 1;
}

message PodStatus {
  optional string phase = 1;
  repeated PodCondition conditions = 2;
  optional string message = 3;
  optional string reason = 4;
  optional string hostIP = 5;
  optional string podIP = 6;
  optional ${META}.Time startTime = 7;
  repeated ContainerStatus containerStatuses = 8;
  optional string qosClass = 9;
  repeated ContainerStatus initContainerStatuses = 10;
  optional string nominatedNodeName = 11;
  repeated PodIP podIPs = 12;
  repeated ContainerStatus ephemeralContainerStatuses = 13;
  optional string resize = 14;
  repeated HostIP hostIPs = 16;
  optional int64 observedGeneration = 17;
}

message Pod {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional PodSpec spec = 2 [(struct) = true];
  optional PodStatus status = 3 [(struct) = true];
}
`;
