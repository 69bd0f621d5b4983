/** Cache keys as client-go makes them: `namespace/name`, or `name` for cluster-scoped objects. */
import type { KubeObject } from '@tinykube/api';

export function objectKey(obj: KubeObject): string {
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name}` : (name ?? '');
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/**
 * What a delete handler gets when the informer missed the DELETED event (the watch broke, and the object
 * was gone from the relist): the key and the last state the cache knew, which may be stale.
 */
export class DeletedFinalStateUnknown<T extends KubeObject = KubeObject> {
  constructor(
    readonly key: string,
    readonly obj: T,
  ) {}
}

/** The object of a delete notification, whether it came as an object or a tombstone. */
export function deletedObject<T extends KubeObject>(obj: T | DeletedFinalStateUnknown<T>): T {
  return obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
}

/** The key of a delete notification, whether it came as an object or a tombstone. */
export function deletionKey<T extends KubeObject>(obj: T | DeletedFinalStateUnknown<T>): string {
  return obj instanceof DeletedFinalStateUnknown ? obj.key : objectKey(obj);
}
