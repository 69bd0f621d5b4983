import type { Static } from '@sinclair/typebox';
import { str, quantity, opt, req, message } from '../define/dsl';

/** A port number or a named port / percentage ("http", "25%"), as Kubernetes' IntOrString. */
export type IntOrString = number | string;

/**
 * A resource quantity on the wire ("100m", "1Gi", 2). Parsing and arithmetic live in `../quantity`;
 * the types only say what a client may send.
 */
export type QuantityValue = string | number;

/** Resource name ("cpu", "memory", "pods", "example.com/gpu") -> quantity. */
export type ResourceList = Record<string, QuantityValue>;

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export const ObjectReference = message('k8s.io.api.core.v1.ObjectReference', {
  kind: opt(1, str),
  namespace: opt(2, str),
  name: opt(3, str),
  uid: opt(4, str),
  apiVersion: opt(5, str),
  resourceVersion: opt(6, str),
  fieldPath: opt(7, str),
});
export type ObjectReference = Static<typeof ObjectReference>;

export const LocalObjectReference = message('k8s.io.api.core.v1.LocalObjectReference', {
  name: opt(1, str),
});
export type LocalObjectReference = Static<typeof LocalObjectReference>;

export const ObjectFieldSelector = message('k8s.io.api.core.v1.ObjectFieldSelector', {
  apiVersion: opt(1, str),
  fieldPath: req(2, str),
});
export type ObjectFieldSelector = Static<typeof ObjectFieldSelector>;

export const ResourceFieldSelector = message('k8s.io.api.core.v1.ResourceFieldSelector', {
  containerName: opt(1, str),
  resource: req(2, str),
  divisor: opt(3, quantity),
});
export type ResourceFieldSelector = Static<typeof ResourceFieldSelector>;
