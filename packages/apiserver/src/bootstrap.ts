/** Objects every cluster starts with: the system namespaces and the `kubernetes` Service. */
import { allResources, checkSchemaTypes, findKind, type ResourceInfo } from '@tinykube/api';
import { isApiError } from './errors';
import type { ApiContext } from './handlers/context';
import { handleCreate } from './handlers/create';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

async function createIfMissing(ctx: ApiContext, info: ResourceInfo, namespace: string | undefined, body: Record<string, unknown>): Promise<void> {
  try {
    await handleCreate(ctx, { info, namespace }, body, new URLSearchParams());
  } catch (e) {
    if (isApiError(e) && e.reason === 'AlreadyExists') return;
    if (isApiError(e) && e.code === 422 && info.kind === 'Service') {
      // The address survived a restart whose Service did not (or the reverse); nothing to repair by hand.
      ctx.logger.warn({ err: e.message }, 'kubernetes service not created');
      return;
    }
    throw e;
  }
}

export async function bootstrap(ctx: ApiContext, apiPort: number): Promise<void> {
  // Compile every kind's schema now, so the first write of each kind is not hundreds of ms slower.
  for (const info of allResources()) checkSchemaTypes(info.kind, { metadata: {} });
  const ns = findKind('v1', 'Namespace') as ResourceInfo;
  for (const name of SYSTEM_NAMESPACES) await createIfMissing(ctx, ns, undefined, { metadata: { name } });
  const svc = findKind('v1', 'Service') as ResourceInfo;
  const existing = await ctx.store.tryGet(svc, 'default', 'kubernetes');
  if (existing) return;
  await createIfMissing(ctx, svc, 'default', {
    metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: ctx.ips.firstAddress(),
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: apiPort }],
    },
  });
}
