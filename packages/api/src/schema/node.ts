/** Schema of core/v1 Node. */
import { arr, int, kindSchema, obj, quantityMap, str, strings, time } from './build';
import { condition, objectMeta } from './meta';

const nodeSpec = obj({
  podCIDR: str,
  podCIDRs: strings,
  providerID: str,
  unschedulable: { type: 'boolean' },
  taints: arr(obj({ key: str, value: str, effect: str, timeAdded: time })),
  externalID: str,
});

const nodeStatus = obj({
  capacity: quantityMap,
  allocatable: quantityMap,
  phase: str,
  conditions: arr(obj({ ...condition, lastHeartbeatTime: time })),
  addresses: arr(obj({ type: str, address: str })),
  daemonEndpoints: obj({ kubeletEndpoint: obj({ Port: int }) }),
  nodeInfo: obj({
    machineID: str,
    systemUUID: str,
    bootID: str,
    kernelVersion: str,
    osImage: str,
    containerRuntimeVersion: str,
    kubeletVersion: str,
    kubeProxyVersion: str,
    operatingSystem: str,
    architecture: str,
  }),
  images: arr(obj({ names: strings, sizeBytes: int })),
});

export const nodeSchema = kindSchema(objectMeta, { spec: nodeSpec, status: nodeStatus });
