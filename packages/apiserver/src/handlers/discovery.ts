/**
 * Discovery documents in the legacy (non-aggregated) format, which every kubectl from 1.27 to 1.33 and
 * the client libraries fall back to when the server does not answer the aggregated Accept type.
 */
import { allResources, groupVersions, type ResourceInfo } from '@tinykube/api';

export const SERVER_VERSION = {
  major: '1',
  minor: '30',
  gitVersion: 'v1.30.0-tinykube',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: `node${process.versions.node}`,
  compiler: 'tinykube',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
};

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(group: string): Record<string, unknown> {
  const versions = groupVersions()
    .filter((gv) => gv.group === group)
    .map((gv) => ({ groupVersion: gv.apiVersion, version: gv.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(): Record<string, unknown> {
  const groups = [...new Set(groupVersions().map((gv) => gv.group).filter((g) => g !== ''))];
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(groupEntry) };
}

export function apiGroup(group: string): Record<string, unknown> | undefined {
  if (!groupVersions().some((gv) => gv.group === group)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group) };
}

/** What each subresource is, as Kubernetes' discovery lists it. */
function subresourceEntry(info: ResourceInfo, sub: string): Record<string, unknown> {
  const base = { name: `${info.resource}/${sub}`, singularName: '', namespaced: info.namespaced };
  switch (sub) {
    case 'status':
      return { ...base, kind: info.kind, verbs: ['get', 'patch', 'update'] };
    case 'scale':
      return { ...base, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] };
    case 'binding':
      return { ...base, kind: 'Binding', verbs: ['create'] };
    case 'log':
      return { ...base, kind: 'Pod', verbs: ['get'] };
    case 'finalize':
      return { ...base, kind: info.kind, verbs: ['update'] };
    default:
      return { ...base, kind: info.kind, verbs: ['get'] };
  }
}

export function apiResourceList(group: string, version: string): Record<string, unknown> | undefined {
  const infos = allResources().filter((i) => i.group === group && i.version === version);
  if (infos.length === 0) return undefined;
  const resources: Array<Record<string, unknown>> = [];
  for (const info of infos) {
    const entry: Record<string, unknown> = {
      name: info.resource,
      singularName: info.singular,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: info.verbs,
    };
    if (info.shortNames.length > 0) entry.shortNames = info.shortNames;
    if (info.categories.length > 0) entry.categories = info.categories;
    resources.push(entry);
    for (const sub of info.subresources) resources.push(subresourceEntry(info, sub));
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}
