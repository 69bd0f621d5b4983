import type { FieldErrorType } from './errors';
import { pod, type PodFixture } from './fixtures';
import { validateCreate } from './index';

interface Case {
  name: string;
  mutate: (p: PodFixture) => void;
  field: string;
  type: FieldErrorType;
  /** A fragment of the message, where the wording is part of the contract. */
  message?: string;
}

const failing: Case[] = [
  { name: 'no containers', mutate: (p) => (p.spec.containers = []), field: 'spec.containers', type: 'FieldValueRequired' },
  { name: 'container name missing', mutate: (p) => (p.spec.containers[0].name = ''), field: 'spec.containers[0].name', type: 'FieldValueRequired' },
  {
    name: 'container name not a DNS label',
    mutate: (p) => (p.spec.containers[0].name = 'Web_1'),
    field: 'spec.containers[0].name',
    type: 'FieldValueInvalid',
    message: 'Invalid value: "Web_1"',
  },
  {
    name: 'container name reused by an init container',
    mutate: (p) => (p.spec.initContainers = [{ ...structuredClone(p.spec.containers[0]), readinessProbe: undefined }]),
    field: 'spec.initContainers[0].name',
    type: 'FieldValueDuplicate',
    message: 'Duplicate value: "web"',
  },
  {
    name: 'ephemeral containers on create (only kubectl debug adds them, through their own subresource)',
    mutate: (p) => (p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]),
    field: 'spec.ephemeralContainers',
    type: 'FieldValueForbidden',
    message: 'cannot be set on create',
  },
  { name: 'image missing', mutate: (p) => (p.spec.containers[0].image = ''), field: 'spec.containers[0].image', type: 'FieldValueRequired' },
  {
    name: 'container port out of range',
    mutate: (p) => (p.spec.containers[0].ports![0].containerPort = 70000),
    field: 'spec.containers[0].ports[0].containerPort',
    type: 'FieldValueInvalid',
    message: 'Invalid value: 70000: must be between 1 and 65535, inclusive',
  },
  {
    name: 'container port zero',
    mutate: (p) => (p.spec.containers[0].ports![0].containerPort = 0),
    field: 'spec.containers[0].ports[0].containerPort',
    type: 'FieldValueRequired',
  },
  {
    name: 'unsupported protocol',
    mutate: (p) => (p.spec.containers[0].ports![0].protocol = 'HTTP' as 'TCP'),
    field: 'spec.containers[0].ports[0].protocol',
    type: 'FieldValueNotSupported',
    message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
  },
  {
    name: 'duplicate host port across containers',
    mutate: (p) => {
      p.spec.containers[0].ports![0].hostPort = 8080;
      p.spec.containers.push({ ...structuredClone(p.spec.containers[0]), name: 'sidecar', ports: [{ containerPort: 81, hostPort: 8080, protocol: 'TCP' }] });
    },
    field: 'spec.containers[1].ports[0].hostPort',
    type: 'FieldValueDuplicate',
  },
  {
    name: 'unsupported restartPolicy',
    mutate: (p) => (p.spec.restartPolicy = 'Sometimes' as 'Always'),
    field: 'spec.restartPolicy',
    type: 'FieldValueNotSupported',
    message: 'supported values: "Always", "OnFailure", "Never"',
  },
  {
    name: 'quantity that does not parse',
    mutate: (p) => (p.spec.containers[0].resources!.limits!.memory = '12 apples'),
    field: 'spec.containers[0].resources.limits[memory]',
    type: 'FieldValueInvalid',
    message: 'quantities must match the regular expression',
  },
  {
    name: 'negative quantity',
    mutate: (p) => (p.spec.containers[0].resources!.requests!.cpu = '-1'),
    field: 'spec.containers[0].resources.requests[cpu]',
    type: 'FieldValueInvalid',
    message: 'must be greater than or equal to 0',
  },
  {
    name: 'request above limit',
    mutate: (p) => (p.spec.containers[0].resources!.requests!.cpu = '1500m'),
    field: 'spec.containers[0].resources.requests[cpu]',
    type: 'FieldValueInvalid',
    message: 'Invalid value: "1500m": must be less than or equal to cpu limit of 1',
  },
  {
    name: 'non-standard resource without a domain',
    mutate: (p) => (p.spec.containers[0].resources!.limits!.gpu = '1'),
    field: 'spec.containers[0].resources.limits[gpu]',
    type: 'FieldValueInvalid',
    message: 'must be a standard resource for containers',
  },
  {
    name: 'duplicate volume name',
    mutate: (p) => p.spec.volumes!.push({ name: 'data', emptyDir: {} }),
    field: 'spec.volumes[1].name',
    type: 'FieldValueDuplicate',
  },
  {
    name: 'volume with two sources',
    mutate: (p) => (p.spec.volumes![0].hostPath = { path: '/tmp', type: '' }),
    field: 'spec.volumes[0].hostPath',
    type: 'FieldValueForbidden',
    message: 'may not specify more than 1 volume type',
  },
  {
    name: 'configMap volume without a name',
    mutate: (p) => p.spec.volumes!.push({ name: 'cfg', configMap: { defaultMode: 420 } }),
    field: 'spec.volumes[1].configMap.name',
    type: 'FieldValueRequired',
  },
  {
    name: 'secret volume with a bad defaultMode',
    mutate: (p) => p.spec.volumes!.push({ name: 'creds', secret: { secretName: 'creds', defaultMode: 0o1777 } }),
    field: 'spec.volumes[1].secret.defaultMode',
    type: 'FieldValueInvalid',
    message: 'must be a number between 0 and 0777 (octal), both inclusive',
  },
  {
    name: 'volumeMount of an unknown volume',
    mutate: (p) => (p.spec.containers[0].volumeMounts![0].name = 'cache'),
    field: 'spec.containers[0].volumeMounts[0].name',
    type: 'FieldValueNotFound',
    message: 'Not found: "cache"',
  },
  {
    name: 'toleration operator unknown',
    mutate: (p) => (p.spec.tolerations![0].operator = 'Like' as 'Equal'),
    field: 'spec.tolerations[0].operator',
    type: 'FieldValueNotSupported',
  },
  {
    name: 'toleration value with Exists',
    mutate: (p) => (p.spec.tolerations![0].value = 'yes'),
    field: 'spec.tolerations[0].operator',
    type: 'FieldValueInvalid',
    message: "value must be empty when `operator` is 'Exists'",
  },
  {
    name: 'toleration effect unknown',
    mutate: (p) => (p.spec.tolerations![0].effect = 'NoRun' as 'NoSchedule'),
    field: 'spec.tolerations[0].effect',
    type: 'FieldValueNotSupported',
  },
  {
    name: 'tolerationSeconds without NoExecute',
    mutate: (p) => (p.spec.tolerations![0].tolerationSeconds = 30),
    field: 'spec.tolerations[0].effect',
    type: 'FieldValueInvalid',
  },
  {
    name: 'probe without a handler',
    mutate: (p) => (p.spec.containers[0].livenessProbe = { periodSeconds: 10 }),
    field: 'spec.containers[0].livenessProbe',
    type: 'FieldValueRequired',
    message: 'must specify a handler type',
  },
  {
    name: 'probe with two handlers',
    mutate: (p) => (p.spec.containers[0].readinessProbe!.tcpSocket = { port: 80 }),
    field: 'spec.containers[0].readinessProbe.tcpSocket',
    type: 'FieldValueForbidden',
    message: 'may not specify more than 1 handler type',
  },
  {
    name: 'liveness successThreshold other than 1',
    mutate: (p) => (p.spec.containers[0].livenessProbe = { exec: { command: ['true'] }, successThreshold: 2 }),
    field: 'spec.containers[0].livenessProbe.successThreshold',
    type: 'FieldValueInvalid',
  },
  {
    name: 'env var without a name',
    mutate: (p) => p.spec.containers[0].env!.push({ name: '', value: 'x' }),
    field: 'spec.containers[0].env[1].name',
    type: 'FieldValueRequired',
  },
  {
    name: 'env var with value and valueFrom',
    mutate: (p) => (p.spec.containers[0].env![0].value = 'x'),
    field: 'spec.containers[0].env[0].valueFrom',
    type: 'FieldValueInvalid',
    message: 'may not be specified when `value` is not empty',
  },
  {
    name: 'required node affinity without terms',
    mutate: (p) => (p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }),
    field: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms',
    type: 'FieldValueRequired',
  },
  {
    name: 'preferred node affinity weight out of range',
    mutate: (p) =>
      (p.spec.affinity = {
        nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }] },
      }),
    field: 'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
    type: 'FieldValueInvalid',
  },
  {
    name: 'nodeSelector with an invalid label value',
    mutate: (p) => (p.spec.nodeSelector = { disk: 'not ok' }),
    field: 'spec.nodeSelector',
    type: 'FieldValueInvalid',
  },
  {
    name: 'nodeName not a DNS subdomain',
    mutate: (p) => (p.spec.nodeName = 'Node_1'),
    field: 'spec.nodeName',
    type: 'FieldValueInvalid',
  },
];

const passing: Array<{ name: string; mutate: (p: PodFixture) => void }> = [
  { name: 'the fixture as is', mutate: () => undefined },
  { name: 'protocol UDP', mutate: (p) => (p.spec.containers[0].ports![0].protocol = 'UDP') },
  { name: 'restartPolicy Never', mutate: (p) => (p.spec.restartPolicy = 'Never') },
  { name: 'request equal to limit', mutate: (p) => (p.spec.containers[0].resources!.requests!.cpu = '1000m') },
  { name: 'domain-qualified extended resource', mutate: (p) => (p.spec.containers[0].resources!.limits!['example.com/gpu'] = '1') },
  { name: 'toleration Equal with a value', mutate: (p) => (p.spec.tolerations = [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 30 }]) },
  { name: 'empty-key Exists toleration (tolerate everything)', mutate: (p) => (p.spec.tolerations = [{ operator: 'Exists' }]) },
  {
    name: 'init container with its own name',
    mutate: (p) => (p.spec.initContainers = [{ name: 'init', image: 'busybox', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }]),
  },
  {
    name: 'node affinity In with values',
    mutate: (p) =>
      (p.spec.affinity = {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } },
      }),
  },
];

describe('validateCreate Pod', () => {
  it.each(failing)('rejects $name', ({ mutate, field, type, message }) => {
    const p = pod();
    mutate(p);
    const errs = validateCreate('Pod', p, { namespaced: true });
    expect(errs).toContainEqual(expect.objectContaining({ field, type }));
    if (message !== undefined) expect(errs.find((e) => e.field === field)?.message).toContain(message);
  });

  it.each(passing)('accepts $name', ({ mutate }) => {
    const p = pod();
    mutate(p);
    expect(validateCreate('Pod', p, { namespaced: true })).toEqual([]);
  });

  it('reports JSON type errors alone, with their paths', () => {
    const p: Record<string, unknown> = { ...pod(), spec: { ...pod().spec, containers: [{ name: 7, image: 'x' }] } };
    p.metadata = { name: 'web-1', namespace: 'default' };
    expect(validateCreate('Pod', p as PodFixture, { namespaced: true })).toEqual([
      { type: 'FieldValueTypeInvalid', field: 'spec.containers[0].name', message: 'Invalid value: 7: must be of type string' },
    ]);
  });
});
