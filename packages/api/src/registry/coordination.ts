/** coordination.k8s.io/v1 resources. */
import { LEASE_COLUMNS } from './columns';
import { defineResource } from './define';
import { age, view } from './format';
import type { ResourceInfo } from './types';

export const leases = defineResource({
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  resource: 'leases',
  namespaced: true,
  columns: LEASE_COLUMNS,
  cells: (obj, now) => [
    obj.metadata?.name ?? '',
    view<{ spec?: { holderIdentity?: string } }>(obj).spec?.holderIdentity ?? '',
    age(obj, now),
  ],
});

export const COORDINATION_RESOURCES: ResourceInfo[] = [leases];
