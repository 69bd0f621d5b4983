/** Cache keys and delete notifications, as client-go's cache package has them. */
import { objectKey, type KubeObject } from '@tinykube/api';

// The keys themselves (`namespace/name`, or `name` for cluster-scoped objects) are @tinykube/api's, shared
// with the apiserver and the node agent; they are re-exported so informer users find them here too.
export { objectKey, splitKey } from '@tinykube/api';

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
