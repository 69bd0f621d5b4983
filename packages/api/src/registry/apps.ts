/** apps/v1 resources. */
import type { KubeObject, LabelSelector } from '../types/meta';
import { formatLabelSelector, labelSelectorAsSelector } from '../selectors/label-selector';
import { SelectorParseError } from '../selectors/errors';
import { DEPLOYMENT_COLUMNS, REPLICA_SET_COLUMNS } from './columns';
import { defineResource, scaleSubresource, statusSubresource } from './define';
import { age, containerCells, view } from './format';
import type { ResourceInfo } from './types';

interface LooseWorkload {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: { spec?: { containers?: { name?: string; image?: string }[] } };
  };
  status?: { replicas?: number; readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number };
}

const apps = { group: 'apps', version: 'v1' };
/** A missing spec.replicas defaults to 1 on the server, so show what the server would store. */
const desired = (w: LooseWorkload): number => w.spec?.replicas ?? 1;

/** The deployment printer shows an empty selector as blank and a broken one as "<invalid>". */
function deploymentSelector(selector: LabelSelector | undefined): string {
  try {
    return labelSelectorAsSelector(selector).toString();
  } catch (err) {
    if (err instanceof SelectorParseError) return '<invalid>';
    throw err;
  }
}

function deploymentCells(obj: KubeObject, now: Date): unknown[] {
  const d = view<LooseWorkload>(obj);
  const [containers, images] = containerCells(d.spec?.template?.spec?.containers);
  return [
    obj.metadata?.name ?? '',
    `${d.status?.readyReplicas ?? 0}/${desired(d)}`,
    d.status?.updatedReplicas ?? 0,
    d.status?.availableReplicas ?? 0,
    age(obj, now),
    containers,
    images,
    deploymentSelector(d.spec?.selector),
  ];
}

function replicaSetCells(obj: KubeObject, now: Date): unknown[] {
  const rs = view<LooseWorkload>(obj);
  const [containers, images] = containerCells(rs.spec?.template?.spec?.containers);
  return [
    obj.metadata?.name ?? '',
    desired(rs),
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    age(obj, now),
    containers,
    images,
    formatLabelSelector(rs.spec?.selector),
  ];
}

export const deployments = defineResource({
  ...apps,
  kind: 'Deployment',
  resource: 'deployments',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  subresources: [statusSubresource('Deployment'), scaleSubresource()],
  columns: DEPLOYMENT_COLUMNS,
  cells: deploymentCells,
});

export const replicaSets = defineResource({
  ...apps,
  kind: 'ReplicaSet',
  resource: 'replicasets',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  subresources: [statusSubresource('ReplicaSet'), scaleSubresource()],
  fields: {
    keys: ['status.replicas'],
    read: (obj) => ({ 'status.replicas': String(view<LooseWorkload>(obj).status?.replicas ?? 0) }),
  },
  columns: REPLICA_SET_COLUMNS,
  cells: replicaSetCells,
});

export const APPS_RESOURCES: ResourceInfo[] = [deployments, replicaSets];
