/**
 * Every controller the manager can run, and kube-controller-manager's --controllers rule for choosing:
 * a list of names where `*` means all, `name` enables one and `-name` disables one (`-name` wins).
 */
import { deploymentDescriptor } from './deployment/setup';
import { endpointsDescriptor } from './endpoints/setup';
import { garbageCollectorDescriptor } from './garbagecollector/setup';
import { namespaceDescriptor } from './namespace/setup';
import { nodeLifecycleDescriptor } from './nodelifecycle/setup';
import { replicaSetDescriptor } from './replicaset/setup';
import type { ControllerDescriptor } from './types';

export const ALL_CONTROLLERS: readonly ControllerDescriptor[] = [
  replicaSetDescriptor,
  deploymentDescriptor,
  endpointsDescriptor,
  nodeLifecycleDescriptor,
  garbageCollectorDescriptor,
  namespaceDescriptor,
];

export class UnknownControllerError extends Error {
  constructor(readonly controller: string) {
    super(`"${controller}" is not in the list of known controllers (${ALL_CONTROLLERS.map((c) => c.name).join(', ')})`);
    this.name = 'UnknownControllerError';
  }
}

function lookup(name: string): ControllerDescriptor {
  const found = ALL_CONTROLLERS.find((c) => c.name === name || c.aliases.includes(name));
  if (!found) throw new UnknownControllerError(name);
  return found;
}

/** The controllers a --controllers list selects, in registry order. */
export function selectControllers(spec: readonly string[]): ControllerDescriptor[] {
  const items = spec.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const all = items.includes('*');
  const enabled = new Set(items.filter((s) => s !== '*' && !s.startsWith('-')).map((s) => lookup(s).name));
  const disabled = new Set(items.filter((s) => s.startsWith('-')).map((s) => lookup(s.slice(1)).name));
  return ALL_CONTROLLERS.filter((c) => !disabled.has(c.name) && (all || enabled.has(c.name)));
}
