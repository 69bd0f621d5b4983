/** URL paths and query strings of the Kubernetes REST API. */
import { findByName, findKind, type ResourceInfo } from '@tinykube/api';
import { ConfigError } from '../errors';

/** A resource as callers name it: its registry entry, a name kubectl would accept ('pods', 'deploy'), or apiVersion + kind. */
export type ResourceTarget = ResourceInfo | string | { apiVersion: string; kind: string };

export function resolveResource(target: ResourceTarget): ResourceInfo {
  if (typeof target === 'string') {
    const found = findByName(target);
    if (found.length !== 1) {
      throw new ConfigError(found.length === 0 ? `the server doesn't have a resource type "${target}"` : `"${target}" is ambiguous`);
    }
    return found[0];
  }
  if ('resource' in target) return target;
  const info = findKind(target.apiVersion, target.kind);
  if (!info) throw new ConfigError(`no matches for kind "${target.kind}" in version "${target.apiVersion}"`);
  return info;
}

export function groupVersionPath(info: ResourceInfo): string {
  return info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
}

/** /api/v1/namespaces/ns/pods/name/status; namespace is ignored for cluster-scoped kinds. */
export function resourcePath(info: ResourceInfo, namespace?: string, name?: string, subresource?: string): string {
  let p = groupVersionPath(info);
  if (info.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${info.resource}`;
  if (name !== undefined) {
    if (name === '') throw new ConfigError(`resource name may not be empty`);
    p += `/${encodeURIComponent(name)}`;
  }
  if (subresource) p += `/${subresource}`;
  return p;
}

export type QueryValue = string | number | boolean | undefined;

export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined) q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** A selector as a string ('app=web,tier!=db') or as matchLabels. */
export type SelectorInput = string | Record<string, string>;

export function selectorString(sel: SelectorInput | undefined): string | undefined {
  if (sel === undefined) return undefined;
  if (typeof sel === 'string') return sel || undefined;
  const parts = Object.entries(sel).map(([k, v]) => `${k}=${v}`);
  return parts.length > 0 ? parts.join(',') : undefined;
}
