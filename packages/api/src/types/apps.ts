import type { Static } from '@sinclair/typebox';
import { str, bool, int32, int64, time, intOrString, oneOf, list, opt, req, message, kind } from '../define/dsl';
import type { KubeObject } from './meta';
import { LabelSelector, ObjectMeta } from './meta';
import { PodTemplateSpec } from './pod';
import { type ConditionStatus } from './common';

export type DeploymentStrategyType = 'Recreate' | 'RollingUpdate';

export type DeploymentConditionType = 'Available' | 'Progressing' | 'ReplicaFailure';

export const RollingUpdateDeployment = message('k8s.io.api.apps.v1.RollingUpdateDeployment', {
  maxUnavailable: opt(1, intOrString, { doc: 'How many pods (or what percentage) may be unavailable during the update (default 25%).' }),
  maxSurge: opt(2, intOrString, { doc: 'How many pods (or what percentage) may run above the desired count during the update (default 25%).' }),
});
export type RollingUpdateDeployment = Static<typeof RollingUpdateDeployment>;

export const DeploymentStrategy = message('k8s.io.api.apps.v1.DeploymentStrategy', {
  type: opt(1, oneOf<DeploymentStrategyType>(), { doc: 'RollingUpdate replaces pods a few at a time; Recreate stops every old pod first.' }),
  rollingUpdate: opt(2, RollingUpdateDeployment, { doc: 'Limits of a rolling update, when type is RollingUpdate.' }),
});
export type DeploymentStrategy = Static<typeof DeploymentStrategy>;

export const DeploymentSpec = message('k8s.io.api.apps.v1.DeploymentSpec', {
  replicas: opt(1, int32, { ptr: true, doc: 'How many pods to run; 1 when left out.' }),
  selector: req(2, LabelSelector, { doc: 'Which pods belong to this Deployment; must match the template labels and cannot change.' }),
  template: req(3, PodTemplateSpec, { struct: true, doc: 'The pod every replica is made from; changing it starts a rollout.' }),
  strategy: opt(4, DeploymentStrategy, { struct: true, patchStrategy: 'retainKeys', doc: 'How old pods are replaced by new ones: RollingUpdate (default) or Recreate.' }),
  minReadySeconds: opt(5, int32, { doc: 'How long a new pod must be ready before it counts as available.' }),
  revisionHistoryLimit: opt(6, int32, { ptr: true, doc: 'How many old ReplicaSets to keep for rollbacks (default 10).' }),
  paused: opt(7, bool, { doc: 'While true, template changes start no rollout.' }),
  progressDeadlineSeconds: opt(9, int32, { ptr: true, doc: 'After this long without progress the rollout is reported as failed (default 600).' }),
  podReplacementPolicy: opt(10, str, { ptr: true }),
});
export type DeploymentSpec = Static<typeof DeploymentSpec>;

export const DeploymentCondition = message('k8s.io.api.apps.v1.DeploymentCondition', {
  type: req(1, str),
  status: req(2, oneOf<ConditionStatus>()),
  reason: opt(4, str),
  message: opt(5, str),
  lastUpdateTime: opt(6, time),
  lastTransitionTime: opt(7, time),
});
export type DeploymentCondition = Static<typeof DeploymentCondition>;

export const DeploymentStatus = message('k8s.io.api.apps.v1.DeploymentStatus', {
  observedGeneration: opt(1, int64),
  replicas: opt(2, int32),
  updatedReplicas: opt(3, int32),
  availableReplicas: opt(4, int32),
  unavailableReplicas: opt(5, int32),
  conditions: opt(6, list(DeploymentCondition), { patchStrategy: 'merge', patchMergeKey: 'type' }),
  readyReplicas: opt(7, int32),
  collisionCount: opt(8, int32, { ptr: true }),
  terminatingReplicas: opt(9, int32, { ptr: true }),
});
export type DeploymentStatus = Static<typeof DeploymentStatus>;

export const Deployment = kind('k8s.io.api.apps.v1.Deployment', 'apps/v1', 'Deployment', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  spec: opt(2, DeploymentSpec, { struct: true }),
  status: opt(3, DeploymentStatus, { struct: true }),
}, 'Declarative updates of a set of identical pods: it rolls ReplicaSets forward and back.');
export type Deployment = KubeObject & Static<typeof Deployment>;

export const ReplicaSetSpec = message('k8s.io.api.apps.v1.ReplicaSetSpec', {
  replicas: opt(1, int32, { ptr: true, doc: 'How many pods to keep running; 1 when left out.' }),
  selector: req(2, LabelSelector, { doc: 'Which pods count towards replicas; must match the template labels.' }),
  template: opt(3, PodTemplateSpec, { struct: true, doc: 'The pod created when too few match the selector.' }),
  minReadySeconds: opt(4, int32),
});
export type ReplicaSetSpec = Static<typeof ReplicaSetSpec>;

export const ReplicaSetCondition = message('k8s.io.api.apps.v1.ReplicaSetCondition', {
  type: req(1, oneOf<'ReplicaFailure' | string>()),
  status: req(2, oneOf<ConditionStatus>()),
  lastTransitionTime: opt(3, time),
  reason: opt(4, str),
  message: opt(5, str),
});
export type ReplicaSetCondition = Static<typeof ReplicaSetCondition>;

export const ReplicaSetStatus = message('k8s.io.api.apps.v1.ReplicaSetStatus', {
  replicas: req(1, int32, { keep: true }),
  fullyLabeledReplicas: opt(2, int32),
  observedGeneration: opt(3, int64),
  readyReplicas: opt(4, int32),
  availableReplicas: opt(5, int32),
  conditions: opt(6, list(ReplicaSetCondition), { patchStrategy: 'merge', patchMergeKey: 'type' }),
  terminatingReplicas: opt(7, int32, { ptr: true }),
});
export type ReplicaSetStatus = Static<typeof ReplicaSetStatus>;

export const ReplicaSet = kind('k8s.io.api.apps.v1.ReplicaSet', 'apps/v1', 'ReplicaSet', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  spec: opt(2, ReplicaSetSpec, { struct: true }),
  status: opt(3, ReplicaSetStatus, { struct: true }),
}, 'Keeps a given number of pods matching its selector running.');
export type ReplicaSet = KubeObject & Static<typeof ReplicaSet>;
