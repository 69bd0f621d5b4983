import type { KubeObject } from '../types/meta';
import { allResources, findByName, findKind, findResource, groupVersions, humanDuration, resourcesIn } from './index';

describe('lookups', () => {
  it('finds resources by group, version and plural', () => {
    expect(findResource('', 'v1', 'pods')?.kind).toBe('Pod');
    expect(findResource('apps', 'v1', 'deployments')?.kind).toBe('Deployment');
    expect(findResource('coordination.k8s.io', 'v1', 'leases')?.kind).toBe('Lease');
    expect(findResource('apps', 'v1', 'pods')).toBeUndefined();
    expect(findResource('', 'v2', 'pods')).toBeUndefined();
  });

  it('finds resources by apiVersion and kind', () => {
    expect(findKind('v1', 'Namespace')?.resource).toBe('namespaces');
    expect(findKind('apps/v1', 'ReplicaSet')?.resource).toBe('replicasets');
    expect(findKind('coordination.k8s.io/v1', 'Lease')?.listKind).toBe('LeaseList');
    expect(findKind('v1', 'Deployment')).toBeUndefined();
  });

  it.each([
    ['po', 'pods'],
    ['pods', 'pods'],
    ['pod', 'pods'],
    ['Pod', 'pods'],
    ['PODS', 'pods'],
    ['no', 'nodes'],
    ['ns', 'namespaces'],
    ['svc', 'services'],
    ['ep', 'endpoints'],
    ['ev', 'events'],
    ['cm', 'configmaps'],
    ['sa', 'serviceaccounts'],
    ['secret', 'secrets'],
    ['deploy', 'deployments'],
    ['deployments.apps', 'deployments'],
    ['deploy.v1.apps', 'deployments'],
    ['rs', 'replicasets'],
    ['lease', 'leases'],
    ['leases.coordination.k8s.io', 'leases'],
    ['bindings', 'bindings'],
  ])('findByName(%j) is %s', (input, resource) => {
    expect(findByName(input).map((r) => r.resource)).toEqual([resource]);
  });

  it.each(['nonsense', 'deployments.batch', 'pods.apps', ''])('findByName(%j) finds nothing', (input) => {
    expect(findByName(input)).toEqual([]);
  });

  it('lists the served group versions, core first', () => {
    expect(groupVersions()).toEqual([
      { group: '', version: 'v1', apiVersion: 'v1' },
      { group: 'apps', version: 'v1', apiVersion: 'apps/v1' },
      { group: 'coordination.k8s.io', version: 'v1', apiVersion: 'coordination.k8s.io/v1' },
    ]);
    expect(resourcesIn('apps', 'v1').map((r) => r.resource).sort()).toEqual(['deployments', 'replicasets']);
  });
});

describe('discovery facts', () => {
  const byResource = new Map(allResources().map((r) => [r.resource, r]));
  const get = (resource: string) => {
    const r = byResource.get(resource);
    if (!r) throw new Error(`no ${resource}`);
    return r;
  };

  it('serves the first-wave kinds', () => {
    expect([...byResource.keys()].sort()).toEqual([
      'bindings', 'configmaps', 'deployments', 'endpoints', 'events', 'leases', 'namespaces', 'nodes', 'pods',
      'replicasets', 'secrets', 'serviceaccounts', 'services',
    ]);
  });

  it.each([
    ['namespaces', false, ['ns'], []],
    ['nodes', false, ['no'], []],
    ['pods', true, ['po'], ['all']],
    ['services', true, ['svc'], ['all']],
    ['endpoints', true, ['ep'], []],
    ['events', true, ['ev'], []],
    ['configmaps', true, ['cm'], []],
    ['secrets', true, [], []],
    ['serviceaccounts', true, ['sa'], []],
    ['bindings', true, [], []],
    ['deployments', true, ['deploy'], ['all']],
    ['replicasets', true, ['rs'], ['all']],
    ['leases', true, [], []],
  ])('%s: namespaced %s, short names %j, categories %j', (resource, namespaced, shortNames, categories) => {
    const r = get(resource);
    expect(r.namespaced).toBe(namespaced);
    expect(r.shortNames).toEqual(shortNames);
    expect(r.categories).toEqual(categories);
  });

  it('lists the verbs discovery shows', () => {
    const all = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
    expect(get('pods').verbs).toEqual(all);
    expect(get('bindings').verbs).toEqual(['create']);
    expect(get('namespaces').verbs).toEqual(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']);
  });

  it('lists subresources', () => {
    expect(get('pods').subresources).toEqual(['status', 'binding', 'log']);
    expect(get('nodes').subresources).toEqual(['status']);
    expect(get('namespaces').subresources).toEqual(['status', 'finalize']);
    expect(get('deployments').subresources).toEqual(['status', 'scale']);
    expect(get('replicasets').subresourceDetails.find((s) => s.name === 'scale')).toEqual({
      name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'],
    });
  });

  it('derives names from the kind', () => {
    const d = get('deployments');
    expect([d.apiVersion, d.kind, d.listKind, d.singular]).toEqual(['apps/v1', 'Deployment', 'DeploymentList', 'deployment']);
    expect(get('serviceaccounts').singular).toBe('serviceaccount');
  });

  it('gives every kind a name column and one cell per column, even for a bare object', () => {
    const bare: KubeObject = { metadata: {} };
    for (const r of allResources()) {
      expect(r.tableColumns.find((c) => c.format === 'name')?.name).toBe('Name');
      expect(r.tableCells(bare, new Date())).toHaveLength(r.tableColumns.length);
      expect(r.tableColumns.every((c) => c.priority === 0 || c.priority === 1)).toBe(true);
    }
  });
});

describe('field selectors', () => {
  it('supports metadata fields on every kind', () => {
    for (const r of allResources()) {
      expect(r.selectableFields).toEqual(expect.arrayContaining(['metadata.name', 'metadata.namespace']));
      const fields = r.fieldsOf({ metadata: { name: 'x', namespace: 'ns' } });
      expect(fields['metadata.name']).toBe('x');
      expect(Object.keys(fields).sort()).toEqual([...r.selectableFields].sort());
    }
  });

  it('reads pod fields', () => {
    const pod: KubeObject = {
      metadata: { name: 'web', namespace: 'default' },
      spec: { nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'sa' },
      status: { phase: 'Running', podIPs: [{ ip: '10.0.0.7' }], podIP: '10.0.0.7' },
    };
    expect(findKind('v1', 'Pod')?.fieldsOf(pod)).toEqual({
      'metadata.name': 'web',
      'metadata.namespace': 'default',
      'spec.nodeName': 'n1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'sa',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.7',
      'status.nominatedNodeName': '',
    });
  });

  it('reads kind-specific fields', () => {
    const node = findKind('v1', 'Node');
    expect(node?.fieldsOf({ metadata: { name: 'n1' }, spec: { unschedulable: true } })['spec.unschedulable']).toBe('true');
    expect(findKind('v1', 'Secret')?.fieldsOf({ metadata: {}, type: 'Opaque' }).type).toBe('Opaque');
    expect(findKind('v1', 'Namespace')?.fieldsOf({ metadata: {}, status: { phase: 'Active' } })['status.phase']).toBe('Active');
    expect(findKind('apps/v1', 'ReplicaSet')?.fieldsOf({ metadata: {}, status: { replicas: 3 } })['status.replicas']).toBe('3');
    const ev = findKind('v1', 'Event')?.fieldsOf({
      metadata: { name: 'e' },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{c}' },
      reason: 'Started',
      type: 'Normal',
      reportingComponent: 'kubelet',
    });
    expect(ev).toMatchObject({
      'involvedObject.kind': 'Pod',
      'involvedObject.name': 'web',
      'involvedObject.uid': 'u1',
      'involvedObject.fieldPath': 'spec.containers{c}',
      'involvedObject.resourceVersion': '',
      reason: 'Started',
      type: 'Normal',
      source: 'kubelet',
      reportingComponent: 'kubelet',
    });
  });
});

describe('humanDuration', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m + 3 * s, '5m3s'],
    [10 * m + 3 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 2 * m, '3h2m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 5 * h, '2d5h'],
    [8 * d + 5 * h, '8d'],
    [400 * d, '400d'],
    [730 * d, '2y'],
    [800 * d, '2y70d'],
    [9 * 365 * d, '9y'],
  ])('%d ms is %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});
