import type { Deployment, ReplicaSet } from '../types/apps';
import type { Namespace, Secret } from '../types/core';
import type { KubeObject } from '../types/meta';
import type { Node } from '../types/node';
import type { Pod } from '../types/pod';
import type { Endpoints, Service } from '../types/service';
import { applyDefaults, defaultPullPolicy } from './index';

function defaulted<T extends KubeObject>(kind: string, obj: T): T {
  applyDefaults(kind, obj);
  return obj;
}

describe('defaultPullPolicy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'Always'],
    ['registry.local:5000/team/app:v2', 'IfNotPresent'],
    ['nginx@sha256:0123abcd', 'IfNotPresent'],
  ])('%s -> %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });
});

describe('applyDefaults Pod', () => {
  const pod = (): Pod =>
    defaulted('Pod', {
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'nginx:1.25',
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: '500m' } },
            livenessProbe: { httpGet: { port: 80 }, periodSeconds: 0 },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
          },
        ],
        initContainers: [{ name: 'init', image: 'busybox' }],
        volumes: [
          { name: 'scratch' },
          { name: 'cfg', configMap: { name: 'cfg' } },
          { name: 'creds', secret: { secretName: 'creds', defaultMode: 256 } },
          { name: 'host', hostPath: { path: '/var/log' } },
        ],
      },
    });

  it('fills the PodSpec defaults', () => {
    expect(pod().spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
      priority: 0,
    });
  });

  it('fills container defaults', () => {
    const [c] = pod().spec!.containers;
    expect(c).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      // Limits without requests request the limit.
      resources: { limits: { cpu: '500m' }, requests: { cpu: '500m' } },
      livenessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }],
    });
    expect(pod().spec!.initContainers![0].imagePullPolicy).toBe('Always');
  });

  it('fills volume defaults', () => {
    expect(pod().spec!.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'creds', secret: { secretName: 'creds', defaultMode: 256 } },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
    ]);
  });

  it('keeps what the client set', () => {
    const p = defaulted<Pod>('Pod', {
      metadata: { name: 'p' },
      spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Never' }] },
    });
    expect(p.spec).toMatchObject({ restartPolicy: 'Never', terminationGracePeriodSeconds: 0 });
    expect(p.spec!.containers[0].imagePullPolicy).toBe('Never');
  });

  it('leaves status to the apiserver', () => {
    expect(pod().status).toBeUndefined();
  });

  it('survives malformed input', () => {
    const p = { metadata: { name: 'p' }, spec: { containers: 'nope', volumes: [null, 3] } } as unknown as Pod;
    expect(() => applyDefaults('Pod', p)).not.toThrow();
  });
});

describe('applyDefaults workloads', () => {
  const template = { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

  it('defaults a Deployment and its pod template (but not Pod-only fields)', () => {
    const d = defaulted<Deployment>('Deployment', { metadata: { name: 'd' }, spec: { selector: { matchLabels: { app: 'w' } }, template: structuredClone(template) } });
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: [{ imagePullPolicy: 'Always' }] } },
    });
    expect(d.spec!.template.spec!.enableServiceLinks).toBeUndefined();
  });

  it('leaves a Recreate strategy without rollingUpdate', () => {
    const d = defaulted<Deployment>('Deployment', { metadata: { name: 'd' }, spec: { replicas: 0, strategy: { type: 'Recreate' }, selector: {}, template: structuredClone(template) } });
    expect(d.spec!.strategy).toEqual({ type: 'Recreate' });
    expect(d.spec!.replicas).toBe(0);
  });

  it('defaults a ReplicaSet', () => {
    const rs = defaulted<ReplicaSet>('ReplicaSet', { metadata: { name: 'r' }, spec: { selector: {}, template: structuredClone(template) } });
    expect(rs.spec).toMatchObject({ replicas: 1, template: { spec: { schedulerName: 'default-scheduler' } } });
  });
});

describe('applyDefaults Service', () => {
  it.each<[string, Service['spec'], Partial<NonNullable<Service['spec']>>]>([
    [
      'a plain ClusterIP service',
      { selector: { app: 'w' }, ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP', targetPort: 5353 }] },
      {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
        ports: [
          { port: 80, protocol: 'TCP', targetPort: 80 },
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 5353 },
        ],
      },
    ],
    ['NodePort gets an external traffic policy', { type: 'NodePort', ports: [{ port: 80 }] }, { externalTrafficPolicy: 'Cluster' }],
    ['ClientIP affinity gets a timeout', { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }, { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }],
    ['headless without selector may use both families', { clusterIP: 'None' }, { ipFamilyPolicy: 'RequireDualStack' }],
  ])('%s', (_name, spec, expected) => {
    const s = defaulted<Service>('Service', { metadata: { name: 's' }, spec });
    expect(s.spec).toMatchObject(expected as Record<string, unknown>);
  });

  it('gives ExternalName services no traffic policy or IP families', () => {
    const s = defaulted<Service>('Service', { metadata: { name: 's' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(s.spec).toEqual({ type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' });
  });
});

describe('applyDefaults other kinds', () => {
  it('Namespace: finalizer, phase and name label', () => {
    const ns = defaulted<Namespace>('Namespace', { metadata: { name: 'team-a' } });
    expect(ns).toEqual({
      metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('Secret: type Opaque', () => {
    expect(defaulted<Secret>('Secret', { metadata: { name: 's' } }).type).toBe('Opaque');
    expect(defaulted<Secret>('Secret', { metadata: { name: 's' }, type: 'kubernetes.io/tls' }).type).toBe('kubernetes.io/tls');
  });

  it('Node: allocatable defaults to capacity', () => {
    const n = defaulted<Node>('Node', { metadata: { name: 'n' }, status: { capacity: { cpu: '2', pods: '110' } } });
    expect(n.status!.allocatable).toEqual({ cpu: '2', pods: '110' });
  });

  it('Endpoints: port protocol TCP', () => {
    const e = defaulted<Endpoints>('Endpoints', { metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] });
    expect(e.subsets![0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
  });

  it.each(['ConfigMap', 'ServiceAccount', 'Lease', 'Event', 'Binding', 'Widget'])('%s: nothing to default', (kind) => {
    const obj: KubeObject = { metadata: { name: 'x' }, data: { a: 'b' } };
    applyDefaults(kind, obj);
    expect(obj).toEqual({ metadata: { name: 'x' }, data: { a: 'b' } });
  });
});
