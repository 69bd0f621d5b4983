/** Builds ResourceInfo entries from compact specs, filling in what Kubernetes derives from the kind. */
import type { KubeObject } from '../types/meta';
import { META_FIELDS, metaFields } from './format';
import type { ResourceInfo, SubresourceInfo, TableColumn } from './types';

/** The verbs of an ordinary read-write collection. */
export const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const STATUS_VERBS = ['get', 'patch', 'update'];

export interface ResourceSpec {
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  subresources?: SubresourceInfo[];
  /** Field selector keys beyond metadata.name and metadata.namespace, with a reader for their values. */
  fields?: { keys: string[]; read(obj: KubeObject): Record<string, string> };
  columns: TableColumn[];
  cells(obj: KubeObject, now: Date): unknown[];
}

export function defineResource(spec: ResourceSpec): ResourceInfo {
  const subresources = spec.subresources ?? [];
  const extra = spec.fields;
  return {
    group: spec.group,
    version: spec.version,
    apiVersion: spec.group ? `${spec.group}/${spec.version}` : spec.version,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    resource: spec.resource,
    singular: spec.kind.toLowerCase(),
    namespaced: spec.namespaced,
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    verbs: spec.verbs ?? STANDARD_VERBS,
    subresources: subresources.map((s) => s.name),
    subresourceDetails: subresources,
    selectableFields: [...META_FIELDS, ...(extra?.keys ?? [])],
    fieldsOf: (obj) => ({ ...metaFields(obj), ...(extra ? extra.read(obj) : {}) }),
    tableColumns: spec.columns,
    tableCells: spec.cells,
  };
}

/** The status subresource of a kind: same kind, read and written on its own path. */
export function statusSubresource(kind: string): SubresourceInfo {
  return { name: 'status', kind, verbs: STATUS_VERBS };
}

/** The scale subresource, which speaks autoscaling/v1 Scale whatever the parent kind. */
export function scaleSubresource(): SubresourceInfo {
  return { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: STATUS_VERBS };
}
