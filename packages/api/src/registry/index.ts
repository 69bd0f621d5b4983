/**
 * The resource registry: which kinds exist, under which group/version and plural, namespaced or not,
 * how CLIs may abbreviate them, which field selectors they support and how their tables look.
 */
import { APPS_RESOURCES } from './apps';
import { COORDINATION_RESOURCES } from './coordination';
import { CORE_RESOURCES } from './core';
import type { ResourceInfo } from './types';

export type { ResourceInfo, SubresourceInfo, TableColumn } from './types';
export { humanDuration } from './format';
export { formatEndpoints } from './core-cells';
export { podStatusReason } from './pod-table';

const RESOURCES: readonly ResourceInfo[] = [...CORE_RESOURCES, ...APPS_RESOURCES, ...COORDINATION_RESOURCES];

export function allResources(): ResourceInfo[] {
  return [...RESOURCES];
}

export function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

export function findKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.apiVersion === apiVersion && r.kind === kind);
}

function matchesName(r: ResourceInfo, name: string): boolean {
  return r.resource === name || r.singular === name || r.kind.toLowerCase() === name || r.shortNames.includes(name);
}

/**
 * Resolves what a user types after `kubectl get`: plural, singular, short name or kind, case-insensitively,
 * optionally qualified by group ("deployments.apps") or version and group ("leases.v1.coordination.k8s.io").
 */
export function findByName(nameOrShort: string): ResourceInfo[] {
  const input = nameOrShort.trim().toLowerCase();
  const exact = RESOURCES.filter((r) => matchesName(r, input));
  if (exact.length > 0) return exact;
  const dot = input.indexOf('.');
  if (dot <= 0) return [];
  const name = input.slice(0, dot);
  const qualifier = input.slice(dot + 1);
  return RESOURCES.filter((r) => {
    if (!matchesName(r, name)) return false;
    if (r.group === '') return qualifier === r.version;
    return qualifier === r.group || qualifier === `${r.version}.${r.group}`;
  });
}

/** The group versions served, core first: v1, apps/v1, coordination.k8s.io/v1. */
export function groupVersions(): { group: string; version: string; apiVersion: string }[] {
  const seen = new Map<string, { group: string; version: string; apiVersion: string }>();
  for (const r of RESOURCES) {
    if (!seen.has(r.apiVersion)) seen.set(r.apiVersion, { group: r.group, version: r.version, apiVersion: r.apiVersion });
  }
  return [...seen.values()];
}

/** Resources of one group version, e.g. for /api/v1 or /apis/apps/v1 discovery. */
export function resourcesIn(group: string, version: string): ResourceInfo[] {
  return RESOURCES.filter((r) => r.group === group && r.version === version);
}
