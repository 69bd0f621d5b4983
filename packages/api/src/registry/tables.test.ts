import type { KubeObject } from '../types/meta';
import { findKind } from './index';

const NOW = new Date('2024-05-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW.getTime() - seconds * 1000).toISOString();
const meta = (name: string, extra: object = {}) => ({ name, namespace: 'default', creationTimestamp: ago(120), ...extra });

function cells(apiVersion: string, kind: string, obj: Omit<KubeObject, 'metadata'> & { metadata: KubeObject['metadata'] }): unknown[] {
  const info = findKind(apiVersion, kind);
  if (!info) throw new Error(`${apiVersion} ${kind} missing`);
  return info.tableCells(obj, NOW);
}
const headers = (apiVersion: string, kind: string): string[] => findKind(apiVersion, kind)?.tableColumns.map((c) => c.name) ?? [];

describe('deployments and replica sets', () => {
  const template = { spec: { containers: [{ name: 'app', image: 'nginx:1.25' }, { name: 'log', image: 'busybox' }] } };

  it('prints a deployment row', () => {
    expect(headers('apps/v1', 'Deployment')).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    const d = {
      metadata: meta('web'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(cells('apps/v1', 'Deployment', d)).toEqual(['web', '2/3', 3, 2, '2m', 'app,log', 'nginx:1.25,busybox', 'app=web']);
  });

  it('prints a fresh deployment without status', () => {
    const d = { metadata: meta('web'), spec: { replicas: 2, selector: {}, template } };
    expect(cells('apps/v1', 'Deployment', d).slice(1, 4)).toEqual(['0/2', 0, 0]);
    expect(cells('apps/v1', 'Deployment', d)[7]).toBe('');
  });

  it('prints a replica set row', () => {
    expect(headers('apps/v1', 'ReplicaSet')).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']);
    const rs = {
      metadata: meta('web-5d9c'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d9c' } }, template },
      status: { replicas: 3, readyReplicas: 1 },
    };
    expect(cells('apps/v1', 'ReplicaSet', rs)).toEqual(['web-5d9c', 3, 3, 1, '2m', 'app,log', 'nginx:1.25,busybox', 'app=web,pod-template-hash=5d9c']);
    expect(cells('apps/v1', 'ReplicaSet', { ...rs, spec: { ...rs.spec, selector: {} } })[7]).toBe('<none>');
  });
});

describe('services', () => {
  it.each([
    [
      'ClusterIP',
      { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] },
      {},
      ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP,53/UDP', '2m', 'app=web'],
    ],
    [
      'NodePort',
      { type: 'NodePort', clusterIP: '10.96.0.11', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], externalIPs: ['1.2.3.4'] },
      {},
      ['web', 'NodePort', '10.96.0.11', '1.2.3.4', '80:30080/TCP', '2m', '<none>'],
    ],
    ['pending LoadBalancer', { type: 'LoadBalancer', clusterIP: '10.96.0.12', ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }, {}, ['web', 'LoadBalancer', '10.96.0.12', '<pending>', '443:31443/TCP', '2m', '<none>']],
    [
      'LoadBalancer',
      { type: 'LoadBalancer', clusterIP: '10.96.0.12', ports: [] },
      { loadBalancer: { ingress: [{ ip: '5.6.7.8' }, { hostname: 'lb.example.com' }] } },
      ['web', 'LoadBalancer', '10.96.0.12', '5.6.7.8,lb.example.com', '<none>', '2m', '<none>'],
    ],
    ['headless', { type: 'ClusterIP', clusterIP: 'None', selector: { app: 'db' } }, {}, ['web', 'ClusterIP', 'None', '<none>', '<none>', '2m', 'app=db']],
    ['ExternalName', { type: 'ExternalName', externalName: 'db.example.com' }, {}, ['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '2m', '<none>']],
  ])('%s', (_name, spec, status, expected) => {
    expect(cells('v1', 'Service', { metadata: meta('web'), spec, status })).toEqual(expected);
  });
});

describe('nodes', () => {
  it('prints status, roles, version and wide columns', () => {
    expect(headers('v1', 'Node')).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']);
    const node = {
      metadata: { name: 'n1', creationTimestamp: ago(3 * 86400), labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'worker' } },
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
        addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '172.18.0.2' }],
        nodeInfo: { kubeletVersion: 'v1.30.0-tinykube', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://1.6.20' },
      },
    };
    expect(cells('v1', 'Node', node)).toEqual([
      'n1', 'Ready,SchedulingDisabled', 'control-plane,worker', '3d', 'v1.30.0-tinykube',
      '172.18.0.2', '<none>', 'Debian GNU/Linux 12', '6.1.0', 'containerd://1.6.20',
    ]);
  });

  it.each([
    [[{ type: 'Ready', status: 'False' }], 'NotReady'],
    [[{ type: 'Ready', status: 'Unknown' }], 'NotReady'],
    [[], 'Unknown'],
  ])('conditions %j -> %s', (conditions, expected) => {
    const row = cells('v1', 'Node', { metadata: { name: 'n1' }, status: { conditions } });
    expect(row[1]).toBe(expected);
    expect(row[2]).toBe('<none>');
    expect(row[7]).toBe('<unknown>');
  });
});

describe('endpoints', () => {
  it.each([
    ['no subsets', [], '<none>'],
    ['one port', [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 8080 }] }], '10.0.0.1:8080,10.0.0.2:8080'],
    ['headless without ports', [{ addresses: [{ ip: '10.0.0.1' }] }], '10.0.0.1'],
    ['IPv6', [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }], '[fd00::1]:80'],
    [
      'more than three',
      [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] }],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...',
    ],
    ['only not-ready addresses', [{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }], ''],
  ])('%s', (_name, subsets, expected) => {
    expect(cells('v1', 'Endpoints', { metadata: meta('web'), subsets })).toEqual(['web', expected, '2m']);
  });
});

describe('events', () => {
  it('prints the kubectl columns, wide ones included', () => {
    expect(headers('v1', 'Event')).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']);
    const ev = {
      metadata: meta('web.17a'),
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{app}' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container\n',
      type: 'Warning',
      count: 7,
      firstTimestamp: ago(600),
      lastTimestamp: ago(30),
      source: { component: 'kubelet', host: 'n1' },
    };
    expect(cells('v1', 'Event', ev)).toEqual([
      '30s', 'Warning', 'BackOff', 'pod/web', 'spec.containers{app}', 'kubelet, n1', 'Back-off restarting failed container', '10m', 7, 'web.17a',
    ]);
  });

  it('falls back to eventTime, series and reporting fields', () => {
    const ev = {
      metadata: meta('e2'),
      involvedObject: { kind: 'Node' },
      reason: 'Scheduled',
      type: 'Normal',
      eventTime: ago(90),
      reportingComponent: 'default-scheduler',
      reportingInstance: 'sched-1',
    };
    expect(cells('v1', 'Event', ev)).toEqual(['90s', 'Normal', 'Scheduled', 'node', '', 'default-scheduler, sched-1', '', '90s', 1, 'e2']);
    const series = { ...ev, series: { count: 4, lastObservedTime: ago(5) } };
    expect(cells('v1', 'Event', series).slice(0, 1)).toEqual(['5s']);
    expect(cells('v1', 'Event', series)[8]).toBe(4);
  });
});

describe('small kinds', () => {
  it.each([
    ['v1', 'Namespace', { metadata: { name: 'team-a', creationTimestamp: ago(120) }, status: { phase: 'Terminating' } }, ['team-a', 'Terminating', '2m']],
    ['v1', 'ConfigMap', { metadata: meta('cfg'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }, ['cfg', 3, '2m']],
    ['v1', 'ConfigMap', { metadata: meta('empty') }, ['empty', 0, '2m']],
    ['v1', 'Secret', { metadata: meta('tls'), type: 'kubernetes.io/tls', data: { 'tls.crt': 'x', 'tls.key': 'y' } }, ['tls', 'kubernetes.io/tls', 2, '2m']],
    ['v1', 'ServiceAccount', { metadata: meta('default') }, ['default', 0, '2m']],
    ['v1', 'ServiceAccount', { metadata: meta('builder'), secrets: [{ name: 'tok' }] }, ['builder', 1, '2m']],
    ['coordination.k8s.io/v1', 'Lease', { metadata: meta('n1'), spec: { holderIdentity: 'n1' } }, ['n1', 'n1', '2m']],
    ['coordination.k8s.io/v1', 'Lease', { metadata: meta('free'), spec: {} }, ['free', '', '2m']],
    ['v1', 'Binding', { metadata: meta('web', { creationTimestamp: '2024-05-01T11:58:00.123Z' }) }, ['web', '2024-05-01T11:58:00Z']],
  ])('%s %s', (apiVersion, kind, obj, expected) => {
    expect(cells(apiVersion, kind, obj)).toEqual(expected);
  });
});
