import type { KubeObject } from '../types/meta';
import type { FieldErrorType } from './errors';
import * as fx from './fixtures';
import { validateUpdate } from './index';

interface Case {
  name: string;
  kind: string;
  old: () => KubeObject;
  /** Derives the updated object from a copy of the old one. */
  change: (obj: never) => void;
  field: string;
  type: FieldErrorType;
  message?: string;
}

function update(kind: string, old: KubeObject, change: (obj: never) => void) {
  const next = structuredClone(old);
  change(next as never);
  return validateUpdate(kind, next, old, { namespaced: kind !== 'Node' && kind !== 'Namespace' });
}

const withMeta = <T extends KubeObject>(make: () => T) => () => {
  const obj = make();
  obj.metadata = { ...obj.metadata, uid: 'u-1', creationTimestamp: '2024-01-01T00:00:00Z', resourceVersion: '5' };
  return obj;
};

const immutableConfigMap = () => ({ ...fx.configMap(), immutable: true });
const immutableSecret = () => ({ ...fx.secret(), immutable: true });

const failing: Case[] = [
  { name: 'rename', kind: 'ConfigMap', old: withMeta(fx.configMap), change: (c: KubeObject) => (c.metadata.name = 'other'), field: 'metadata.name', type: 'FieldValueInvalid', message: 'Invalid value: "other": field is immutable' },
  { name: 'namespace change', kind: 'ConfigMap', old: withMeta(fx.configMap), change: (c: KubeObject) => (c.metadata.namespace = 'kube-system'), field: 'metadata.namespace', type: 'FieldValueInvalid' },
  { name: 'uid change', kind: 'ConfigMap', old: withMeta(fx.configMap), change: (c: KubeObject) => (c.metadata.uid = 'u-2'), field: 'metadata.uid', type: 'FieldValueInvalid' },
  { name: 'creationTimestamp change', kind: 'ConfigMap', old: withMeta(fx.configMap), change: (c: KubeObject) => (c.metadata.creationTimestamp = '2025-01-01T00:00:00Z'), field: 'metadata.creationTimestamp', type: 'FieldValueInvalid' },
  {
    name: 'pod spec change outside the updatable fields',
    kind: 'Pod',
    old: withMeta(fx.pod),
    change: (p: fx.PodFixture) => (p.spec.restartPolicy = 'Never'),
    field: 'spec',
    type: 'FieldValueForbidden',
    message: 'Forbidden: pod updates may not change fields other than `spec.containers[*].image`',
  },
  { name: 'pod container port change', kind: 'Pod', old: withMeta(fx.pod), change: (p: fx.PodFixture) => (p.spec.containers[0].ports![0].containerPort = 8080), field: 'spec', type: 'FieldValueForbidden' },
  { name: 'pod toleration removed', kind: 'Pod', old: withMeta(fx.pod), change: (p: fx.PodFixture) => (p.spec.tolerations = []), field: 'spec.tolerations', type: 'FieldValueForbidden' },
  { name: 'pod activeDeadlineSeconds raised', kind: 'Pod', old: () => { const p = withMeta(fx.pod)(); p.spec.activeDeadlineSeconds = 60; return p; }, change: (p: fx.PodFixture) => (p.spec.activeDeadlineSeconds = 120), field: 'spec.activeDeadlineSeconds', type: 'FieldValueInvalid' },
  { name: 'deployment selector change', kind: 'Deployment', old: withMeta(fx.deployment), change: (d: fx.DeploymentFixture) => { d.spec.selector = { matchLabels: { app: 'web', tier: 'fe' } }; d.spec.template.metadata!.labels!.tier = 'fe'; }, field: 'spec.selector', type: 'FieldValueInvalid', message: 'field is immutable' },
  { name: 'replicaset selector change', kind: 'ReplicaSet', old: withMeta(fx.replicaSet), change: (r: fx.ReplicaSetFixture) => (r.spec.selector.matchExpressions = [{ key: 'app', operator: 'Exists' }]), field: 'spec.selector', type: 'FieldValueInvalid' },
  { name: 'service clusterIP change', kind: 'Service', old: withMeta(fx.service), change: (s: fx.ServiceFixture) => { s.spec.clusterIP = '10.96.0.11'; s.spec.clusterIPs = ['10.96.0.11']; }, field: 'spec.clusterIPs[0]', type: 'FieldValueInvalid', message: 'may not change once set' },
  { name: 'immutable configmap data change', kind: 'ConfigMap', old: withMeta(immutableConfigMap), change: (c: { data: Record<string, string> }) => (c.data = { 'app.conf': 'x=2' }), field: 'data', type: 'FieldValueForbidden', message: 'field is immutable when `immutable` is set' },
  { name: 'immutable configmap made mutable', kind: 'ConfigMap', old: withMeta(immutableConfigMap), change: (c: { immutable: boolean }) => (c.immutable = false), field: 'immutable', type: 'FieldValueForbidden' },
  { name: 'immutable secret data change', kind: 'Secret', old: withMeta(immutableSecret), change: (s: { data: Record<string, string> }) => (s.data = { password: 'eA==' }), field: 'data', type: 'FieldValueForbidden' },
  { name: 'secret type change', kind: 'Secret', old: withMeta(fx.secret), change: (s: { type: string }) => (s.type = 'kubernetes.io/basic-auth'), field: 'type', type: 'FieldValueInvalid' },
];

const passing: Array<Pick<Case, 'name' | 'kind' | 'old' | 'change'>> = [
  { name: 'label change', kind: 'ConfigMap', old: withMeta(fx.configMap), change: (c: KubeObject) => (c.metadata.labels = { tier: 'fe' }) },
  { name: 'mutable configmap data change', kind: 'ConfigMap', old: withMeta(fx.configMap), change: (c: { data: Record<string, string> }) => (c.data = { 'app.conf': 'x=2' }) },
  { name: 'pod image change', kind: 'Pod', old: withMeta(fx.pod), change: (p: fx.PodFixture) => (p.spec.containers[0].image = 'nginx:1.26') },
  { name: 'pod toleration added', kind: 'Pod', old: withMeta(fx.pod), change: (p: fx.PodFixture) => p.spec.tolerations!.push({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }) },
  { name: 'pod activeDeadlineSeconds set', kind: 'Pod', old: withMeta(fx.pod), change: (p: fx.PodFixture) => (p.spec.activeDeadlineSeconds = 30) },
  { name: 'deployment scale', kind: 'Deployment', old: withMeta(fx.deployment), change: (d: fx.DeploymentFixture) => (d.spec.replicas = 10) },
  { name: 'deployment template change', kind: 'Deployment', old: withMeta(fx.deployment), change: (d: fx.DeploymentFixture) => (d.spec.template.spec.containers[0].image = 'nginx:1.26') },
  { name: 'service port change', kind: 'Service', old: withMeta(fx.service), change: (s: fx.ServiceFixture) => (s.spec.ports![0].port = 8080) },
  { name: 'service becoming ExternalName', kind: 'Service', old: withMeta(fx.service), change: (s: fx.ServiceFixture) => { s.spec = { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' }; } },
  { name: 'node taint change', kind: 'Node', old: withMeta(fx.node), change: (n: { spec: { taints: unknown[] } }) => (n.spec.taints = []) },
];

describe('validateUpdate', () => {
  it.each(failing)('$kind: rejects $name', ({ kind, old, change, field, type, message }) => {
    const errs = update(kind, old(), change);
    expect(errs).toContainEqual(expect.objectContaining({ field, type }));
    if (message !== undefined) expect(errs.find((e) => e.field === field)?.message).toContain(message);
  });

  it.each(passing)('$kind: accepts $name', ({ kind, old, change }) => {
    expect(update(kind, old(), change)).toEqual([]);
  });

  it('also applies the create checks to the new object', () => {
    const old = withMeta(fx.deployment)();
    expect(update('Deployment', old, (d: fx.DeploymentFixture) => (d.spec.replicas = -1))).toEqual([
      { type: 'FieldValueInvalid', field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
    ]);
  });
});
