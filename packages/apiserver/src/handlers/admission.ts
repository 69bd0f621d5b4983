/** Checks a write must pass before it reaches storage, beyond the object's own validation. */
import { findKind, type KubeObject, type ResourceInfo } from '@tinykube/api';
import { forbidden, notFound } from '../errors';
import { objectKey } from '../rest/codec';
import { gr } from '../rest/store';
import type { ApiContext } from './context';

const namespaceInfo = (): ResourceInfo => findKind('v1', 'Namespace') as ResourceInfo;

/** Namespaces the cluster cannot work without; Kubernetes refuses to delete them. */
export const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export async function getNamespace(ctx: ApiContext, name: string): Promise<KubeObject | undefined> {
  const info = namespaceInfo();
  // The cache answers almost always; a namespace created a moment ago may not have reached it yet.
  return ctx.hub.cache(info).get(objectKey(info, undefined, name)) ?? (await ctx.store.tryGet(info, undefined, name));
}

/** New content needs a namespace that exists and is not being deleted. */
export async function admitIntoNamespace(ctx: ApiContext, info: ResourceInfo, namespace: string, name: string): Promise<void> {
  const ns = await getNamespace(ctx, namespace);
  if (!ns) throw notFound({ group: '', resource: 'namespaces' }, namespace);
  const phase = (ns.status as { phase?: string } | undefined)?.phase;
  if (ns.metadata.deletionTimestamp || phase === 'Terminating') {
    throw forbidden(gr(info), name, `unable to create new content in namespace ${namespace} because it is being terminated`);
  }
}
