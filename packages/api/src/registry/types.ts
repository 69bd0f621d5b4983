import type { KubeObject } from '../types/meta';

/** One column of a meta.k8s.io/v1 Table; priority 1 columns are the ones `kubectl get -o wide` adds. */
export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

/** A subresource as discovery lists it (e.g. pods/binding, deployments/scale). */
export interface SubresourceInfo {
  /** 'status', 'scale', ... */
  name: string;
  kind: string;
  verbs: string[];
  /** Set when the subresource speaks another group's type (deployments/scale is autoscaling/v1 Scale). */
  group?: string;
  version?: string;
}

export interface ResourceInfo {
  /** '' for the core group. */
  group: string;
  version: string;
  /** 'v1' or 'apps/v1'. */
  apiVersion: string;
  kind: string;
  listKind: string;
  /** Plural, e.g. 'pods'. */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** As Kubernetes discovery lists them for this resource. */
  verbs: string[];
  /** Subresource names, e.g. ['status', 'scale']. */
  subresources: string[];
  /** The same subresources with the kind and verbs discovery shows for them. */
  subresourceDetails: SubresourceInfo[];
  /** Field selector keys this kind supports. */
  selectableFields: string[];
  /** The values of those fields for one object (missing fields as ''). */
  fieldsOf(obj: KubeObject): Record<string, string>;
  /** Columns as a real server sends them (kubectl shows priority 0, and priority 1 too with -o wide). */
  tableColumns: TableColumn[];
  /** One cell per column, computed as Kubernetes' printers do (always including the wide columns). */
  tableCells(obj: KubeObject, now: Date): unknown[];
}
