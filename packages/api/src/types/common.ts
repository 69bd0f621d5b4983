/** Small shapes several kinds share. */

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

/** A reference to an object in the same namespace, by name only. */
export interface LocalObjectReference {
  name?: string;
}

/** The loose reference Events and Bindings carry (core/v1 ObjectReference). */
export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** Downward API: a field of the pod itself (env values, downwardAPI volume files). */
export interface ObjectFieldSelector {
  apiVersion?: string;
  fieldPath: string;
}

export interface ResourceFieldSelector {
  containerName?: string;
  resource: string;
  divisor?: QuantityValue;
}
