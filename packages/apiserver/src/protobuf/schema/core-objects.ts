/**
 * core/v1 top-level kinds other than Pod (which lives with its spec in `core-pod.ts`): Namespace,
 * ConfigMap, Secret, Service, ServiceAccount, Endpoints, Event, Node and Binding, plus the small
 * types they share. Names and numbers are Kubernetes' (k8s.io/api/core/v1 generated.proto); field
 * options are explained in `apimachinery.ts`.
 */
const META = '.k8s.io.apimachinery.pkg.apis.meta.v1';
const QUANTITY = '.k8s.io.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = '.k8s.io.apimachinery.pkg.util.intstr.IntOrString';

export const CORE_OBJECTS_PROTO = `
syntax = "proto2";

package k8s.io.api.core.v1;

message ObjectReference {
  optional string kind = 1;
  optional string namespace = 2;
  optional string name = 3;
  optional string uid = 4;
  optional string apiVersion = 5;
  optional string resourceVersion = 6;
  optional string fieldPath = 7;
}

message NamespaceCondition {
  optional string type = 1;
  optional string status = 2;
  optional ${META}.Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}

message NamespaceSpec {
  repeated string finalizers = 1;
}

message NamespaceStatus {
  optional string phase = 1;
  repeated NamespaceCondition conditions = 2;
}

message Namespace {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional NamespaceSpec spec = 2 [(struct) = true];
  optional NamespaceStatus status = 3 [(struct) = true];
}

message ConfigMap {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  map<string, string> data = 2;
  map<string, bytes> binaryData = 3;
  optional bool immutable = 4 [(ptr) = true];
}

message Secret {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  map<string, bytes> data = 2;
  optional string type = 3;
  map<string, string> stringData = 4;
  optional bool immutable = 5 [(ptr) = true];
}

message ServiceAccount {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  repeated ObjectReference secrets = 2;
  repeated LocalObjectReference imagePullSecrets = 3;
  optional bool automountServiceAccountToken = 4 [(ptr) = true];
}

message ServicePort {
  optional string name = 1;
  optional string protocol = 2;
  optional int32 port = 3 [(keep) = true];
  optional ${INT_OR_STRING} targetPort = 4 [(omitzero) = true];
  optional int32 nodePort = 5;
  optional string appProtocol = 6 [(ptr) = true];
}

message ClientIPConfig {
  optional int32 timeoutSeconds = 1 [(ptr) = true];
}

message SessionAffinityConfig {
  optional ClientIPConfig clientIP = 1;
}

message ServiceSpec {
  repeated ServicePort ports = 1;
  map<string, string> selector = 2;
  optional string clusterIP = 3;
  optional string type = 4;
  repeated string externalIPs = 5;
  optional string sessionAffinity = 7;
  optional string loadBalancerIP = 8;
  repeated string loadBalancerSourceRanges = 9;
  optional string externalName = 10;
  optional string externalTrafficPolicy = 11;
  optional int32 healthCheckNodePort = 12;
  optional bool publishNotReadyAddresses = 13;
  optional SessionAffinityConfig sessionAffinityConfig = 14;
  optional string ipFamilyPolicy = 17 [(ptr) = true];
  repeated string clusterIPs = 18;
  repeated string ipFamilies = 19;
  optional bool allocateLoadBalancerNodePorts = 20 [(ptr) = true];
  optional string loadBalancerClass = 21 [(ptr) = true];
  optional string internalTrafficPolicy = 22 [(ptr) = true];
  optional string trafficDistribution = 23 [(ptr) = true];
}

message PortStatus {
  optional int32 port = 1 [(keep) = true];
  optional string protocol = 2;
  optional string error = 3 [(ptr) = true];
}

message LoadBalancerIngress {
  optional string ip = 1;
  optional string hostname = 2;
  optional string ipMode = 3 [(ptr) = true];
  repeated PortStatus ports = 4;
}

message LoadBalancerStatus {
  repeated LoadBalancerIngress ingress = 1;
}

message ServiceStatus {
  optional LoadBalancerStatus loadBalancer = 1 [(struct) = true];
  repeated ${META}.Condition conditions = 2;
}

message Service {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional ServiceSpec spec = 2 [(struct) = true];
  optional ServiceStatus status = 3 [(struct) = true];
}

message EndpointAddress {
  optional string ip = 1;
  optional ObjectReference targetRef = 2;
  optional string hostname = 3;
  optional string nodeName = 4 [(ptr) = true];
}

message EndpointPort {
  optional string name = 1;
  optional int32 port = 2 [(keep) = true];
  optional string protocol = 3;
  optional string appProtocol = 4 [(ptr) = true];
}

message EndpointSubset {
  repeated EndpointAddress addresses = 1;
  repeated EndpointAddress notReadyAddresses = 2;
  repeated EndpointPort ports = 3;
}

message Endpoints {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  repeated EndpointSubset subsets = 2;
}

message EventSource {
  optional string component = 1;
  optional string host = 2;
}

message EventSeries {
  optional int32 count = 1;
  optional ${META}.MicroTime lastObservedTime = 2;
}

message Event {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional ObjectReference involvedObject = 2 [(struct) = true];
  optional string reason = 3;
  optional string message = 4;
  optional EventSource source = 5 [(struct) = true];
  optional ${META}.Time firstTimestamp = 6;
  optional ${META}.Time lastTimestamp = 7;
  optional int32 count = 8;
  optional string type = 9;
  optional ${META}.MicroTime eventTime = 10;
  optional EventSeries series = 11;
  optional string action = 12;
  optional ObjectReference related = 13;
  optional string reportingComponent = 14;
  optional string reportingInstance = 15;
}

message Binding {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional ObjectReference target = 2 [(struct) = true];
}

message Taint {
  optional string key = 1;
  optional string value = 2;
  optional string effect = 3;
  optional ${META}.Time timeAdded = 4;
}

message NodeSpec {
  optional string podCIDR = 1;
  optional string externalID = 2;
  optional string providerID = 3;
  optional bool unschedulable = 4;
  repeated Taint taints = 5;
  repeated string podCIDRs = 7;
}

message NodeCondition {
  optional string type = 1;
  optional string status = 2;
  optional ${META}.Time lastHeartbeatTime = 3;
  optional ${META}.Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}

message NodeAddress {
  optional string type = 1;
  optional string address = 2;
}

message DaemonEndpoint {
  optional int32 Port = 1 [(keep) = true];
}

message NodeDaemonEndpoints {
  optional DaemonEndpoint kubeletEndpoint = 1 [(struct) = true];
}

message NodeSwapStatus {
  optional int64 capacity = 1 [(ptr) = true];
}

message NodeSystemInfo {
  optional string machineID = 1 [(keep) = true];
  optional string systemUUID = 2 [(keep) = true];
  optional string bootID = 3 [(keep) = true];
  optional string kernelVersion = 4 [(keep) = true];
  optional string osImage = 5 [(keep) = true];
  optional string containerRuntimeVersion = 6 [(keep) = true];
  optional string kubeletVersion = 7 [(keep) = true];
  optional string kubeProxyVersion = 8 [(keep) = true];
  optional string operatingSystem = 9 [(keep) = true];
  optional string architecture = 10 [(keep) = true];
  optional NodeSwapStatus swap = 11;
}

message ContainerImage {
  repeated string names = 1;
  optional int64 sizeBytes = 2;
}

message AttachedVolume {
  optional string name = 1;
  optional string devicePath = 2;
}

message NodeStatus {
  map<string, ${QUANTITY}> capacity = 1;
  map<string, ${QUANTITY}> allocatable = 2;
  optional string phase = 3;
  repeated NodeCondition conditions = 4;
  repeated NodeAddress addresses = 5;
  optional NodeDaemonEndpoints daemonEndpoints = 6 [(struct) = true];
  optional NodeSystemInfo nodeInfo = 7 [(struct) = true];
  repeated ContainerImage images = 8;
  repeated string volumesInUse = 9;
  repeated AttachedVolume volumesAttached = 10;
}

message Node {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional NodeSpec spec = 2 [(struct) = true];
  optional NodeStatus status = 3 [(struct) = true];
}
`;
