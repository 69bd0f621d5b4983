import type { Static } from '@sinclair/typebox';
import { str, bool, int32, intOrString, oneOf, map, list, opt, req, message, kind } from '../define/dsl';
import type { KubeObject } from './meta';
import { Condition, ObjectMeta } from './meta';
import { ObjectReference, type Protocol } from './common';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export type IPFamily = 'IPv4' | 'IPv6';

export type IPFamilyPolicy = 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';

export type ServiceTrafficPolicy = 'Cluster' | 'Local';

export const ClientIPConfig = message('k8s.io.api.core.v1.ClientIPConfig', {
  timeoutSeconds: opt(1, int32, { ptr: true }),
});
export type ClientIPConfig = Static<typeof ClientIPConfig>;

export const PortStatus = message('k8s.io.api.core.v1.PortStatus', {
  port: opt(1, int32, { keep: true }),
  protocol: opt(2, str),
  error: opt(3, str, { ptr: true }),
});
export type PortStatus = Static<typeof PortStatus>;

export const LoadBalancerIngress = message('k8s.io.api.core.v1.LoadBalancerIngress', {
  ip: opt(1, str),
  hostname: opt(2, str),
  ipMode: opt(3, str, { ptr: true }),
  ports: opt(4, list(PortStatus)),
});
export type LoadBalancerIngress = Static<typeof LoadBalancerIngress>;

export const LoadBalancerStatus = message('k8s.io.api.core.v1.LoadBalancerStatus', {
  ingress: opt(1, list(LoadBalancerIngress)),
});
export type LoadBalancerStatus = Static<typeof LoadBalancerStatus>;

export const ServicePort = message('k8s.io.api.core.v1.ServicePort', {
  name: opt(1, str, { doc: 'Needed when the Service has more than one port; EndpointSlices and DNS SRV records use it.' }),
  protocol: opt(2, oneOf<Protocol>(), { doc: 'TCP (default), UDP or SCTP.' }),
  port: req(3, int32, { keep: true, doc: 'The port on the ClusterIP.' }),
  targetPort: opt(4, intOrString, { omitzero: true, doc: 'The port (number or container port name) on the pods; port when left out.' }),
  nodePort: opt(5, int32, { doc: 'For NodePort and LoadBalancer Services: the port on every node, allocated when left out.' }),
  appProtocol: opt(6, str, { ptr: true }),
});
export type ServicePort = Static<typeof ServicePort>;

export const SessionAffinityConfig = message('k8s.io.api.core.v1.SessionAffinityConfig', {
  clientIP: opt(1, ClientIPConfig),
});
export type SessionAffinityConfig = Static<typeof SessionAffinityConfig>;

export const ServiceSpec = message('k8s.io.api.core.v1.ServiceSpec', {
  ports: opt(1, list(ServicePort), { patchStrategy: 'merge', patchMergeKey: 'port', doc: 'Which ports the Service offers and where each one leads on the pods.' }),
  selector: opt(2, map(str), { doc: 'Pods with these labels are the endpoints of the Service.' }),
  clusterIP: opt(3, str, { doc: 'The virtual IP, allocated from the service range when left out; "None" makes a headless Service.' }),
  type: opt(4, oneOf<ServiceType>(), { doc: 'ClusterIP (default: a virtual IP inside the cluster), NodePort (also a port on every node), LoadBalancer or ExternalName.' }),
  externalIPs: opt(5, list(str)),
  sessionAffinity: opt(7, oneOf<'None' | 'ClientIP'>(), { doc: 'ClientIP sends each client to the same pod; None (default) picks one per connection.' }),
  loadBalancerIP: opt(8, str),
  loadBalancerSourceRanges: opt(9, list(str)),
  externalName: opt(10, str),
  externalTrafficPolicy: opt(11, oneOf<ServiceTrafficPolicy>()),
  healthCheckNodePort: opt(12, int32),
  publishNotReadyAddresses: opt(13, bool),
  sessionAffinityConfig: opt(14, SessionAffinityConfig),
  ipFamilyPolicy: opt(17, oneOf<IPFamilyPolicy>(), { ptr: true }),
  clusterIPs: opt(18, list(str)),
  ipFamilies: opt(19, list(oneOf<IPFamily>())),
  allocateLoadBalancerNodePorts: opt(20, bool, { ptr: true }),
  loadBalancerClass: opt(21, str, { ptr: true }),
  internalTrafficPolicy: opt(22, oneOf<ServiceTrafficPolicy>(), { ptr: true }),
  trafficDistribution: opt(23, str, { ptr: true }),
});
export type ServiceSpec = Static<typeof ServiceSpec>;

export const ServiceStatus = message('k8s.io.api.core.v1.ServiceStatus', {
  loadBalancer: opt(1, LoadBalancerStatus, { struct: true }),
  conditions: opt(2, list(Condition), { patchStrategy: 'merge', patchMergeKey: 'type' }),
});
export type ServiceStatus = Static<typeof ServiceStatus>;

export const Service = kind('k8s.io.api.core.v1.Service', 'v1', 'Service', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  spec: opt(2, ServiceSpec, { struct: true }),
  status: opt(3, ServiceStatus, { struct: true }),
}, 'A stable virtual IP and DNS name in front of the pods its selector matches.');
export type Service = KubeObject & Static<typeof Service>;

export const EndpointAddress = message('k8s.io.api.core.v1.EndpointAddress', {
  ip: req(1, str),
  targetRef: opt(2, ObjectReference),
  hostname: opt(3, str),
  nodeName: opt(4, str, { ptr: true }),
});
export type EndpointAddress = Static<typeof EndpointAddress>;

export const EndpointPort = message('k8s.io.api.core.v1.EndpointPort', {
  name: opt(1, str),
  port: req(2, int32, { keep: true }),
  protocol: opt(3, oneOf<Protocol>()),
  appProtocol: opt(4, str, { ptr: true }),
});
export type EndpointPort = Static<typeof EndpointPort>;

export const EndpointSubset = message('k8s.io.api.core.v1.EndpointSubset', {
  addresses: opt(1, list(EndpointAddress)),
  notReadyAddresses: opt(2, list(EndpointAddress)),
  ports: opt(3, list(EndpointPort)),
});
export type EndpointSubset = Static<typeof EndpointSubset>;

export const Endpoints = kind('k8s.io.api.core.v1.Endpoints', 'v1', 'Endpoints', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  subsets: opt(2, list(EndpointSubset)),
}, 'The addresses of the ready pods behind a Service, kept by the endpoints controller.');
export type Endpoints = KubeObject & Static<typeof Endpoints>;
