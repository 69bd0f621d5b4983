/** Schemas of the smaller core/v1 kinds. */
import { arr, bool, int, kindSchema, obj, str, stringMap, strings, time } from './build';
import { localObjectReference, objectMeta, objectReference } from './meta';

export const namespaceSchema = kindSchema(objectMeta, {
  spec: obj({ finalizers: strings }),
  status: obj({
    phase: str,
    conditions: arr(obj({ type: str, status: str, lastTransitionTime: time, reason: str, message: str })),
  }),
});

export const bindingSchema = kindSchema(objectMeta, { target: objectReference });

export const eventSchema = kindSchema(objectMeta, {
  involvedObject: objectReference,
  reason: str,
  message: str,
  source: obj({ component: str, host: str }),
  firstTimestamp: time,
  lastTimestamp: time,
  count: int,
  type: str,
  eventTime: time,
  series: obj({ count: int, lastObservedTime: time }),
  action: str,
  related: objectReference,
  reportingComponent: str,
  reportingInstance: str,
});

export const configMapSchema = kindSchema(objectMeta, { immutable: bool, data: stringMap, binaryData: stringMap });

export const secretSchema = kindSchema(objectMeta, {
  immutable: bool,
  data: stringMap,
  stringData: stringMap,
  type: str,
});

export const serviceAccountSchema = kindSchema(objectMeta, {
  secrets: arr(objectReference),
  imagePullSecrets: arr(localObjectReference),
  automountServiceAccountToken: bool,
});
