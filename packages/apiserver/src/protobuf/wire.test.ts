/**
 * Byte-level checks that do not trust the schema: each body is written here by hand from the
 * protobuf wire format (tag = field number << 3 | wire type; 0 = varint, 2 = length-delimited)
 * using Kubernetes' field numbers, then decoded. A wrong number in the schema fails these even
 * though a schema round trip would still pass.
 */
import { decodeProtobufObject, encodeProtobufObject, ProtobufDecodeError, ProtobufKindNotSupportedError } from './index';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return out;
}

/** A varint field: tag (field << 3 | 0), then the value. */
function num(field: number, value: number): number[] {
  return [...varint(field << 3), ...varint(value)];
}

/** A length-delimited field (string, bytes or nested message): tag (field << 3 | 2), length, bytes. */
function bytes(field: number, content: number[] | string): number[] {
  const data = typeof content === 'string' ? [...Buffer.from(content, 'utf8')] : content;
  return [...varint((field << 3) | 2), ...varint(data.length), ...data];
}

/** runtime.Unknown{typeMeta(1){apiVersion(1), kind(2)}, raw(2)} behind the magic prefix. */
function envelope(apiVersion: string, kind: string, raw: number[]): Buffer {
  return Buffer.from([...MAGIC, ...bytes(1, [...bytes(1, apiVersion), ...bytes(2, kind)]), ...bytes(2, raw)]);
}

describe('hand-built Namespace {metadata{name: demo}}', () => {
  // ObjectMeta.name = 1; Namespace.metadata = 1.
  const expectedBytes = Buffer.from([
    0x6b, 0x38, 0x73, 0x00, // "k8s\0"
    0x0a, 0x0f, // Unknown.typeMeta, 15 bytes
    0x0a, 0x02, 0x76, 0x31, // TypeMeta.apiVersion "v1"
    0x12, 0x09, 0x4e, 0x61, 0x6d, 0x65, 0x73, 0x70, 0x61, 0x63, 0x65, // TypeMeta.kind "Namespace"
    0x12, 0x08, // Unknown.raw, 8 bytes
    0x0a, 0x06, // Namespace.metadata, 6 bytes
    0x0a, 0x04, 0x64, 0x65, 0x6d, 0x6f, // ObjectMeta.name "demo"
  ]);

  it('decodes to the namespace object', () => {
    expect(decodeProtobufObject(expectedBytes)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
  });

  it('is what the encoder writes, plus the empty contentEncoding/contentType Go also writes', () => {
    const encoded = encodeProtobufObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    expect(encoded).toEqual(Buffer.concat([expectedBytes, Buffer.from([0x1a, 0x00, 0x22, 0x00])]));
  });

  it('ignores empty contentEncoding and contentType fields', () => {
    const body = Buffer.concat([expectedBytes, Buffer.from([0x1a, 0x00, 0x22, 0x00])]);
    expect(decodeProtobufObject(body)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
  });
});

describe('hand-built field encodings', () => {
  const cases: Array<{ name: string; body: Buffer; expected: Record<string, unknown> }> = [
    {
      name: 'Go zero values of non-pointer fields are dropped, as omitempty JSON would',
      // ObjectMeta: name, generateName "", namespace "", generation 0, creationTimestamp {} (zero Time).
      body: envelope('v1', 'ServiceAccount', bytes(1, [...bytes(1, 'sa'), ...bytes(2, ''), ...bytes(3, ''), ...num(7, 0), ...bytes(8, [])])),
      expected: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } },
    },
    {
      name: 'pointer fields keep an explicit zero (replicas 0, revisionHistoryLimit 0)',
      // DeploymentSpec.replicas = 1, revisionHistoryLimit = 6, minReadySeconds = 5 (non-pointer).
      body: envelope('apps/v1', 'Deployment', bytes(2, [...num(1, 0), ...num(5, 0), ...num(6, 0)])),
      expected: { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 0, revisionHistoryLimit: 0 } },
    },
    {
      name: 'a Scale to zero replicas keeps replicas: 0',
      // Scale.spec = 2; ScaleSpec.replicas = 1.
      body: envelope('autoscaling/v1', 'Scale', [...bytes(1, bytes(1, 'web')), ...bytes(2, num(1, 0))]),
      expected: { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web' }, spec: { replicas: 0 } },
    },
    {
      name: 'labels and annotations are maps of entries {key(1), value(2)}',
      body: envelope('v1', 'ConfigMap', [
        ...bytes(1, [...bytes(11, [...bytes(1, 'app'), ...bytes(2, 'web')]), ...bytes(12, [...bytes(1, 'note'), ...bytes(2, '')])]),
        ...bytes(2, [...bytes(1, 'k'), ...bytes(2, 'v')]), // ConfigMap.data
      ]),
      expected: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: { app: 'web' }, annotations: { note: '' } }, data: { k: 'v' } },
    },
    {
      name: 'Secret.data bytes become base64 strings',
      body: envelope('v1', 'Secret', [...bytes(2, [...bytes(1, 'pw'), ...bytes(2, [0x00, 0xff, 0x10])]), ...bytes(3, 'Opaque')]),
      expected: { apiVersion: 'v1', kind: 'Secret', data: { pw: 'AP8Q' }, type: 'Opaque' },
    },
    {
      name: 'IntOrString {type(1), intVal(2), strVal(3)} becomes a number or a string',
      // ServiceSpec.ports = 1; ServicePort.port = 3, targetPort = 4.
      body: envelope('v1', 'Service', bytes(2, [
        ...bytes(1, [...num(3, 80), ...bytes(4, [...num(1, 0), ...num(2, 8080), ...bytes(3, '')])]),
        ...bytes(1, [...num(3, 443), ...bytes(4, [...num(1, 1), ...num(2, 0), ...bytes(3, 'https')])]),
        ...bytes(1, [...num(3, 53), ...bytes(4, [...num(1, 0), ...num(2, 0), ...bytes(3, '')])]),
      ])),
      expected: {
        apiVersion: 'v1',
        kind: 'Service',
        spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 'https' }, { port: 53 }] },
      },
    },
    {
      name: 'Time {seconds(1), nanos(2)} becomes an RFC 3339 string in whole seconds',
      // Event.firstTimestamp = 6, lastTimestamp = 7 (zero Time: empty message), count = 8.
      body: envelope('v1', 'Event', [...bytes(6, [...num(1, 1700000000), ...num(2, 500)]), ...bytes(7, []), ...num(8, 3)]),
      expected: { apiVersion: 'v1', kind: 'Event', firstTimestamp: '2023-11-14T22:13:20Z', count: 3 },
    },
    {
      name: 'MicroTime keeps microseconds',
      // Lease.spec = 2; LeaseSpec.holderIdentity = 1, renewTime = 4, leaseTransitions = 5 (pointer, 0 kept).
      body: envelope('coordination.k8s.io/v1', 'Lease', bytes(2, [...bytes(1, 'node-1'), ...bytes(4, [...num(1, 1700000000), ...num(2, 123456789)]), ...num(5, 0)])),
      expected: {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        spec: { holderIdentity: 'node-1', renewTime: '2023-11-14T22:13:20.123456Z', leaseTransitions: 0 },
      },
    },
    {
      name: 'Quantity {string(1)} in resource maps becomes a string',
      // Node.status = 3; NodeStatus.capacity = 1 (map<string, Quantity>).
      body: envelope('v1', 'Node', bytes(3, [...bytes(1, [...bytes(1, 'cpu'), ...bytes(2, bytes(1, '4'))]), ...bytes(1, [...bytes(1, 'memory'), ...bytes(2, bytes(1, '8Gi'))])])),
      expected: { apiVersion: 'v1', kind: 'Node', status: { capacity: { cpu: '4', memory: '8Gi' } } },
    },
    {
      name: 'embedded structs are flattened (VolumeSource into Volume, LocalObjectReference into ConfigMapVolumeSource)',
      // Pod.spec = 2; PodSpec.volumes = 1; Volume.name = 1, volumeSource = 2; VolumeSource.configMap = 19.
      body: envelope('v1', 'Pod', bytes(2, bytes(1, [...bytes(1, 'cfg'), ...bytes(2, bytes(19, [...bytes(1, bytes(1, 'app-config')), ...num(3, 420)]))]))),
      expected: { apiVersion: 'v1', kind: 'Pod', spec: { volumes: [{ name: 'cfg', configMap: { name: 'app-config', defaultMode: 420 } }] } },
    },
    {
      name: 'a negative int64 (ten-byte varint) decodes as a negative number',
      // DeleteOptions.gracePeriodSeconds = 1 holding -1.
      body: envelope('v1', 'DeleteOptions', [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
      expected: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: -1 },
    },
    {
      name: 'fields this schema does not know are skipped (a newer client stays decodable)',
      // Namespace field 15 is not declared anywhere.
      body: envelope('v1', 'Namespace', [...bytes(1, bytes(1, 'demo')), ...bytes(15, 'future')]),
      expected: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } },
    },
  ];

  it.each(cases)('$name', ({ body, expected }) => {
    expect(decodeProtobufObject(body)).toEqual(expected);
  });
});

describe('bodies that are not a decodable protobuf object', () => {
  const namespace = envelope('v1', 'Namespace', bytes(1, bytes(1, 'demo')));
  const cases: Array<{ name: string; body: Buffer; message: RegExp }> = [
    { name: 'a JSON body', body: Buffer.from('{"kind":"Namespace"}'), message: /prefix/ },
    { name: 'an empty body', body: Buffer.alloc(0), message: /prefix/ },
    { name: 'only part of the magic prefix', body: Buffer.from([0x6b, 0x38, 0x73]), message: /prefix/ },
    { name: 'a truncated envelope', body: namespace.subarray(0, namespace.length - 3), message: /cannot decode/ },
    { name: 'an envelope without typeMeta', body: Buffer.from([...MAGIC, ...bytes(2, [])]), message: /apiVersion and kind/ },
    { name: 'an unknown kind', body: envelope('v1', 'Widget', []), message: /Widget/ },
    { name: 'a known kind in an unknown version', body: envelope('apps/v1beta1', 'Deployment', []), message: /not supported/ },
    {
      name: 'raw bytes that are not a message of the named kind',
      body: envelope('v1', 'Namespace', [0x0a, 0x05, 0x01]),
      message: /cannot decode the protobuf Namespace/,
    },
    {
      name: 'a gzip content encoding',
      body: Buffer.from([...MAGIC, ...bytes(1, [...bytes(1, 'v1'), ...bytes(2, 'Namespace')]), ...bytes(3, 'gzip')]),
      message: /gzip/,
    },
  ];

  it.each(cases)('$name is a ProtobufDecodeError', ({ body, message }) => {
    expect(() => decodeProtobufObject(body)).toThrow(ProtobufDecodeError);
    expect(() => decodeProtobufObject(body)).toThrow(message);
  });

  it('tells an unsupported kind apart from corrupt bytes, naming the kind', () => {
    let caught: unknown;
    try {
      decodeProtobufObject(envelope('batch/v1', 'Job', []));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ProtobufKindNotSupportedError);
    expect(caught).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job' });
    expect(() => decodeProtobufObject(namespace.subarray(0, 10))).not.toThrow(ProtobufKindNotSupportedError);
  });
});
