/** The downward API: values of the pod's own fields (env fieldRef, resourceFieldRef). */
import { parseQuantity, type Container, type Pod, type ResourceFieldSelector, type ResourceList } from '@tinykube/api';
import { ContainerConfigError } from './errors';

export interface PodRuntimeFacts {
  podIPs: string[];
  hostIPs: string[];
}

const LABEL_OR_ANNOTATION = /^metadata\.(labels|annotations)\['(.+)'\]$/;

export function fieldRefValue(pod: Pod, fieldPath: string, facts: PodRuntimeFacts): string {
  const keyed = LABEL_OR_ANNOTATION.exec(fieldPath);
  if (keyed) {
    const map = keyed[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations;
    return map?.[keyed[2]] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
      return facts.podIPs[0] ?? '';
    case 'status.podIPs':
      return facts.podIPs.join(',');
    case 'status.hostIP':
      return facts.hostIPs[0] ?? '';
    case 'status.hostIPs':
      return facts.hostIPs.join(',');
    default:
      throw new ContainerConfigError(`unsupported fieldPath: ${fieldPath}`);
  }
}

/**
 * limits.cpu, requests.memory, ... of a container, divided by the divisor and rounded up, as the
 * kubelet does; an unset limit reads as the node's allocatable.
 */
export function resourceFieldRefValue(container: Container, ref: ResourceFieldSelector, allocatable: ResourceList): string {
  const [kind, resource] = ref.resource.split('.', 2);
  if ((kind !== 'limits' && kind !== 'requests') || !resource) throw new ContainerConfigError(`unsupported container resource: ${ref.resource}`);
  const own = container.resources?.[kind]?.[resource] ?? (kind === 'limits' ? allocatable[resource] : undefined) ?? container.resources?.limits?.[resource];
  if (own === undefined) return '0';
  const divisor = parseQuantity(String(ref.divisor ?? '1'));
  const value = parseQuantity(String(own));
  if (divisor.isZero()) throw new ContainerConfigError(`invalid divisor for ${ref.resource}`);
  const num = value.milliValue();
  const den = divisor.milliValue();
  return String((num + den - 1n) / den);
}
