/** Checks a write must pass before it reaches storage, beyond the object's own validation. */
import { findKind, type KubeObject, type ResourceInfo } from '@tinykube/api';
import { forbidden, notFound } from '../errors';
import { objectKey } from '../rest/codec';
import { gr } from '../rest/store';
import type { AdmissionOptions, ApiContext } from './context';

const namespaceInfo = (): ResourceInfo => findKind('v1', 'Namespace') as ResourceInfo;

/** Namespaces the cluster cannot work without; Kubernetes refuses to delete them. */
export const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export async function getNamespace(ctx: ApiContext, name: string): Promise<KubeObject | undefined> {
  const info = namespaceInfo();
  // The cache answers almost always; a namespace created a moment ago may not have reached it yet.
  return ctx.hub.cache(info).get(objectKey(info, undefined, name)) ?? (await ctx.store.tryGet(info, undefined, name));
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

function tolerates(tolerations: Toleration[], key: string): boolean {
  return tolerations.some(
    (t) => (t.effect === 'NoExecute' || !t.effect) && ((t.operator === 'Exists' && (!t.key || t.key === key)) || t.key === key),
  );
}

/**
 * DefaultTolerationSeconds admission: every new pod tolerates the not-ready and unreachable NoExecute
 * taints for a while (300 s unless configured), so the node lifecycle controller evicts it after that
 * long and not at once. A pod that already tolerates a taint keeps its own toleration.
 */
export function addDefaultTolerations(pod: KubeObject, opts: AdmissionOptions): void {
  const spec = (pod.spec ?? {}) as { tolerations?: Toleration[] };
  const tolerations = [...(spec.tolerations ?? [])];
  if (!tolerates(tolerations, NOT_READY_TAINT)) {
    tolerations.push({ key: NOT_READY_TAINT, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: opts.notReadyTolerationSeconds });
  }
  if (!tolerates(tolerations, UNREACHABLE_TAINT)) {
    tolerations.push({ key: UNREACHABLE_TAINT, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: opts.unreachableTolerationSeconds });
  }
  spec.tolerations = tolerations;
  pod.spec = spec;
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
