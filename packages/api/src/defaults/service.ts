/** Service and Endpoints defaults. */
import { child, isObj, objects, setDefault, setDefaultString, type Obj } from './guards';

/** Kubernetes' timeout for ClientIP session affinity: three hours. */
const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

function hasSelector(spec: Obj): boolean {
  return isObj(spec.selector) && Object.keys(spec.selector).length > 0;
}

/**
 * Service defaults. `ipFamilies`/`ipFamilyPolicy` are really written by Kubernetes' service REST layer
 * from the cluster's configuration; tinykube clusters are single-stack IPv4, so they are fixed here.
 */
export function applyServiceDefaults(service: Obj): void {
  const spec = child(service, 'spec');
  if (spec === undefined) return;
  setDefaultString(spec, 'type', 'ClusterIP');
  setDefaultString(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') {
    delete spec.sessionAffinityConfig;
  } else if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = child(child(spec, 'sessionAffinityConfig') ?? {}, 'clientIP');
    if (clientIP !== undefined) setDefault(clientIP, 'timeoutSeconds', DEFAULT_CLIENT_IP_TIMEOUT_SECONDS);
  }
  for (const port of objects(spec.ports)) {
    setDefaultString(port, 'protocol', 'TCP');
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') {
      port.targetPort = port.port;
    }
  }
  const type = spec.type;
  if (type === 'NodePort' || type === 'LoadBalancer') setDefaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
  if (type !== 'ExternalName') {
    setDefaultString(spec, 'internalTrafficPolicy', 'Cluster');
    // A headless Service without a selector publishes whatever endpoints it is given, of any family.
    const headless = spec.clusterIP === 'None';
    setDefaultString(spec, 'ipFamilyPolicy', headless && !hasSelector(spec) ? 'RequireDualStack' : 'SingleStack');
    setDefault(spec, 'ipFamilies', ['IPv4']);
  }
}

export function applyEndpointsDefaults(endpoints: Obj): void {
  for (const subset of objects(endpoints.subsets)) {
    for (const port of objects(subset.ports)) setDefaultString(port, 'protocol', 'TCP');
  }
}
