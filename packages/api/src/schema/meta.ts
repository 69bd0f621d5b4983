/** Schemas of meta/v1 shapes and the small core references several kinds share. */
import { arr, bool, freeform, int, obj, str, stringMap, strings, time } from './build';

export const ownerReference = obj({
  apiVersion: str,
  kind: str,
  name: str,
  uid: str,
  controller: bool,
  blockOwnerDeletion: bool,
});

export const objectMeta = obj({
  name: str,
  generateName: str,
  namespace: str,
  selfLink: str,
  uid: str,
  resourceVersion: str,
  generation: int,
  creationTimestamp: time,
  deletionTimestamp: time,
  deletionGracePeriodSeconds: int,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: arr(ownerReference),
  finalizers: strings,
  managedFields: arr(
    obj({
      manager: str,
      operation: str,
      apiVersion: str,
      time,
      fieldsType: str,
      fieldsV1: freeform,
      subresource: str,
    }),
  ),
});

export const labelSelector = obj({
  matchLabels: stringMap,
  matchExpressions: arr(obj({ key: str, operator: str, values: strings })),
});

export const objectReference = obj({
  kind: str,
  namespace: str,
  name: str,
  uid: str,
  apiVersion: str,
  resourceVersion: str,
  fieldPath: str,
});

export const localObjectReference = obj({ name: str });

export const condition = {
  type: str,
  status: str,
  lastTransitionTime: time,
  reason: str,
  message: str,
};
