/** Plugin names as Kubernetes spells them (OwnerSpread and NodeReady are tinykube's own). */
export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const NODE_NAME = 'NodeName';
export const NODE_READY = 'NodeReady';
export const TAINT_TOLERATION = 'TaintToleration';
export const NODE_AFFINITY = 'NodeAffinity';
export const NODE_PORTS = 'NodePorts';
export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';
export const OWNER_SPREAD = 'OwnerSpread';
