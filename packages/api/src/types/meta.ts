import type { Static } from '@sinclair/typebox';
import { str, bool, int64, time, fieldsV1, oneOf, map, list, opt, req, message, json } from '../define/dsl';

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'ServerTimeout'
  | 'Timeout'
  | 'TooManyRequests'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'ServiceUnavailable'
  | '';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export const OwnerReference = message('k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference', {
  kind: req(1, str),
  name: req(3, str),
  uid: req(4, str),
  apiVersion: req(5, str),
  controller: opt(6, bool, { ptr: true }),
  blockOwnerDeletion: opt(7, bool, { ptr: true }),
});
export type OwnerReference = Static<typeof OwnerReference>;

export const ManagedFieldsEntry = message('k8s.io.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry', {
  manager: opt(1, str),
  operation: opt(2, str),
  apiVersion: opt(3, str),
  time: opt(4, time),
  fieldsType: opt(6, str),
  fieldsV1: opt(7, fieldsV1),
  subresource: opt(8, str),
});
export type ManagedFieldsEntry = Static<typeof ManagedFieldsEntry>;

export const ObjectMeta = message('k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta', {
  name: opt(1, str, { doc: 'Unique within its namespace (or the cluster, for cluster-scoped kinds); cannot change once set.' }),
  generateName: opt(2, str, { doc: 'A prefix from which the server makes a unique name when name is empty (web- becomes web-x7k2p).' }),
  namespace: opt(3, str, { doc: 'The namespace the object lives in; empty for cluster-scoped kinds.' }),
  selfLink: opt(4, str),
  uid: opt(5, str, { doc: 'Set by the server at creation, unique in time and space; a new object of the same name gets a new uid.' }),
  resourceVersion: opt(6, str, { doc: 'The storage revision of this version of the object (etcd mod revision); send it back to update without losing a concurrent change.' }),
  generation: opt(7, int64, { doc: 'Bumped by the server on every change of the spec, so controllers can report which one they acted on (status.observedGeneration).' }),
  creationTimestamp: opt(8, time, { doc: 'When the server stored the object first.' }),
  deletionTimestamp: opt(9, time, { doc: 'Set when deletion was asked for while finalizers remain; the object goes once they are all removed.' }),
  deletionGracePeriodSeconds: opt(10, int64, { ptr: true }),
  labels: opt(11, map(str), { doc: 'Key-value pairs selectors match on (a Service or a ReplicaSet finds its pods by them).' }),
  annotations: opt(12, map(str), { doc: 'Key-value pairs for tools and people; never used for selection.' }),
  ownerReferences: opt(13, list(OwnerReference), { patchStrategy: 'merge', patchMergeKey: 'uid', doc: 'The objects this one belongs to; the garbage collector deletes it when they are all gone.' }),
  finalizers: opt(14, list(str), { patchStrategy: 'merge', doc: 'Names of controllers that must clean up before the object may go.' }),
  managedFields: opt(17, list(ManagedFieldsEntry)),
});
export type ObjectMeta = Static<typeof ObjectMeta>;

export const LabelSelectorRequirement = message('k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement', {
  key: req(1, str),
  operator: req(2, oneOf<LabelSelectorOperator>()),
  values: opt(3, list(str)),
});
export type LabelSelectorRequirement = Static<typeof LabelSelectorRequirement>;

export const LabelSelector = message('k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector', {
  matchLabels: opt(1, map(str), { doc: 'Labels an object must all carry, exactly.' }),
  matchExpressions: opt(2, list(LabelSelectorRequirement), { doc: 'Further requirements (In, NotIn, Exists, DoesNotExist), all of which must hold.' }),
});
export type LabelSelector = Static<typeof LabelSelector>;

export const Preconditions = message('k8s.io.apimachinery.pkg.apis.meta.v1.Preconditions', {
  uid: opt(1, str, { ptr: true }),
  resourceVersion: opt(2, str, { ptr: true }),
});
export type Preconditions = Static<typeof Preconditions>;

export const DeleteOptions = message('k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions', {
  apiVersion: json(str),
  kind: json(str),
  gracePeriodSeconds: opt(1, int64, { ptr: true }),
  preconditions: opt(2, Preconditions),
  orphanDependents: opt(3, bool, { ptr: true }),
  propagationPolicy: opt(4, oneOf<'Orphan' | 'Background' | 'Foreground'>(), { ptr: true }),
  dryRun: opt(5, list(str)),
  ignoreStoreReadErrorWithClusterBreakingPotential: opt(6, bool, { ptr: true }),
});
export type DeleteOptions = Static<typeof DeleteOptions>;

export const Condition = message('k8s.io.apimachinery.pkg.apis.meta.v1.Condition', {
  type: opt(1, str),
  status: opt(2, str),
  observedGeneration: opt(3, int64),
  lastTransitionTime: opt(4, time),
  reason: opt(5, str),
  message: opt(6, str),
});
export type Condition = Static<typeof Condition>;

/* The wire protocol's own shapes (lists, Status, watch events): not kinds, so not defined as messages. */

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  selfLink?: string;
}

/** Any API object. Kind-specific types (Pod, Deployment, ...) narrow `spec` and `status`. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  apiVersion: 'v1';
  kind: 'Status';
  metadata: ListMeta;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

export interface WatchEvent<T = KubeObject | Status> {
  type: WatchEventType;
  object: T;
}
