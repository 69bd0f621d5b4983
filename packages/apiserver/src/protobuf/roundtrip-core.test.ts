/**
 * Round trips for the core/v1 kinds: a JSON object as a client would send it is encoded to
 * protobuf with this package's schema and decoded back; the result must equal the input. The
 * objects use every field group a typical manifest or node agent sends, including explicit zeros
 * in pointer fields (which must survive) and the JSON shapes of Time, IntOrString and Quantity.
 */
import { decodeProtobufObject, encodeProtobufObject } from './index';

const metadata = {
  name: 'web-1',
  generateName: 'web-',
  namespace: 'demo',
  uid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  resourceVersion: '42',
  generation: 3,
  creationTimestamp: '2024-05-01T10:00:00Z',
  deletionTimestamp: '2024-05-01T11:00:00Z',
  deletionGracePeriodSeconds: 0,
  labels: { app: 'web', tier: '' },
  annotations: { 'example.com/note': 'hello' },
  ownerReferences: [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: '6f1c', controller: true, blockOwnerDeletion: false },
  ],
  finalizers: ['example.com/cleanup'],
  managedFields: [
    {
      manager: 'kubectl',
      operation: 'Update',
      apiVersion: 'v1',
      time: '2024-05-01T10:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
    },
  ],
};

const container = {
  name: 'app',
  image: 'busybox:1.36',
  command: ['sh', '-c'],
  args: ['echo hi; sleep 3600', ''],
  workingDir: '/work',
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { containerPort: 0, hostPort: 9090, hostIP: '0.0.0.0' }],
  env: [
    { name: 'PLAIN', value: 'x' },
    { name: 'EMPTY' },
    { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    { name: 'CPU', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.cpu', divisor: '1m' } } },
    { name: 'CFG', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a', optional: false } } },
    { name: 'PW', valueFrom: { secretKeyRef: { name: 's1', key: 'pw' } } },
  ],
  envFrom: [{ prefix: 'C_', configMapRef: { name: 'cfg' } }, { secretRef: { name: 's1', optional: true } }],
  resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } },
  volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true, subPath: 'x' }],
  livenessProbe: {
    httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X-Probe', value: '1' }] },
    initialDelaySeconds: 5,
    periodSeconds: 10,
    failureThreshold: 3,
  },
  readinessProbe: { tcpSocket: { port: 8080 }, timeoutSeconds: 2 },
  startupProbe: { exec: { command: ['cat', '/ready'] }, terminationGracePeriodSeconds: 0 },
  lifecycle: { preStop: { exec: { command: ['sleep', '5'] } }, postStart: { sleep: { seconds: 1 } } },
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  imagePullPolicy: 'IfNotPresent',
  securityContext: {
    runAsUser: 0,
    runAsNonRoot: false,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  },
  stdin: true,
  tty: true,
};

const podSpec = {
  volumes: [
    { name: 'cfg', configMap: { name: 'app-config', items: [{ key: 'a', path: 'a.txt', mode: 256 }], defaultMode: 420 } },
    { name: 'sec', secret: { secretName: 's1', optional: false } },
    { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    { name: 'host', hostPath: { path: '/var/log', type: '' } },
    { name: 'empty', emptyDir: {} },
  ],
  initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'], resources: {} }],
  containers: [container],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  serviceAccountName: 'default',
  automountServiceAccountToken: false,
  nodeName: 'node-1',
  hostNetwork: true,
  securityContext: { runAsUser: 1000, runAsGroup: 0, fsGroup: 2000, supplementalGroups: [0, 3000] },
  imagePullSecrets: [{ name: 'regcred' }],
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n2'] }] } }],
    },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } },
      ],
    },
  },
  schedulerName: 'default-scheduler',
  tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }],
  priority: 0,
  enableServiceLinks: true,
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
};

const podStatus = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True', lastProbeTime: '2024-05-01T10:00:05Z', lastTransitionTime: '2024-05-01T10:00:05Z' }],
  hostIP: '10.0.0.1',
  hostIPs: [{ ip: '10.0.0.1' }],
  podIP: '10.244.1.5',
  podIPs: [{ ip: '10.244.1.5' }],
  startTime: '2024-05-01T10:00:01Z',
  containerStatuses: [
    {
      name: 'app',
      state: { running: { startedAt: '2024-05-01T10:00:02Z' } },
      lastState: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2024-05-01T09:00:00Z', finishedAt: '2024-05-01T09:59:59Z', containerID: 'containerd://abc' } },
      ready: false,
      restartCount: 0,
      image: 'busybox:1.36',
      imageID: 'sha256:1234',
      containerID: 'containerd://def',
      started: false,
    },
  ],
  initContainerStatuses: [{ name: 'init', state: { waiting: { reason: 'PodInitializing' } }, ready: true, restartCount: 2, image: 'busybox:1.36', imageID: '' }],
  qosClass: 'Burstable',
};

const CASES: Array<{ kind: string; object: Record<string, unknown> }> = [
  { kind: 'Namespace', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo', labels: { team: 'a' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } } },
  { kind: 'ConfigMap', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { a: 'b', empty: '' }, binaryData: { blob: 'AAH/Ymlu' }, immutable: false } },
  { kind: 'Secret', object: { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', data: { pw: 'czNjcjN0', none: '' }, stringData: { user: 'admin' }, immutable: true } },
  {
    kind: 'Service',
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        type: 'NodePort',
        selector: { app: 'web' },
        ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080, appProtocol: 'http' }, { port: 53, protocol: 'UDP', targetPort: 5353 }],
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        publishNotReadyAddresses: true,
      },
      status: { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP', ports: [{ port: 80, protocol: 'TCP' }] }] } },
    },
  },
  {
    kind: 'ServiceAccount',
    object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata, secrets: [{ name: 'sa-token' }], imagePullSecrets: [{ name: 'regcred' }], automountServiceAccountToken: false },
  },
  {
    kind: 'Endpoints',
    object: {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata,
      subsets: [
        {
          addresses: [{ ip: '10.244.1.5', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'demo', name: 'web-1', uid: 'u1', resourceVersion: '7' } }],
          notReadyAddresses: [{ ip: '10.244.2.6', hostname: 'web-2' }],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ],
    },
  },
  {
    kind: 'Event',
    object: {
      apiVersion: 'v1',
      kind: 'Event',
      metadata,
      involvedObject: { kind: 'Pod', namespace: 'demo', name: 'web-1', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{app}' },
      reason: 'Scheduled',
      message: 'Successfully assigned demo/web-1 to node-1',
      source: { component: 'default-scheduler', host: 'cp-1' },
      firstTimestamp: '2024-05-01T10:00:00Z',
      lastTimestamp: '2024-05-01T10:05:00Z',
      count: 2,
      type: 'Normal',
      eventTime: '2024-05-01T10:00:00.123456Z',
      series: { count: 2, lastObservedTime: '2024-05-01T10:05:00.000001Z' },
      action: 'Binding',
      related: { kind: 'Node', name: 'node-1' },
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-cp-1',
    },
  },
  {
    kind: 'Node',
    object: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
      spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], unschedulable: true, taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2024-05-01T10:00:00Z' }] },
      status: {
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '3800m', memory: '7Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2024-05-01T10:00:00Z', lastTransitionTime: '2024-05-01T09:00:00Z', reason: 'KubeletReady', message: 'ok' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'node-1' }],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          machineID: 'm', systemUUID: 's', bootID: 'b', kernelVersion: '6.1.0', osImage: 'Debian GNU/Linux 12', containerRuntimeVersion: 'containerd://1.6.20',
          kubeletVersion: 'v1.30.0-tinykube', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
        },
        images: [{ names: ['busybox:1.36'], sizeBytes: 4261550 }],
      },
    },
  },
  { kind: 'Pod', object: { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec, status: podStatus } },
  { kind: 'Binding', object: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web-1', namespace: 'demo' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } } },
  {
    kind: 'DeleteOptions',
    object: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, propagationPolicy: 'Foreground', preconditions: { uid: 'u1', resourceVersion: '5' }, dryRun: ['All'], orphanDependents: false },
  },
];

describe('core/v1 kinds survive JSON -> protobuf -> JSON unchanged', () => {
  it.each(CASES)('$kind', ({ object }) => {
    expect(decodeProtobufObject(encodeProtobufObject(object))).toEqual(object);
  });
});
