/**
 * The Endpoints a Service should have: for every selected pod with an IP, its address under `addresses`
 * when ready (or when the Service publishes not-ready addresses) and under `notReadyAddresses` otherwise,
 * with the Service's ports resolved against the pod (a named targetPort is looked up in the pod's
 * container ports). Pods that resolve to the same ports share a subset, as Kubernetes repacks them.
 */
import { compareIPs, type EndpointAddress, type EndpointPort, type EndpointSubset, type Pod, type Service, type ServicePort } from '@tinykube/api';
import { isPodReady } from '../../util/pods';

/** The pod's port for a Service port, or undefined when a named port is not on the pod. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** Kubernetes leaves out finished pods, and pods being deleted unless not-ready ones are published. */
function belongs(pod: Pod, publishNotReady: boolean): boolean {
  if (!pod.status?.podIP) return false;
  if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') return false;
  return publishNotReady || !pod.metadata.deletionTimestamp;
}

function addressOf(pod: Pod, svc: Service): EndpointAddress {
  const addr: EndpointAddress = {
    ip: pod.status!.podIP!,
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
  if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name) addr.hostname = pod.spec.hostname;
  return addr;
}

function compareIp(a: EndpointAddress, b: EndpointAddress): number {
  return compareIPs(a.ip, b.ip);
}

export function computeSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of pods) {
    if (!belongs(pod, publishNotReady)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    // A Service with ports whose pod matches none of them contributes no endpoint for that pod.
    if ((svc.spec?.ports ?? []).length > 0 && ports.length === 0) continue;
    ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    (publishNotReady || isPodReady(pod) ? g.ready : g.notReady).push(addressOf(pod, svc));
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => {
      const subset: EndpointSubset = {};
      if (g.ready.length > 0) subset.addresses = g.ready.sort(compareIp);
      if (g.notReady.length > 0) subset.notReadyAddresses = g.notReady.sort(compareIp);
      if (g.ports.length > 0) subset.ports = g.ports;
      return subset;
    });
}
