/**
 * apps/v1 (Deployment, ReplicaSet), coordination.k8s.io/v1 (Lease), and two small subresource
 * bodies Go clients send typed: policy/v1 Eviction (kubectl drain) and autoscaling/v1 Scale.
 * Names and numbers are Kubernetes' (generated.proto of each group); field options are explained
 * in `apimachinery.ts`.
 */
const META = '.k8s.io.apimachinery.pkg.apis.meta.v1';
const INT_OR_STRING = '.k8s.io.apimachinery.pkg.util.intstr.IntOrString';
const POD_TEMPLATE = '.k8s.io.api.core.v1.PodTemplateSpec';

export const APPS_V1_PROTO = `
syntax = "proto2";

package k8s.io.api.apps.v1;

message RollingUpdateDeployment {
  optional ${INT_OR_STRING} maxUnavailable = 1;
  optional ${INT_OR_STRING} maxSurge = 2;
}

message DeploymentStrategy {
  optional string type = 1;
  optional RollingUpdateDeployment rollingUpdate = 2;
}

message DeploymentSpec {
  optional int32 replicas = 1 [(ptr) = true];
  optional ${META}.LabelSelector selector = 2;
  optional ${POD_TEMPLATE} template = 3 [(struct) = true];
  optional DeploymentStrategy strategy = 4 [(struct) = true];
  optional int32 minReadySeconds = 5;
  optional int32 revisionHistoryLimit = 6 [(ptr) = true];
  optional bool paused = 7;
  optional int32 progressDeadlineSeconds = 9 [(ptr) = true];
  optional string podReplacementPolicy = 10 [(ptr) = true];
}

message DeploymentCondition {
  optional string type = 1;
  optional string status = 2;
  optional string reason = 4;
  optional string message = 5;
  optional ${META}.Time lastUpdateTime = 6;
  optional ${META}.Time lastTransitionTime = 7;
}

message DeploymentStatus {
  optional int64 observedGeneration = 1;
  optional int32 replicas = 2;
  optional int32 updatedReplicas = 3;
  optional int32 availableReplicas = 4;
  optional int32 unavailableReplicas = 5;
  repeated DeploymentCondition conditions = 6;
  optional int32 readyReplicas = 7;
  optional int32 collisionCount = 8 [(ptr) = true];
  optional int32 terminatingReplicas = 9 [(ptr) = true];
}

message Deployment {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional DeploymentSpec spec = 2 [(struct) = true];
  optional DeploymentStatus status = 3 [(struct) = true];
}

message ReplicaSetSpec {
  optional int32 replicas = 1 [(ptr) = true];
  optional ${META}.LabelSelector selector = 2;
  optional ${POD_TEMPLATE} template = 3 [(struct) = true];
  optional int32 minReadySeconds = 4;
}

message ReplicaSetCondition {
  optional string type = 1;
  optional string status = 2;
  optional ${META}.Time lastTransitionTime = 3;
  optional string reason = 4;
  optional string message = 5;
}

message ReplicaSetStatus {
  optional int32 replicas = 1 [(keep) = true];
  optional int32 fullyLabeledReplicas = 2;
  optional int64 observedGeneration = 3;
  optional int32 readyReplicas = 4;
  optional int32 availableReplicas = 5;
  repeated ReplicaSetCondition conditions = 6;
  optional int32 terminatingReplicas = 7 [(ptr) = true];
}

message ReplicaSet {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional ReplicaSetSpec spec = 2 [(struct) = true];
  optional ReplicaSetStatus status = 3 [(struct) = true];
}
`;

export const COORDINATION_V1_PROTO = `
syntax = "proto2";

package k8s.io.api.coordination.v1;

message LeaseSpec {
  optional string holderIdentity = 1 [(ptr) = true];
  optional int32 leaseDurationSeconds = 2 [(ptr) = true];
  optional ${META}.MicroTime acquireTime = 3;
  optional ${META}.MicroTime renewTime = 4;
  optional int32 leaseTransitions = 5 [(ptr) = true];
  optional string strategy = 6 [(ptr) = true];
  optional string preferredHolder = 7 [(ptr) = true];
}

message Lease {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional LeaseSpec spec = 2 [(struct) = true];
}
`;

export const POLICY_V1_PROTO = `
syntax = "proto2";

package k8s.io.api.policy.v1;

message Eviction {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional ${META}.DeleteOptions deleteOptions = 2;
}
`;

export const AUTOSCALING_V1_PROTO = `
syntax = "proto2";

package k8s.io.api.autoscaling.v1;

message ScaleSpec {
  // Non-pointer with omitempty in Go, but "scale to 0" must reach the server as 0, not as unset.
  optional int32 replicas = 1 [(keep) = true];
}

message ScaleStatus {
  optional int32 replicas = 1 [(keep) = true];
  optional string selector = 2;
}

message Scale {
  optional ${META}.ObjectMeta metadata = 1 [(struct) = true];
  optional ScaleSpec spec = 2 [(struct) = true];
  optional ScaleStatus status = 3 [(struct) = true];
}
`;
