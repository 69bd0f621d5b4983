/** core/v1 resources (the legacy group served under /api/v1). */
import { metaTime, parseTime } from '../time';
import type { KubeObject } from '../types/meta';
import {
  CONFIG_MAP_COLUMNS,
  DEFAULT_COLUMNS,
  ENDPOINTS_COLUMNS,
  EVENT_COLUMNS,
  NAMESPACE_COLUMNS,
  NODE_COLUMNS,
  POD_COLUMNS,
  SECRET_COLUMNS,
  SERVICE_ACCOUNT_COLUMNS,
  SERVICE_COLUMNS,
} from './columns';
import { endpointsCells, EVENT_SELECTABLE_FIELDS, eventCells, eventFields, nodeCells, serviceCells } from './core-cells';
import { defineResource, statusSubresource, STANDARD_VERBS } from './define';
import { age, count, list, view } from './format';
import { podCells, podFields, POD_SELECTABLE_FIELDS } from './pod-table';
import type { ResourceInfo } from './types';

const core = { group: '', version: 'v1' };
const name = (obj: KubeObject): string => obj.metadata?.name ?? '';

/** A timestamp as Go prints a metav1.Time (RFC 3339, UTC, whole seconds); '' when absent or unparseable. */
function rfc3339(ts: string | undefined): string {
  const t = parseTime(ts);
  return t === undefined ? '' : metaTime(t);
}

export const namespaces = defineResource({
  ...core,
  kind: 'Namespace',
  resource: 'namespaces',
  namespaced: false,
  shortNames: ['ns'],
  // Namespaces are deleted one by one (each runs the namespace finalizer), so no deletecollection.
  verbs: STANDARD_VERBS.filter((v) => v !== 'deletecollection'),
  subresources: [statusSubresource('Namespace'), { name: 'finalize', kind: 'Namespace', verbs: ['update'] }],
  fields: {
    keys: ['status.phase'],
    read: (obj) => ({ 'status.phase': view<{ status?: { phase?: string } }>(obj).status?.phase ?? '' }),
  },
  columns: NAMESPACE_COLUMNS,
  cells: (obj, now) => [name(obj), view<{ status?: { phase?: string } }>(obj).status?.phase ?? '', age(obj, now)],
});

export const nodes = defineResource({
  ...core,
  kind: 'Node',
  resource: 'nodes',
  namespaced: false,
  shortNames: ['no'],
  subresources: [statusSubresource('Node')],
  fields: {
    keys: ['spec.unschedulable'],
    read: (obj) => ({ 'spec.unschedulable': String(view<{ spec?: { unschedulable?: boolean } }>(obj).spec?.unschedulable === true) }),
  },
  columns: NODE_COLUMNS,
  cells: nodeCells,
});

export const pods = defineResource({
  ...core,
  kind: 'Pod',
  resource: 'pods',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  subresources: [
    statusSubresource('Pod'),
    { name: 'binding', kind: 'Binding', verbs: ['create'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
  ],
  fields: { keys: POD_SELECTABLE_FIELDS, read: podFields },
  columns: POD_COLUMNS,
  cells: podCells,
});

/** Bindings can only be created (they bind a pod to a node); Kubernetes has no printer for them. */
export const bindings = defineResource({
  ...core,
  kind: 'Binding',
  resource: 'bindings',
  namespaced: true,
  verbs: ['create'],
  columns: DEFAULT_COLUMNS,
  cells: (obj) => [name(obj), rfc3339(obj.metadata?.creationTimestamp)],
});

export const services = defineResource({
  ...core,
  kind: 'Service',
  resource: 'services',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  // As in Kubernetes: writes to the Service itself keep its status; only services/status changes it.
  subresources: [statusSubresource('Service')],
  columns: SERVICE_COLUMNS,
  cells: serviceCells,
});

export const endpoints = defineResource({
  ...core,
  kind: 'Endpoints',
  resource: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  columns: ENDPOINTS_COLUMNS,
  cells: endpointsCells,
});

export const events = defineResource({
  ...core,
  kind: 'Event',
  resource: 'events',
  namespaced: true,
  shortNames: ['ev'],
  fields: { keys: EVENT_SELECTABLE_FIELDS, read: eventFields },
  columns: EVENT_COLUMNS,
  cells: eventCells,
});

export const configMaps = defineResource({
  ...core,
  kind: 'ConfigMap',
  resource: 'configmaps',
  namespaced: true,
  shortNames: ['cm'],
  columns: CONFIG_MAP_COLUMNS,
  cells: (obj, now) => {
    const cm = view<{ data?: Record<string, string>; binaryData?: Record<string, string> }>(obj);
    return [name(obj), count(cm.data) + count(cm.binaryData), age(obj, now)];
  },
});

export const secrets = defineResource({
  ...core,
  kind: 'Secret',
  resource: 'secrets',
  namespaced: true,
  fields: { keys: ['type'], read: (obj) => ({ type: view<{ type?: string }>(obj).type ?? '' }) },
  columns: SECRET_COLUMNS,
  cells: (obj, now) => {
    const s = view<{ type?: string; data?: Record<string, string> }>(obj);
    return [name(obj), s.type ?? '', count(s.data), age(obj, now)];
  },
});

export const serviceAccounts = defineResource({
  ...core,
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  namespaced: true,
  shortNames: ['sa'],
  columns: SERVICE_ACCOUNT_COLUMNS,
  cells: (obj, now) => [name(obj), list(view<{ secrets?: unknown[] }>(obj).secrets).length, age(obj, now)],
});

export const CORE_RESOURCES: ResourceInfo[] = [
  bindings,
  configMaps,
  endpoints,
  events,
  namespaces,
  nodes,
  pods,
  secrets,
  serviceAccounts,
  services,
];


