import { strategicMergePatch } from './index';
import type { JsonObject } from './json';

const podSpec = (spec: JsonObject): JsonObject => ({ kind: 'Pod', spec });
const deploySpec = (podSpec: JsonObject): JsonObject => ({ spec: { template: { spec: podSpec } } });
const c = (name: string, extra: JsonObject = {}): JsonObject => ({ name, ...extra });

interface Case {
  name: string;
  kind: string;
  original: JsonObject;
  patch: JsonObject;
  expected: JsonObject;
}

const cases: Case[] = [
  {
    name: 'null deletes a field, other map keys merge',
    kind: 'ConfigMap',
    original: { metadata: { labels: { a: '1', b: '2' } }, data: { x: '1', y: '2' } },
    patch: { metadata: { labels: { b: null, c: '3' } }, data: { y: null } },
    expected: { metadata: { labels: { a: '1', c: '3' } }, data: { x: '1' } },
  },
  {
    name: 'null for a missing field is dropped, not stored',
    kind: 'ConfigMap',
    original: { data: { x: '1' } },
    patch: { metadata: { labels: { gone: null, a: '1' } }, binaryData: null },
    expected: { data: { x: '1' }, metadata: { labels: { a: '1' } } },
  },
  {
    name: 'containers merge by name: one changed, the other kept',
    kind: 'Pod',
    original: podSpec({ containers: [c('a', { image: 'a:1' }), c('b', { image: 'b:1' })] }),
    patch: podSpec({ containers: [c('b', { image: 'b:2' })] }),
    expected: podSpec({ containers: [c('a', { image: 'a:1' }), c('b', { image: 'b:2' })] }),
  },
  {
    name: 'a new container without $setElementOrder goes first, as in Kubernetes',
    kind: 'Pod',
    original: podSpec({ containers: [c('a'), c('b')] }),
    patch: podSpec({ containers: [c('new', { image: 'n' })] }),
    expected: podSpec({ containers: [c('new', { image: 'n' }), c('a'), c('b')] }),
  },
  {
    name: 'deployment template: env by name, ports by containerPort, volumeMounts by mountPath, volumeDevices by devicePath',
    kind: 'Deployment',
    original: deploySpec({
      containers: [
        c('web', {
          env: [{ name: 'A', value: '1' }],
          ports: [{ containerPort: 80, name: 'http' }],
          volumeMounts: [{ mountPath: '/data', name: 'd' }],
          volumeDevices: [{ devicePath: '/dev/x', name: 'x' }],
        }),
      ],
    }),
    patch: deploySpec({
      containers: [
        c('web', {
          env: [{ name: 'A', value: '2' }],
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          volumeMounts: [{ mountPath: '/data', readOnly: true }],
          volumeDevices: [{ devicePath: '/dev/x', name: 'y' }],
        }),
      ],
    }),
    expected: deploySpec({
      containers: [
        c('web', {
          env: [{ name: 'A', value: '2' }],
          ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
          volumeMounts: [{ mountPath: '/data', name: 'd', readOnly: true }],
          volumeDevices: [{ devicePath: '/dev/x', name: 'y' }],
        }),
      ],
    }),
  },
  {
    name: 'initContainers and ephemeralContainers merge by name',
    kind: 'Pod',
    original: podSpec({ initContainers: [c('i', { image: '1' })], ephemeralContainers: [c('e', { image: '1' })] }),
    patch: podSpec({ initContainers: [c('i', { args: ['x'] })], ephemeralContainers: [c('e', { tty: true })] }),
    expected: podSpec({
      initContainers: [c('i', { image: '1', args: ['x'] })],
      ephemeralContainers: [c('e', { image: '1', tty: true })],
    }),
  },
  {
    name: 'volumes and imagePullSecrets merge by name, hostAliases by ip, topologySpreadConstraints by topologyKey',
    kind: 'Pod',
    original: podSpec({
      volumes: [{ name: 'v1', emptyDir: {} }],
      imagePullSecrets: [{ name: 's1' }],
      hostAliases: [{ ip: '10.0.0.1', hostnames: ['a'] }],
      topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }],
    }),
    patch: podSpec({
      volumes: [{ name: 'v2', emptyDir: {} }],
      imagePullSecrets: [{ name: 's2' }],
      hostAliases: [{ ip: '10.0.0.1', hostnames: ['b'] }],
      topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 2 }],
    }),
    expected: podSpec({
      volumes: [{ name: 'v2', emptyDir: {} }, { name: 'v1', emptyDir: {} }],
      imagePullSecrets: [{ name: 's2' }, { name: 's1' }],
      hostAliases: [{ ip: '10.0.0.1', hostnames: ['b'] }],
      topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule' }],
    }),
  },
  {
    name: 'tolerations have no merge key in Kubernetes: the list is replaced',
    kind: 'Pod',
    original: podSpec({ tolerations: [{ key: 'a', operator: 'Exists' }] }),
    patch: podSpec({ tolerations: [{ key: 'b', operator: 'Exists' }] }),
    expected: podSpec({ tolerations: [{ key: 'b', operator: 'Exists' }] }),
  },
  {
    name: 'lists without a merge strategy (args) are replaced, nulls inside their elements dropped',
    kind: 'Pod',
    original: podSpec({ containers: [c('a', { args: ['1', '2'], envFrom: [{ prefix: 'P' }] })] }),
    patch: podSpec({ containers: [c('a', { args: ['3'], envFrom: [{ configMapRef: { name: 'm' }, prefix: null }] })] }),
    expected: podSpec({ containers: [c('a', { args: ['3'], envFrom: [{ configMapRef: { name: 'm' } }] })] }),
  },
  {
    name: 'Service spec.ports merge by port',
    kind: 'Service',
    original: { spec: { ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] } },
    patch: { spec: { ports: [{ port: 443, targetPort: 8443 }] } },
    expected: { spec: { ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https', targetPort: 8443 }] } },
  },
  {
    name: 'Node: taints replaced, status conditions and addresses merge by type, podCIDRs union',
    kind: 'Node',
    original: {
      spec: { taints: [{ key: 'a', effect: 'NoSchedule' }], podCIDRs: ['10.0.0.0/24'] },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }, { type: 'MemoryPressure', status: 'False' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
      },
    },
    patch: {
      spec: { taints: [{ key: 'b', effect: 'NoExecute' }], podCIDRs: ['10.0.1.0/24'] },
      status: { conditions: [{ type: 'Ready', status: 'Unknown' }], addresses: [{ type: 'Hostname', address: 'n1' }] },
    },
    expected: {
      spec: { taints: [{ key: 'b', effect: 'NoExecute' }], podCIDRs: ['10.0.1.0/24', '10.0.0.0/24'] },
      status: {
        conditions: [{ type: 'Ready', status: 'Unknown' }, { type: 'MemoryPressure', status: 'False' }],
        addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.1' }],
      },
    },
  },
  {
    name: 'Pod status conditions merge by type',
    kind: 'Pod',
    original: { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] } },
    patch: { status: { phase: 'Running', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }] } },
    expected: { status: { phase: 'Running', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }] } },
  },
  {
    name: 'Deployment status conditions merge by type',
    kind: 'Deployment',
    original: { status: { conditions: [{ type: 'Available', status: 'False' }, { type: 'Progressing', status: 'True' }] } },
    patch: { status: { conditions: [{ type: 'Available', status: 'True' }] } },
    expected: { status: { conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'True' }] } },
  },
  {
    name: 'metadata.ownerReferences merge by uid',
    kind: 'ReplicaSet',
    original: { metadata: { ownerReferences: [{ uid: 'u1', kind: 'Deployment', name: 'd' }] } },
    patch: { metadata: { ownerReferences: [{ uid: 'u1', controller: true }, { uid: 'u2', kind: 'X', name: 'x' }] } },
    expected: { metadata: { ownerReferences: [{ uid: 'u1', kind: 'Deployment', name: 'd', controller: true }, { uid: 'u2', kind: 'X', name: 'x' }] } },
  },
  {
    name: 'metadata.finalizers: a union that keeps the order',
    kind: 'ConfigMap',
    original: { metadata: { finalizers: ['a', 'b'] } },
    patch: { metadata: { finalizers: ['b', 'c'] } },
    expected: { metadata: { finalizers: ['a', 'b', 'c'] } },
  },
  {
    name: 'Endpoints subsets are atomic: replaced',
    kind: 'Endpoints',
    original: { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] },
    patch: { subsets: [{ addresses: [{ ip: '10.0.0.2' }], ports: [{ port: 80 }] }] },
    expected: { subsets: [{ addresses: [{ ip: '10.0.0.2' }], ports: [{ port: 80 }] }] },
  },
  {
    name: 'ServiceAccount secrets merge by name',
    kind: 'ServiceAccount',
    original: { secrets: [{ name: 't1' }] },
    patch: { secrets: [{ name: 't2' }] },
    expected: { secrets: [{ name: 't2' }, { name: 't1' }] },
  },
  {
    name: '$patch: delete in a list removes the element with that key',
    kind: 'Pod',
    original: podSpec({ containers: [c('a', { env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }), c('b')] }),
    patch: podSpec({ containers: [c('a', { env: [{ name: 'X', $patch: 'delete' }] }), { name: 'b', $patch: 'delete' }] }),
    expected: podSpec({ containers: [c('a', { env: [{ name: 'Y', value: '2' }] })] }),
  },
  {
    name: '$patch: replace in a list makes the other elements the whole list',
    kind: 'Pod',
    original: podSpec({ containers: [c('a', { image: 'a' }), c('b')] }),
    patch: podSpec({ containers: [c('z', { image: 'z' }), { $patch: 'replace' }] }),
    expected: podSpec({ containers: [c('z', { image: 'z' })] }),
  },
  {
    name: '$patch: replace in a map replaces the map',
    kind: 'Deployment',
    original: { metadata: { labels: { a: '1', b: '2' } } },
    patch: { metadata: { labels: { $patch: 'replace', c: '3' } } },
    expected: { metadata: { labels: { c: '3' } } },
  },
  {
    name: '$patch: delete in a map empties the map',
    kind: 'Deployment',
    original: { spec: { replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
    patch: { spec: { strategy: { $patch: 'delete' } } },
    expected: { spec: { replicas: 1, strategy: {} } },
  },
  {
    name: '$deleteFromPrimitiveList removes scalars from a merged list',
    kind: 'Namespace',
    original: { metadata: { finalizers: ['a', 'b', 'c'] } },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b', 'x'] } },
    expected: { metadata: { finalizers: ['a', 'c'] } },
  },
  {
    name: '$setElementOrder orders a merged list of maps, live-only elements keep their place after it',
    kind: 'Pod',
    original: podSpec({ containers: [c('a'), c('b'), c('live')] }),
    patch: podSpec({ '$setElementOrder/containers': [{ name: 'b' }, { name: 'new' }, { name: 'a' }], containers: [c('new')] }),
    expected: podSpec({ containers: [c('b'), c('new'), c('a'), c('live')] }),
  },
  {
    name: "$setElementOrder weaves a live-only element in before the first patch element it preceded (Kubernetes' best effort)",
    kind: 'Pod',
    original: podSpec({ containers: [c('a'), c('live'), c('b')] }),
    patch: podSpec({ '$setElementOrder/containers': [{ name: 'b' }, { name: 'new' }, { name: 'a' }], containers: [c('new')] }),
    expected: podSpec({ containers: [c('live'), c('b'), c('new'), c('a')] }),
  },
  {
    name: '$setElementOrder orders a list of scalars, additions and removals together',
    kind: 'Pod',
    original: { metadata: { finalizers: ['a', 'b', 'c'] } },
    patch: { metadata: { '$setElementOrder/finalizers': ['d', 'c', 'a'], finalizers: ['d'], '$deleteFromPrimitiveList/finalizers': ['b'] } },
    expected: { metadata: { finalizers: ['d', 'c', 'a'] } },
  },
  {
    name: '$retainKeys clears the keys it does not list (Deployment strategy to Recreate)',
    kind: 'Deployment',
    original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    expected: { spec: { strategy: { type: 'Recreate' } } },
  },
  {
    name: '$retainKeys in a volume switches its source',
    kind: 'Pod',
    original: podSpec({ volumes: [{ name: 'd', emptyDir: {} }] }),
    patch: podSpec({ volumes: [{ name: 'd', $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' }, emptyDir: null }] }),
    expected: podSpec({ volumes: [{ name: 'd', configMap: { name: 'cfg' } }] }),
  },
  {
    name: 'a kind without patch metadata merges maps and replaces lists (JSON merge patch)',
    kind: 'Widget',
    original: { spec: { containers: [c('a'), c('b')], size: { w: 1, h: 2 } } },
    patch: { spec: { containers: [c('c')], size: { h: 3 } } },
    expected: { spec: { containers: [c('c')], size: { w: 1, h: 3 } } },
  },
  {
    name: 'a field without patch metadata in a known kind is replaced when it is a list',
    kind: 'Pod',
    original: podSpec({ readinessGates: [{ conditionType: 'a' }], nodeSelector: { a: '1' } }),
    patch: podSpec({ readinessGates: [{ conditionType: 'b' }], nodeSelector: { b: '2' } }),
    expected: podSpec({ readinessGates: [{ conditionType: 'b' }], nodeSelector: { a: '1', b: '2' } }),
  },
  {
    name: 'a value of another JSON type replaces the old one',
    kind: 'ConfigMap',
    original: { data: 'oops', metadata: { labels: { a: '1' } } },
    patch: { data: { a: '1' }, metadata: { labels: ['x'] } },
    expected: { data: { a: '1' }, metadata: { labels: ['x'] } },
  },
  {
    name: 'directives inside a field the object lacks are carried out, not stored',
    kind: 'Pod',
    original: { spec: {} },
    patch: podSpec({ '$setElementOrder/containers': [{ name: 'a' }], containers: [c('a', { env: [{ name: 'X', $patch: 'delete' }] })] }),
    expected: podSpec({ containers: [c('a', { env: [] })] }),
  },
  {
    name: 'a Lease spec merges field by field',
    kind: 'Lease',
    original: { spec: { holderIdentity: 'a', leaseDurationSeconds: 40 } },
    patch: { spec: { holderIdentity: 'b', renewTime: '2024-01-01T00:00:00.000000Z' } },
    expected: { spec: { holderIdentity: 'b', leaseDurationSeconds: 40, renewTime: '2024-01-01T00:00:00.000000Z' } },
  },
];

describe('strategicMergePatch', () => {
  it.each(cases.map((t) => [t.name, t] as const))('%s', (_name, t) => {
    expect(strategicMergePatch(t.kind, t.original, t.patch)).toEqual(t.expected);
  });

  it('changes neither the original nor the patch', () => {
    const original = podSpec({ containers: [c('a', { env: [{ name: 'X', value: '1' }] })], tolerations: [] });
    const patch = podSpec({ '$setElementOrder/containers': [{ name: 'a' }], containers: [c('a', { env: [{ name: 'X', $patch: 'delete' }] })] });
    const before = JSON.stringify([original, patch]);
    strategicMergePatch('Pod', original, patch);
    expect(JSON.stringify([original, patch])).toBe(before);
  });
});
