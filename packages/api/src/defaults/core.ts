/** Defaults of the smaller core/v1 kinds. */
import { child, isObj, setDefault, setDefaultString, type Obj } from './guards';

/** The label every namespace carries so that selectors can pick namespaces by name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Namespace defaults. The `kubernetes` finalizer is what Kubernetes' namespace strategy adds on create: it
 * keeps the namespace until the namespace controller has emptied it.
 */
export function applyNamespaceDefaults(namespace: Obj): void {
  const metadata = namespace.metadata;
  if (isObj(metadata) && typeof metadata.name === 'string' && metadata.name !== '') {
    const labels = child(metadata, 'labels');
    if (labels !== undefined) labels[NAMESPACE_NAME_LABEL] = metadata.name;
  }
  const spec = child(namespace, 'spec');
  if (spec !== undefined) setDefault(spec, 'finalizers', ['kubernetes']);
  const status = child(namespace, 'status');
  if (status !== undefined) setDefaultString(status, 'phase', 'Active');
}

export function applySecretDefaults(secret: Obj): void {
  setDefaultString(secret, 'type', 'Opaque');
}

/** A node that reports capacity but no allocatable can allocate all of it. */
export function applyNodeDefaults(node: Obj): void {
  const status = node.status;
  if (isObj(status) && isObj(status.capacity)) setDefault(status, 'allocatable', { ...status.capacity });
}
