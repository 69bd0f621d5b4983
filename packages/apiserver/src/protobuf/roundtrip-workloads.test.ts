/**
 * Round trips for apps/v1, coordination.k8s.io/v1 and the subresource bodies (Eviction, Scale),
 * plus the encoder's refusals: JSON -> protobuf -> JSON must give back the input, and a field or
 * kind the schema does not know must not be dropped silently.
 */
import { decodeProtobufObject, encodeProtobufObject, ProtobufEncodeError, supportedKinds } from './index';

const template = {
  metadata: { labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-05-01T10:00:00Z' } },
  spec: {
    containers: [{ name: 'busybox', image: 'busybox:1.36', resources: {}, ports: [{ containerPort: 80 }] }],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 0,
  },
};

const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'env', operator: 'Exists' }] };

const CASES: Array<{ kind: string; object: Record<string, unknown> }> = [
  {
    kind: 'Deployment (rolling update, percentages)',
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '2' }, generation: 4 },
      spec: {
        replicas: 0,
        selector,
        template,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
        minReadySeconds: 5,
        revisionHistoryLimit: 10,
        paused: true,
        progressDeadlineSeconds: 600,
      },
      status: {
        observedGeneration: 4,
        replicas: 3,
        updatedReplicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        unavailableReplicas: 1,
        collisionCount: 0,
        conditions: [
          { type: 'Available', status: 'True', lastUpdateTime: '2024-05-01T10:00:00Z', lastTransitionTime: '2024-05-01T10:00:00Z', reason: 'MinimumReplicasAvailable', message: 'ok' },
          { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
        ],
      },
    },
  },
  {
    kind: 'Deployment (recreate, as kubectl create deployment sends it)',
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'busybox', image: 'busybox:1.36', resources: {} }] } }, strategy: { type: 'Recreate' } },
      status: {},
    },
  },
  {
    kind: 'ReplicaSet',
    object: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-5d4f8',
        namespace: 'demo',
        labels: { app: 'web', 'pod-template-hash': '5d4f8' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: 3, minReadySeconds: 1, selector, template },
      status: {
        replicas: 0,
        fullyLabeledReplicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        observedGeneration: 1,
        conditions: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2024-05-01T10:00:00Z', reason: 'FailedCreate', message: 'quota' }],
      },
    },
  },
  {
    kind: 'Lease',
    object: {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'node-1', namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'n1' }] },
      spec: {
        holderIdentity: 'node-1',
        leaseDurationSeconds: 40,
        acquireTime: '2024-05-01T10:00:00.000000Z',
        renewTime: '2024-05-01T10:00:30.654321Z',
        leaseTransitions: 0,
      },
    },
  },
  {
    kind: 'Eviction',
    object: {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'web-1', namespace: 'demo' },
      deleteOptions: { gracePeriodSeconds: 30, preconditions: { uid: 'u1' } },
    },
  },
  {
    kind: 'Scale',
    object: { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'demo', resourceVersion: '9' }, spec: { replicas: 5 }, status: { replicas: 0, selector: 'app=web' } },
  },
  { kind: 'DeleteOptions labelled with apps/v1', object: { apiVersion: 'apps/v1', kind: 'DeleteOptions', propagationPolicy: 'Background' } },
];

describe('workload kinds survive JSON -> protobuf -> JSON unchanged', () => {
  it.each(CASES)('$kind', ({ object }) => {
    expect(decodeProtobufObject(encodeProtobufObject(object))).toEqual(object);
  });

  it('covers every supported kind at least once across the round-trip suites', () => {
    const kinds = supportedKinds().map((k) => k.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['Namespace', 'ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'Endpoints', 'Event', 'Node', 'Pod', 'Binding', 'Deployment', 'ReplicaSet', 'Lease']),
    );
  });
});

describe('the encoder refuses what it cannot represent', () => {
  const cases: Array<{ name: string; object: Record<string, unknown>; message: RegExp }> = [
    { name: 'an unknown kind', object: { apiVersion: 'v1', kind: 'Widget' }, message: /Widget/ },
    { name: 'a field the schema does not have', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', colour: 'red' } }, message: /metadata\.colour/ },
    { name: 'a timestamp that is not RFC 3339', object: { apiVersion: 'v1', kind: 'Event', firstTimestamp: 'yesterday' }, message: /RFC 3339/ },
    { name: 'a port that is neither integer nor string', object: { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80, targetPort: true }] } }, message: /integer or a string/ },
  ];

  it.each(cases)('$name', ({ object, message }) => {
    expect(() => encodeProtobufObject(object)).toThrow(ProtobufEncodeError);
    expect(() => encodeProtobufObject(object)).toThrow(message);
  });
});
