/**
 * Server-side printing: `Accept: application/json;as=Table;g=meta.k8s.io;v=v1` turns a list, a get or a
 * watch event into a meta.k8s.io Table with the columns kubectl shows, so kubectl prints exactly what it
 * would for a real cluster. Rows carry the object as PartialObjectMetadata by default (`-A`, `--show-labels`
 * read it), the whole object with includeObject=Object, or nothing with includeObject=None.
 */
import type { KubeObject, ListMeta, ResourceInfo } from '@tinykube/api';
import { badRequest } from './errors';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableFormat {
  kind: 'table';
  /** meta.k8s.io/v1 or meta.k8s.io/v1beta1, as the client asked. */
  apiVersion: string;
  includeObject: IncludeObject;
}

export function parseIncludeObject(v: string | null): IncludeObject {
  if (v === null || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw badRequest(`includeObject must be None, Metadata or Object, got "${v}"`);
}

function rowObject(obj: KubeObject, fmt: TableFormat): unknown {
  if (fmt.includeObject === 'None') return undefined;
  if (fmt.includeObject === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function toTable(info: ResourceInfo, objects: KubeObject[], meta: ListMeta, fmt: TableFormat, now = new Date()): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: fmt.apiVersion,
    metadata: meta,
    columnDefinitions: info.tableColumns,
    rows: objects.map((obj) => {
      const row: Record<string, unknown> = { cells: info.tableCells(obj, now) };
      const o = rowObject(obj, fmt);
      if (o !== undefined) row.object = o;
      return row;
    }),
  };
}
