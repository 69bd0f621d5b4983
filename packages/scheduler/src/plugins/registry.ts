/**
 * The one registry: every plugin, in the order filters run (cheap, decisive checks first, as in
 * kube-scheduler's default profile), with the default weight of those that score.
 */
import type { PluginDefinition } from '../framework/types';
import * as balancedAllocation from './balanced-allocation';
import * as nodeAffinity from './node-affinity';
import * as nodeName from './node-name';
import * as nodePorts from './node-ports';
import * as nodeReady from './node-ready';
import * as nodeResourcesFit from './node-resources-fit';
import * as nodeUnschedulable from './node-unschedulable';
import * as ownerSpread from './owner-spread';
import * as taintToleration from './taint-toleration';

export interface RegistryEntry {
  definition: PluginDefinition;
  /** Weight of its score in the total (score plugins only); Kubernetes' defaults where it has them. */
  weight?: number;
}

export const REGISTRY: ReadonlyMap<string, RegistryEntry> = new Map<string, RegistryEntry>(
  [
    { definition: nodeUnschedulable.definition },
    { definition: nodeName.definition },
    { definition: nodeReady.definition },
    { definition: taintToleration.definition, weight: 3 },
    { definition: nodeAffinity.definition, weight: 2 },
    { definition: nodePorts.definition },
    { definition: nodeResourcesFit.definition, weight: 1 },
    { definition: ownerSpread.definition, weight: 2 },
    { definition: balancedAllocation.definition, weight: 1 },
  ].map((e) => [e.definition.name, e]),
);
