/** Schemas of core/v1 Pod, PodSpec and the pod template Deployments and ReplicaSets embed. */
import {
  arr,
  bool,
  int,
  intOrString,
  kindSchema,
  obj,
  quantity,
  quantityMap,
  str,
  stringMap,
  strings,
  time,
  type FieldSchema,
} from './build';
import { condition, labelSelector, localObjectReference, objectMeta } from './meta';

const objectFieldSelector = obj({ apiVersion: str, fieldPath: str });
const resourceFieldSelector = obj({ containerName: str, resource: str, divisor: quantity });
const keySelector = obj({ name: str, key: str, optional: bool });

const envVar = obj({
  name: str,
  value: str,
  valueFrom: obj({
    fieldRef: objectFieldSelector,
    resourceFieldRef: resourceFieldSelector,
    configMapKeyRef: keySelector,
    secretKeyRef: keySelector,
  }),
});

const envFromSource = obj({
  prefix: str,
  configMapRef: obj({ name: str, optional: bool }),
  secretRef: obj({ name: str, optional: bool }),
});

const execAction = obj({ command: strings });
const httpGetAction = obj({
  path: str,
  port: intOrString,
  host: str,
  scheme: str,
  httpHeaders: arr(obj({ name: str, value: str })),
});
const tcpSocketAction = obj({ port: intOrString, host: str });

const probe = obj({
  exec: execAction,
  httpGet: httpGetAction,
  tcpSocket: tcpSocketAction,
  grpc: obj({ port: int, service: str }),
  initialDelaySeconds: int,
  timeoutSeconds: int,
  periodSeconds: int,
  successThreshold: int,
  failureThreshold: int,
  terminationGracePeriodSeconds: int,
});

const lifecycleHandler = obj({
  exec: execAction,
  httpGet: httpGetAction,
  tcpSocket: tcpSocketAction,
  sleep: obj({ seconds: int }),
});

const securityContext = obj({
  runAsUser: int,
  runAsGroup: int,
  runAsNonRoot: bool,
  privileged: bool,
  readOnlyRootFilesystem: bool,
  allowPrivilegeEscalation: bool,
  capabilities: obj({ add: strings, drop: strings }),
});

export const container = obj({
  name: str,
  image: str,
  command: strings,
  args: strings,
  workingDir: str,
  ports: arr(obj({ name: str, containerPort: int, hostPort: int, hostIP: str, protocol: str })),
  envFrom: arr(envFromSource),
  env: arr(envVar),
  resources: obj({ limits: quantityMap, requests: quantityMap }),
  volumeMounts: arr(
    obj({ name: str, mountPath: str, readOnly: bool, subPath: str, subPathExpr: str, mountPropagation: str }),
  ),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: obj({ postStart: lifecycleHandler, preStop: lifecycleHandler }),
  terminationMessagePath: str,
  terminationMessagePolicy: str,
  imagePullPolicy: str,
  securityContext,
  restartPolicy: str,
  stdin: bool,
  stdinOnce: bool,
  tty: bool,
});

const keyToPath = obj({ key: str, path: str, mode: int });

const volume = obj({
  name: str,
  configMap: obj({ name: str, items: arr(keyToPath), defaultMode: int, optional: bool }),
  secret: obj({ secretName: str, items: arr(keyToPath), defaultMode: int, optional: bool }),
  emptyDir: obj({ medium: str, sizeLimit: quantity }),
  hostPath: obj({ path: str, type: str }),
  downwardAPI: obj({
    items: arr(obj({ path: str, fieldRef: objectFieldSelector, resourceFieldRef: resourceFieldSelector, mode: int })),
    defaultMode: int,
  }),
  persistentVolumeClaim: obj({ claimName: str, readOnly: bool }),
});

const nodeSelectorRequirement = obj({ key: str, operator: str, values: strings });
const nodeSelectorTerm = obj({
  matchExpressions: arr(nodeSelectorRequirement),
  matchFields: arr(nodeSelectorRequirement),
});
const podAffinityTerm = obj({
  labelSelector,
  namespaces: strings,
  topologyKey: str,
  namespaceSelector: labelSelector,
});
const podAffinity = obj({
  requiredDuringSchedulingIgnoredDuringExecution: arr(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: arr(obj({ weight: int, podAffinityTerm })),
});

const affinity = obj({
  nodeAffinity: obj({
    requiredDuringSchedulingIgnoredDuringExecution: obj({ nodeSelectorTerms: arr(nodeSelectorTerm) }),
    preferredDuringSchedulingIgnoredDuringExecution: arr(obj({ weight: int, preference: nodeSelectorTerm })),
  }),
  podAffinity,
  podAntiAffinity: podAffinity,
});

export const toleration = obj({ key: str, operator: str, value: str, effect: str, tolerationSeconds: int });

export const podSpec = obj({
  volumes: arr(volume),
  initContainers: arr(container),
  containers: arr(container),
  restartPolicy: str,
  terminationGracePeriodSeconds: int,
  activeDeadlineSeconds: int,
  dnsPolicy: str,
  nodeSelector: stringMap,
  serviceAccountName: str,
  serviceAccount: str,
  automountServiceAccountToken: bool,
  nodeName: str,
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  securityContext: obj({
    runAsUser: int,
    runAsGroup: int,
    runAsNonRoot: bool,
    fsGroup: int,
    supplementalGroups: arr(int),
  }),
  imagePullSecrets: arr(localObjectReference),
  hostname: str,
  subdomain: str,
  affinity,
  schedulerName: str,
  tolerations: arr(toleration),
  hostAliases: arr(obj({ ip: str, hostnames: strings })),
  priorityClassName: str,
  priority: int,
  preemptionPolicy: str,
  enableServiceLinks: bool,
  topologySpreadConstraints: arr(
    obj({ maxSkew: int, topologyKey: str, whenUnsatisfiable: str, labelSelector }),
  ),
  overhead: quantityMap,
});

const containerState = obj({
  waiting: obj({ reason: str, message: str }),
  running: obj({ startedAt: time }),
  terminated: obj({
    exitCode: int,
    signal: int,
    reason: str,
    message: str,
    startedAt: time,
    finishedAt: time,
    containerID: str,
  }),
});

const containerStatus = obj({
  name: str,
  state: containerState,
  lastState: containerState,
  ready: bool,
  restartCount: int,
  image: str,
  imageID: str,
  containerID: str,
  started: bool,
});

const podIPs = arr(obj({ ip: str }));

export const podStatus = obj({
  phase: str,
  conditions: arr(obj({ ...condition, lastProbeTime: time })),
  message: str,
  reason: str,
  nominatedNodeName: str,
  hostIP: str,
  hostIPs: podIPs,
  podIP: str,
  podIPs,
  startTime: time,
  initContainerStatuses: arr(containerStatus),
  containerStatuses: arr(containerStatus),
  qosClass: str,
});

export const podTemplateSpec: FieldSchema = obj({ metadata: objectMeta, spec: podSpec });

export const podSchema = kindSchema(objectMeta, { spec: podSpec, status: podStatus });
