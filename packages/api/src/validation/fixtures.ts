/** Valid, defaulted objects of every first-wave kind, for tests to break one field at a time. */
import { applyDefaults } from '../defaults';
import type { Deployment, DeploymentSpec, ReplicaSet, ReplicaSetSpec } from '../types/apps';
import type { ConfigMap, Event, Namespace, Secret, ServiceAccount } from '../types/core';
import type { Lease } from '../types/coordination';
import type { KubeObject } from '../types/meta';
import type { Node } from '../types/node';
import type { Pod, PodSpec } from '../types/pod';
import type { Endpoints, Service, ServiceSpec } from '../types/service';

function defaulted<T extends KubeObject>(kind: string, obj: T): T {
  applyDefaults(kind, obj);
  return obj;
}

export type PodFixture = Pod & { spec: PodSpec };
export type DeploymentFixture = Deployment & { spec: DeploymentSpec & { template: { spec: PodSpec } } };
export type ReplicaSetFixture = ReplicaSet & { spec: ReplicaSetSpec & { template: { spec: PodSpec } } };
export type ServiceFixture = Service & { spec: ServiceSpec };

function podSpec(): PodSpec {
  return {
    containers: [
      {
        name: 'web',
        image: 'nginx:1.25',
        ports: [{ name: 'http', containerPort: 80 }],
        resources: { requests: { cpu: '100m' }, limits: { cpu: '1', memory: '128Mi' } },
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
        readinessProbe: { httpGet: { port: 'http' } },
        env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
    tolerations: [{ key: 'example.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
  };
}

export function pod(): PodFixture {
  return defaulted('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' }, spec: podSpec() });
}

const labels = { app: 'web' };

export function deployment(): DeploymentFixture {
  return defaulted('Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { ...labels } }, template: { metadata: { labels: { ...labels } }, spec: podSpec() } },
  });
}

export function replicaSet(): ReplicaSetFixture {
  return defaulted('ReplicaSet', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-5d9c', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { ...labels } }, template: { metadata: { labels: { ...labels } }, spec: podSpec() } },
  });
}

export function service(): ServiceFixture {
  return defaulted('Service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { ...labels }, clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  });
}

export function endpoints(): Endpoints {
  return defaulted('Endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '10.244.0.5', nodeName: 'node-1' }], ports: [{ port: 80 }] }],
  });
}

export function configMap(): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.conf': 'x=1' } };
}

export function secret(): Secret {
  return defaulted('Secret', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'creds', namespace: 'default' },
    data: { password: Buffer.from('hunter2').toString('base64') },
  });
}

export function namespace(): Namespace {
  return defaulted('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
}

export function node(): Node & { spec: NonNullable<Node['spec']> } {
  return defaulted('Node', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1' },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] },
    status: { capacity: { cpu: '2', memory: '4Gi', pods: '110' } },
  });
}

export function event(): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web-1.17a9b3c2d', namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1' },
    reason: 'Scheduled',
    message: 'Successfully assigned default/web-1 to node-1',
    source: { component: 'default-scheduler' },
    count: 1,
    type: 'Normal',
  };
}

export function lease(): Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'node-1', namespace: 'kube-node-lease' },
    spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 },
  };
}

export function serviceAccount(): ServiceAccount {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } };
}
