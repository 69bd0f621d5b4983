import type { Static } from '@sinclair/typebox';
import { str, bool, int32, bytes, time, microTime, map, list, opt, req, message, kind } from '../define/dsl';
import type { KubeObject } from './meta';
import { ObjectMeta } from './meta';
import { LocalObjectReference, ObjectReference } from './common';

export type NamespacePhase = 'Active' | 'Terminating';

export type EventType = 'Normal' | 'Warning';

export type SecretType =
  | 'Opaque'
  | 'kubernetes.io/service-account-token'
  | 'kubernetes.io/dockercfg'
  | 'kubernetes.io/dockerconfigjson'
  | 'kubernetes.io/basic-auth'
  | 'kubernetes.io/ssh-auth'
  | 'kubernetes.io/tls'
  | 'bootstrap.kubernetes.io/token'
  | string;

export const NamespaceSpec = message('k8s.io.api.core.v1.NamespaceSpec', {
  finalizers: opt(1, list(str)),
});
export type NamespaceSpec = Static<typeof NamespaceSpec>;

export const NamespaceCondition = message('k8s.io.api.core.v1.NamespaceCondition', {
  type: req(1, str),
  status: req(2, str),
  lastTransitionTime: opt(4, time),
  reason: opt(5, str),
  message: opt(6, str),
});
export type NamespaceCondition = Static<typeof NamespaceCondition>;

export const NamespaceStatus = message('k8s.io.api.core.v1.NamespaceStatus', {
  phase: opt(1, str),
  conditions: opt(2, list(NamespaceCondition), { patchStrategy: 'merge', patchMergeKey: 'type' }),
});
export type NamespaceStatus = Static<typeof NamespaceStatus>;

export const Namespace = kind('k8s.io.api.core.v1.Namespace', 'v1', 'Namespace', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  spec: opt(2, NamespaceSpec, { struct: true }),
  status: opt(3, NamespaceStatus, { struct: true }),
}, 'A scope for names: most objects live in exactly one namespace, and deleting it deletes them.');
export type Namespace = KubeObject & Static<typeof Namespace>;

export const ConfigMap = kind('k8s.io.api.core.v1.ConfigMap', 'v1', 'ConfigMap', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  data: opt(2, map(str)),
  /** Values are base64 on the wire. */
  binaryData: opt(3, map(bytes)),
  immutable: opt(4, bool, { ptr: true }),
}, 'Configuration data as key-value pairs, for pods to read as environment variables or files.');
export type ConfigMap = KubeObject & Static<typeof ConfigMap>;

export const Secret = kind('k8s.io.api.core.v1.Secret', 'v1', 'Secret', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  /** Values are base64 on the wire. */
  data: opt(2, map(bytes)),
  type: opt(3, str),
  /** Write-only convenience: merged into `data` by the apiserver. */
  stringData: opt(4, map(str)),
  immutable: opt(5, bool, { ptr: true }),
}, 'Sensitive data such as passwords or keys, for pods to read as environment variables or files.');
export type Secret = KubeObject & Static<typeof Secret>;

export const ServiceAccount = kind('k8s.io.api.core.v1.ServiceAccount', 'v1', 'ServiceAccount', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  secrets: opt(2, list(ObjectReference), { patchStrategy: 'merge', patchMergeKey: 'name' }),
  imagePullSecrets: opt(3, list(LocalObjectReference)),
  automountServiceAccountToken: opt(4, bool, { ptr: true }),
}, 'An identity for processes that run in pods.');
export type ServiceAccount = KubeObject & Static<typeof ServiceAccount>;

export const EventSource = message('k8s.io.api.core.v1.EventSource', {
  component: opt(1, str),
  host: opt(2, str),
});
export type EventSource = Static<typeof EventSource>;

export const EventSeries = message('k8s.io.api.core.v1.EventSeries', {
  count: opt(1, int32),
  lastObservedTime: opt(2, microTime),
});
export type EventSeries = Static<typeof EventSeries>;

export const Event = kind('k8s.io.api.core.v1.Event', 'v1', 'Event', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  involvedObject: req(2, ObjectReference, { struct: true }),
  reason: opt(3, str),
  message: opt(4, str),
  source: opt(5, EventSource, { struct: true }),
  firstTimestamp: opt(6, time),
  lastTimestamp: opt(7, time),
  count: opt(8, int32),
  type: opt(9, str),
  eventTime: opt(10, microTime),
  series: opt(11, EventSeries),
  action: opt(12, str),
  related: opt(13, ObjectReference),
  reportingComponent: opt(14, str),
  reportingInstance: opt(15, str),
}, 'A report of something that happened to an object, such as a pod being scheduled or a container started.');
export type Event = KubeObject & Static<typeof Event>;

export const Binding = kind('k8s.io.api.core.v1.Binding', 'v1', 'Binding', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  target: req(2, ObjectReference, { struct: true }),
}, 'Ties a pod to a node: what the scheduler posts to pods/NAME/binding.');
export type Binding = KubeObject & Static<typeof Binding>;
