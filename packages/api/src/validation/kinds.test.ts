import type { KubeObject } from '../types/meta';
import type { FieldErrorType } from './errors';
import * as fx from './fixtures';
import { validateCreate } from './index';

interface Case {
  name: string;
  kind: string;
  build: () => KubeObject;
  field: string;
  type: FieldErrorType;
  message?: string;
}

const clusterScoped = new Set(['Namespace', 'Node']);

function check(kind: string, obj: KubeObject) {
  return validateCreate(kind, obj, { namespaced: !clusterScoped.has(kind) });
}

function edit<T>(make: () => T, mutate: (obj: T) => void): () => T {
  return () => {
    const obj = make();
    mutate(obj);
    return obj;
  };
}

const failing: Case[] = [
  // Deployment
  { name: 'negative replicas', kind: 'Deployment', build: edit(fx.deployment, (d) => (d.spec.replicas = -1)), field: 'spec.replicas', type: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0' },
  {
    name: 'ephemeral containers in a pod template',
    kind: 'Deployment',
    build: edit(fx.deployment, (d) => (d.spec.template.spec!.ephemeralContainers = [{ name: 'debug', image: 'busybox' }])),
    field: 'spec.template.spec.ephemeralContainers',
    type: 'FieldValueForbidden',
    message: 'ephemeral containers not allowed in pod template',
  },
  { name: 'missing selector', kind: 'Deployment', build: edit(fx.deployment, (d) => delete (d.spec as Partial<typeof d.spec>).selector), field: 'spec.selector', type: 'FieldValueRequired' },
  { name: 'empty selector', kind: 'Deployment', build: edit(fx.deployment, (d) => (d.spec.selector = {})), field: 'spec.selector', type: 'FieldValueInvalid', message: 'empty selector is invalid for deployment' },
  {
    name: 'template labels not matching the selector',
    kind: 'Deployment',
    build: edit(fx.deployment, (d) => (d.spec.template.metadata = { labels: { app: 'api' } })),
    field: 'spec.template.metadata.labels',
    type: 'FieldValueInvalid',
    message: '`selector` does not match template `labels`',
  },
  {
    name: 'invalid selector operator',
    kind: 'Deployment',
    build: edit(fx.deployment, (d) => (d.spec.selector.matchExpressions = [{ key: 'app', operator: 'Has' as 'In' }])),
    field: 'spec.selector.matchExpressions[0].operator',
    type: 'FieldValueInvalid',
  },
  { name: 'template restartPolicy Never', kind: 'Deployment', build: edit(fx.deployment, (d) => (d.spec.template.spec.restartPolicy = 'Never')), field: 'spec.template.spec.restartPolicy', type: 'FieldValueNotSupported', message: 'supported values: "Always"' },
  { name: 'unknown strategy type', kind: 'Deployment', build: edit(fx.deployment, (d) => (d.spec.strategy = { type: 'BlueGreen' as 'Recreate' })), field: 'spec.strategy', type: 'FieldValueNotSupported' },
  {
    name: 'rollingUpdate with Recreate',
    kind: 'Deployment',
    build: edit(fx.deployment, (d) => (d.spec.strategy!.type = 'Recreate')),
    field: 'spec.strategy.rollingUpdate',
    type: 'FieldValueForbidden',
  },
  {
    name: 'maxSurge and maxUnavailable both 0',
    kind: 'Deployment',
    build: edit(fx.deployment, (d) => (d.spec.strategy!.rollingUpdate = { maxSurge: 0, maxUnavailable: '0%' })),
    field: 'spec.strategy.rollingUpdate.maxUnavailable',
    type: 'FieldValueInvalid',
    message: 'may not be 0 when `maxSurge` is 0',
  },
  {
    name: 'maxSurge not a percentage',
    kind: 'Deployment',
    build: edit(fx.deployment, (d) => (d.spec.strategy!.rollingUpdate!.maxSurge = '25 percent')),
    field: 'spec.strategy.rollingUpdate.maxSurge',
    type: 'FieldValueInvalid',
    message: 'a valid percent string must be a numeric string followed by an ending',
  },
  {
    name: 'maxUnavailable above 100%',
    kind: 'Deployment',
    build: edit(fx.deployment, (d) => (d.spec.strategy!.rollingUpdate!.maxUnavailable = '150%')),
    field: 'spec.strategy.rollingUpdate.maxUnavailable',
    type: 'FieldValueInvalid',
    message: 'must not be greater than 100%',
  },
  {
    name: 'progressDeadlineSeconds not above minReadySeconds',
    kind: 'Deployment',
    build: edit(fx.deployment, (d) => (d.spec.minReadySeconds = 600)),
    field: 'spec.progressDeadlineSeconds',
    type: 'FieldValueInvalid',
  },
  { name: 'template container without name', kind: 'Deployment', build: edit(fx.deployment, (d) => (d.spec.template.spec.containers[0].name = '')), field: 'spec.template.spec.containers[0].name', type: 'FieldValueRequired' },
  // ReplicaSet
  { name: 'negative replicas', kind: 'ReplicaSet', build: edit(fx.replicaSet, (r) => (r.spec.replicas = -2)), field: 'spec.replicas', type: 'FieldValueInvalid' },
  { name: 'selector not matching', kind: 'ReplicaSet', build: edit(fx.replicaSet, (r) => (r.spec.selector = { matchLabels: { app: 'other' } })), field: 'spec.template.metadata.labels', type: 'FieldValueInvalid' },
  // Service
  { name: 'no ports on a ClusterIP service', kind: 'Service', build: edit(fx.service, (s) => (s.spec.ports = [])), field: 'spec.ports', type: 'FieldValueRequired' },
  { name: 'port out of range', kind: 'Service', build: edit(fx.service, (s) => (s.spec.ports![0].port = 0)), field: 'spec.ports[0].port', type: 'FieldValueInvalid', message: 'Invalid value: 0: must be between 1 and 65535, inclusive' },
  {
    name: 'second port without a name',
    kind: 'Service',
    build: edit(fx.service, (s) => s.spec.ports!.push({ port: 443, protocol: 'TCP', targetPort: 443 })),
    field: 'spec.ports[1].name',
    type: 'FieldValueRequired',
  },
  {
    name: 'duplicate port names',
    kind: 'Service',
    build: edit(fx.service, (s) => s.spec.ports!.push({ name: 'http', port: 443, protocol: 'TCP', targetPort: 443 })),
    field: 'spec.ports[1].name',
    type: 'FieldValueDuplicate',
  },
  { name: 'unknown type', kind: 'Service', build: edit(fx.service, (s) => (s.spec.type = 'Internal' as 'ClusterIP')), field: 'spec.type', type: 'FieldValueNotSupported', message: 'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"' },
  {
    name: 'clusterIP that is not an IP',
    kind: 'Service',
    build: edit(fx.service, (s) => {
      s.spec.clusterIP = '10.96.0.300';
      s.spec.clusterIPs = ['10.96.0.300'];
    }),
    field: 'spec.clusterIPs[0]',
    type: 'FieldValueInvalid',
  },
  { name: 'nodePort on a ClusterIP service', kind: 'Service', build: edit(fx.service, (s) => (s.spec.ports![0].nodePort = 30080)), field: 'spec.ports[0].nodePort', type: 'FieldValueForbidden' },
  { name: 'ExternalName without externalName', kind: 'Service', build: () => ({ metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', sessionAffinity: 'None' } }), field: 'spec.externalName', type: 'FieldValueRequired' },
  { name: 'service name not a DNS label', kind: 'Service', build: edit(fx.service, (s) => (s.metadata.name = 'web.v2')), field: 'metadata.name', type: 'FieldValueInvalid' },
  // ConfigMap and Secret
  { name: 'invalid config key', kind: 'ConfigMap', build: edit(fx.configMap, (c) => (c.data = { 'a/b': 'x' })), field: 'data[a/b]', type: 'FieldValueInvalid', message: 'a valid config key must consist of alphanumeric characters' },
  { name: 'data over 1 MiB', kind: 'ConfigMap', build: edit(fx.configMap, (c) => (c.data = { big: 'x'.repeat(1024 * 1024 + 1) })), field: '', type: 'FieldValueTooLong', message: 'Too long: may not be more than 1048576 bytes' },
  { name: 'key in data and binaryData', kind: 'ConfigMap', build: edit(fx.configMap, (c) => (c.binaryData = { 'app.conf': 'eA==' })), field: 'data[app.conf]', type: 'FieldValueInvalid' },
  { name: 'invalid secret key', kind: 'Secret', build: edit(fx.secret, (s) => (s.data = { '..hidden': 'eA==' })), field: 'data[..hidden]', type: 'FieldValueInvalid' },
  { name: 'secret data not base64', kind: 'Secret', build: edit(fx.secret, (s) => (s.data = { password: 'not base64!' })), field: 'data[password]', type: 'FieldValueInvalid' },
  { name: 'secret over 1 MiB', kind: 'Secret', build: edit(fx.secret, (s) => (s.stringData = { big: 'x'.repeat(1024 * 1024 + 1) })), field: 'data', type: 'FieldValueTooLong' },
  { name: 'TLS secret without key', kind: 'Secret', build: edit(fx.secret, (s) => (s.type = 'kubernetes.io/tls')), field: 'data[tls.crt]', type: 'FieldValueRequired' },
  // Namespace, Node
  { name: 'namespace name not a DNS label', kind: 'Namespace', build: edit(fx.namespace, (n) => (n.metadata.name = 'team.a')), field: 'metadata.name', type: 'FieldValueInvalid' },
  { name: 'namespace finalizer neither standard nor qualified', kind: 'Namespace', build: edit(fx.namespace, (n) => (n.spec = { finalizers: ['cleanup'] })), field: 'spec.finalizers', type: 'FieldValueInvalid' },
  { name: 'taint without effect', kind: 'Node', build: edit(fx.node, (n) => (n.spec.taints = [{ key: 'k', effect: '' as 'NoSchedule' }])), field: 'spec.taints[0].effect', type: 'FieldValueRequired' },
  {
    name: 'duplicate taint key and effect',
    kind: 'Node',
    build: edit(fx.node, (n) => n.spec.taints!.push({ key: 'dedicated', value: 'web', effect: 'NoSchedule' })),
    field: 'spec.taints[1]',
    type: 'FieldValueDuplicate',
    message: 'taints must be unique by key and effect pair',
  },
  { name: 'bad podCIDR', kind: 'Node', build: edit(fx.node, (n) => (n.spec.podCIDRs = ['10.244.1.0/33'])), field: 'spec.podCIDRs[0]', type: 'FieldValueInvalid' },
  { name: 'negative capacity', kind: 'Node', build: edit(fx.node, (n) => (n.status!.capacity!.cpu = '-2')), field: 'status.capacity[cpu]', type: 'FieldValueInvalid' },
  // Event, Lease, Endpoints, Binding
  {
    name: 'involvedObject in another namespace',
    kind: 'Event',
    build: edit(fx.event, (e) => (e.involvedObject.namespace = 'other')),
    field: 'involvedObject.namespace',
    type: 'FieldValueInvalid',
    message: 'Invalid value: "other": does not match event.namespace',
  },
  { name: 'new-style event without reportingComponent', kind: 'Event', build: edit(fx.event, (e) => (e.eventTime = '2024-01-01T00:00:00.000000Z')), field: 'reportingComponent', type: 'FieldValueRequired' },
  { name: 'lease duration 0', kind: 'Lease', build: edit(fx.lease, (l) => (l.spec!.leaseDurationSeconds = 0)), field: 'spec.leaseDurationSeconds', type: 'FieldValueInvalid', message: 'must be greater than 0' },
  { name: 'negative lease transitions', kind: 'Lease', build: edit(fx.lease, (l) => (l.spec!.leaseTransitions = -1)), field: 'spec.leaseTransitions', type: 'FieldValueInvalid' },
  { name: 'endpoint IP invalid', kind: 'Endpoints', build: edit(fx.endpoints, (e) => (e.subsets![0].addresses![0].ip = 'pod-1')), field: 'subsets[0].addresses[0].ip', type: 'FieldValueInvalid', message: 'must be a valid IP address' },
  { name: 'subset without addresses', kind: 'Endpoints', build: edit(fx.endpoints, (e) => (e.subsets![0].addresses = [])), field: 'subsets[0]', type: 'FieldValueRequired' },
  { name: 'binding without target name', kind: 'Binding', build: () => ({ metadata: { name: 'web-1', namespace: 'default' }, target: { kind: 'Node' } }), field: 'target.name', type: 'FieldValueRequired' },
  { name: 'binding to a non-node', kind: 'Binding', build: () => ({ metadata: { name: 'web-1' }, target: { kind: 'Pod', name: 'x' } }), field: 'target.kind', type: 'FieldValueNotSupported' },
];

const passing: Array<{ name: string; kind: string; build: () => KubeObject }> = [
  { name: 'fixture', kind: 'Deployment', build: fx.deployment },
  { name: 'maxSurge 0 with maxUnavailable 1', kind: 'Deployment', build: edit(fx.deployment, (d) => (d.spec.strategy!.rollingUpdate = { maxSurge: 0, maxUnavailable: 1 })) },
  { name: 'Recreate strategy', kind: 'Deployment', build: edit(fx.deployment, (d) => (d.spec.strategy = { type: 'Recreate' })) },
  { name: 'template without image (tooling fills it in)', kind: 'Deployment', build: edit(fx.deployment, (d) => (d.spec.template.spec.containers[0].image = '')) },
  { name: 'fixture', kind: 'ReplicaSet', build: fx.replicaSet },
  { name: 'fixture', kind: 'Service', build: fx.service },
  { name: 'headless without ports', kind: 'Service', build: edit(fx.service, (s) => { s.spec.clusterIP = 'None'; s.spec.clusterIPs = ['None']; s.spec.ports = []; }) },
  { name: 'two named ports', kind: 'Service', build: edit(fx.service, (s) => s.spec.ports!.push({ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 })) },
  { name: 'ExternalName with a trailing dot', kind: 'Service', build: () => ({ metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'db.example.com.', sessionAffinity: 'None' } }) },
  { name: 'NodePort with a nodePort', kind: 'Service', build: edit(fx.service, (s) => { s.spec.type = 'NodePort'; s.spec.ports![0].nodePort = 30080; }) },
  { name: 'fixture', kind: 'ConfigMap', build: fx.configMap },
  { name: 'fixture', kind: 'Secret', build: fx.secret },
  { name: 'stringData only', kind: 'Secret', build: edit(fx.secret, (s) => { s.data = undefined; s.stringData = { token: 'abc' }; }) },
  { name: 'fixture', kind: 'Namespace', build: fx.namespace },
  { name: 'fixture', kind: 'Node', build: fx.node },
  { name: 'fixture', kind: 'Event', build: fx.event },
  { name: 'event about a node, in default', kind: 'Event', build: edit(fx.event, (e) => (e.involvedObject = { kind: 'Node', name: 'node-1' })) },
  { name: 'fixture', kind: 'Lease', build: fx.lease },
  { name: 'fixture', kind: 'Endpoints', build: fx.endpoints },
  { name: 'loopback endpoint (process runtime)', kind: 'Endpoints', build: edit(fx.endpoints, (e) => (e.subsets![0].addresses![0].ip = '127.0.0.5')) },
  { name: 'fixture', kind: 'ServiceAccount', build: fx.serviceAccount },
  { name: 'scheduler binding', kind: 'Binding', build: () => ({ metadata: { name: 'web-1', namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } }) },
];

describe('validateCreate per kind', () => {
  it.each(failing)('$kind: rejects $name', ({ kind, build, field, type, message }) => {
    const errs = check(kind, build());
    expect(errs).toContainEqual(expect.objectContaining({ field, type }));
    if (message !== undefined) expect(errs.find((e) => e.field === field && e.type === type)?.message).toContain(message);
  });

  it.each(passing)('$kind: accepts $name', ({ kind, build }) => {
    expect(check(kind, build())).toEqual([]);
  });
});
