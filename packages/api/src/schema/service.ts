/** Schemas of core/v1 Service and Endpoints. */
import { arr, bool, int, intOrString, kindSchema, obj, str, stringMap, strings } from './build';
import { objectMeta, objectReference } from './meta';

const serviceSpec = obj({
  ports: arr(obj({ name: str, protocol: str, appProtocol: str, port: int, targetPort: intOrString, nodePort: int })),
  selector: stringMap,
  clusterIP: str,
  clusterIPs: strings,
  type: str,
  externalIPs: strings,
  sessionAffinity: str,
  sessionAffinityConfig: obj({ clientIP: obj({ timeoutSeconds: int }) }),
  loadBalancerIP: str,
  loadBalancerSourceRanges: strings,
  loadBalancerClass: str,
  externalName: str,
  externalTrafficPolicy: str,
  internalTrafficPolicy: str,
  healthCheckNodePort: int,
  publishNotReadyAddresses: bool,
  ipFamilies: strings,
  ipFamilyPolicy: str,
  allocateLoadBalancerNodePorts: bool,
});

const serviceStatus = obj({
  loadBalancer: obj({ ingress: arr(obj({ ip: str, hostname: str, ipMode: str })) }),
});

export const serviceSchema = kindSchema(objectMeta, { spec: serviceSpec, status: serviceStatus });

const endpointAddress = obj({ ip: str, hostname: str, nodeName: str, targetRef: objectReference });

export const endpointsSchema = kindSchema(objectMeta, {
  subsets: arr(
    obj({
      addresses: arr(endpointAddress),
      notReadyAddresses: arr(endpointAddress),
      ports: arr(obj({ name: str, port: int, protocol: str, appProtocol: str })),
    }),
  ),
});
