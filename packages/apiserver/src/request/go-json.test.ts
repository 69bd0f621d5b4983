import { isApiError } from '../errors';
import { MAX_NESTING_DEPTH, normalizeGoJson } from './go-json';

type Json = Record<string, unknown>;

const container = (extra: Json = {}): Json => ({ name: 'web', image: 'nginx:1.27', ...extra });
const deployment = (spec: Json, metadata: Json = { name: 'web' }): Json => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec });
const template = (podSpec: Json, metadata: Json = { labels: { app: 'web' } }): Json => ({ metadata, spec: podSpec });

/** [case, kind's apiVersion, kind, body sent, object Go would store] */
const CASES: Array<[string, string, string, Json, Json]> = [
  [
    'a template creationTimestamp: null (what kubectl rollout undo sends) is gone',
    'apps/v1',
    'Deployment',
    deployment({ template: template({ containers: [container()] }, { creationTimestamp: null, labels: { app: 'web' } }) }),
    deployment({ template: template({ containers: [container()] }) }),
  ],
  [
    'a template metadata holding only creationTimestamp: null disappears with it',
    'apps/v1',
    'Deployment',
    deployment({ template: template({ containers: [container()] }, { creationTimestamp: null }) }),
    deployment({ template: { spec: { containers: [container()] } } }),
  ],
  [
    'resources: {} (a non-pointer struct) is the same as absent',
    'v1',
    'Pod',
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container({ resources: {} })] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container()] } },
  ],
  [
    'resources with empty limits and requests maps is absent too',
    'v1',
    'Pod',
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container({ resources: { limits: {}, requests: null } })] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container()] } },
  ],
  [
    'a null label map and a null annotation map are unset',
    'v1',
    'ConfigMap',
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: null, annotations: {} }, data: { a: 'b' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } },
  ],
  [
    'null and empty lists are unset',
    'v1',
    'Pod',
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', finalizers: [] }, spec: { containers: [container({ args: null, command: [] })], volumes: null } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container()] } },
  ],
  [
    'replicas: 0 (a pointer) is kept',
    'apps/v1',
    'Deployment',
    deployment({ replicas: 0, revisionHistoryLimit: 0 }),
    deployment({ replicas: 0, revisionHistoryLimit: 0 }),
  ],
  [
    'minReadySeconds: 0 and paused: false (omitempty, not pointers) are dropped',
    'apps/v1',
    'Deployment',
    deployment({ replicas: 2, minReadySeconds: 0, paused: false }),
    deployment({ replicas: 2 }),
  ],
  [
    'an empty string of an omitempty field is dropped',
    'v1',
    'Pod',
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', generateName: '' }, spec: { nodeName: '', containers: [container({ workingDir: '' })] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container()] } },
  ],
  [
    'securityContext: {} (a pointer struct) is kept, and so is runAsNonRoot: false',
    'v1',
    'Pod',
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { securityContext: {}, containers: [container({ securityContext: { runAsNonRoot: false } })] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { securityContext: {}, containers: [container({ securityContext: { runAsNonRoot: false } })] } },
  ],
  [
    'an empty label value is a value; a null map entry is the zero string',
    'v1',
    'ConfigMap',
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { empty: '', gone: null } }, data: { k: '' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { empty: '', gone: '' } }, data: { k: '' } },
  ],
  [
    'nested containers and env: empties dropped at every depth, zero-kept fields stay',
    'apps/v1',
    'Deployment',
    deployment({
      template: template({
        containers: [
          container({
            env: [{ name: 'A', value: '' }, { name: 'B', value: 'b', valueFrom: null }],
            ports: [{ containerPort: 80, hostPort: 0, protocol: 'TCP', name: '' }],
            resources: { limits: { cpu: '100m' }, requests: {} },
            livenessProbe: { httpGet: { path: '/', port: 80, host: '' }, initialDelaySeconds: 0 },
          }),
        ],
        initContainers: [],
      }),
    }),
    deployment({
      template: template({
        containers: [
          container({
            env: [{ name: 'A' }, { name: 'B', value: 'b' }],
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: { limits: { cpu: '100m' } },
            livenessProbe: { httpGet: { path: '/', port: 80 } },
          }),
        ],
      }),
    }),
  ],
  [
    'fields the protobuf schema does not know lose only their nulls, at every depth',
    'apps/v1',
    'Deployment',
    deployment({ replicas: 1, futureField: { a: null, b: 0, c: '', d: [], e: {}, f: [{ g: null, h: 1 }] }, other: null }),
    deployment({ replicas: 1, futureField: { b: 0, c: '', d: [], e: {}, f: [{ h: 1 }] } }),
  ],
  [
    'inline structs: a probe handler and a volume source are fields of their parent',
    'v1',
    'Pod',
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [container({ readinessProbe: { exec: { command: null }, periodSeconds: 0 } })],
        volumes: [{ name: 'v', emptyDir: {}, configMap: null }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [container({ readinessProbe: { exec: {} } })], volumes: [{ name: 'v', emptyDir: {} }] },
    },
  ],
  [
    'a zero Service targetPort means unset; port (no omitempty) keeps its zero',
    'v1',
    'Service',
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 0, targetPort: 0, nodePort: 0 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 0 }] } },
  ],
  [
    'an empty spec and status (non-pointer structs) are absent, apiVersion: null is unset',
    'v1',
    'Namespace',
    { apiVersion: null, kind: 'Namespace', metadata: { name: 'n', creationTimestamp: null }, spec: {}, status: { phase: '' } },
    { kind: 'Namespace', metadata: { name: 'n' } },
  ],
  [
    'Scale bodies keep replicas: 0',
    'autoscaling/v1',
    'Scale',
    { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', resourceVersion: '' }, spec: { replicas: 0 }, status: null },
    { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web' }, spec: { replicas: 0 } },
  ],
  [
    'values of the wrong type stay for validation to report',
    'apps/v1',
    'Deployment',
    deployment({ replicas: 'three', minReadySeconds: '', template: 'x', selector: [] }),
    deployment({ replicas: 'three', minReadySeconds: '', template: 'x', selector: [] }),
  ],
  [
    'a kind without a protobuf message loses only nulls',
    'example.com/v1',
    'Widget',
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: null }, spec: { size: 0, tags: [] } },
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 0, tags: [] } },
  ],
];

describe('normalizeGoJson', () => {
  it.each(CASES)('%s', (_name, apiVersion, kind, input, expected) => {
    expect(normalizeGoJson(structuredClone(input), apiVersion, kind)).toStrictEqual(expected);
  });

  it('puts known fields in schema order, unknown ones after, apiVersion and kind first', () => {
    const body = { zzz: 1, spec: { paused: true, replicas: 3 }, metadata: { name: 'web' }, kind: 'Deployment', apiVersion: 'apps/v1' };
    // Compared as JSON text: key order is part of what gets stored.
    expect(JSON.stringify(normalizeGoJson(body, 'apps/v1', 'Deployment'))).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3,"paused":true},"zzz":1}',
    );
  });

  it('keeps a __proto__ key as data instead of changing the prototype', () => {
    const body = JSON.parse('{"kind":"ConfigMap","metadata":{"name":"c","labels":{"__proto__":"x"}},"__proto__":{"y":1}}') as Json;
    const out = normalizeGoJson(body, 'v1', 'ConfigMap');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"kind":"ConfigMap","metadata":{"name":"c","labels":{"__proto__":"x"}},"__proto__":{"y":1}}');
  });

  it('refuses a body nested deeper than the limit with a 400, wherever the nesting is', () => {
    const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
    const bodies: Json[] = [
      { metadata: { name: 'c' }, extra: nested(MAX_NESTING_DEPTH) },
      { metadata: { name: 'c', labels: nested(MAX_NESTING_DEPTH) } },
      { metadata: { name: 'c', managedFields: [{ fieldsV1: { a: nested(MAX_NESTING_DEPTH) } }] } },
    ];
    for (const body of bodies) {
      let thrown: unknown;
      try {
        normalizeGoJson(body, 'v1', 'ConfigMap');
      } catch (e) {
        thrown = e;
      }
      expect(isApiError(thrown) && thrown.code).toBe(400);
    }
    expect(() => normalizeGoJson({ metadata: { name: 'c' }, extra: nested(MAX_NESTING_DEPTH - 5) }, 'v1', 'ConfigMap')).not.toThrow();
  });

  it('refuses a number that does not fit its int32 field with a 400 in Kubernetes\' words, naming the path', () => {
    const cases: Array<[string, string, Json, string]> = [
      [
        'apps/v1',
        'Deployment',
        deployment({ replicas: 3_000_000_000 }),
        'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
      ],
      [
        'v1',
        'Pod',
        { metadata: { name: 'p' }, spec: { containers: [container({ ports: [{ containerPort: -2_147_483_649 }] })] } },
        'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number -2147483649 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
      ],
    ];
    for (const [apiVersion, kind, body, message] of cases) {
      let thrown: unknown;
      try {
        normalizeGoJson(body, apiVersion, kind);
      } catch (e) {
        thrown = e;
      }
      expect(isApiError(thrown) && { code: thrown.code, message: thrown.message }).toEqual({ code: 400, message });
    }
    expect(normalizeGoJson(deployment({ replicas: 2_147_483_647 }), 'apps/v1', 'Deployment')).toEqual(deployment({ replicas: 2_147_483_647 }));
  });

  it('is idempotent', () => {
    for (const [, apiVersion, kind, input] of CASES) {
      const once = normalizeGoJson(structuredClone(input), apiVersion, kind);
      expect(JSON.stringify(normalizeGoJson(structuredClone(once), apiVersion, kind))).toBe(JSON.stringify(once));
    }
  });
});
