/**
 * Object keys as client-go's MetaNamespaceKeyFunc makes them: `namespace/name` for namespaced objects,
 * `name` for cluster-scoped ones. Informer caches, work queues, the scheduler's and the node agent's
 * bookkeeping all key objects this way, so a key made in one place can be looked up in another.
 */

/** The part of an object a key is made from. */
export interface KeyedObject {
  metadata: { namespace?: string; name?: string };
}

export class InvalidKeyError extends Error {
  constructor(readonly key: string) {
    super(`unexpected key format: "${key}"`);
    this.name = 'InvalidKeyError';
  }
}

/** `namespace/name`, or `name` when the namespace is empty or absent (cluster-scoped). */
export function namespacedKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** The key of an object (client-go's MetaNamespaceKeyFunc). */
export function objectKey(obj: KeyedObject): string {
  return namespacedKey(obj.metadata.namespace, obj.metadata.name ?? '');
}

/**
 * A key back into its parts (client-go's SplitMetaNamespaceKey). Names never contain `/`, so a key with
 * two or more is not one we made: that is an InvalidKeyError, not a silently odd name.
 */
export function splitKey(key: string): { namespace?: string; name: string } {
  const parts = key.split('/');
  if (parts.length === 1) return { name: key };
  if (parts.length === 2) return { namespace: parts[0], name: parts[1] };
  throw new InvalidKeyError(key);
}
