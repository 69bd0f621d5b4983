/**
 * The one definition of each kind gives its TypeScript type, its JSON Schema and its protobuf message;
 * this proves the three agree for every kind. A full example is built from the definition itself (every
 * field set, every list and map with an entry, both halves of every embedded struct), so a field added
 * to a definition is covered without touching this test. The example must pass the JSON Schema with no
 * unknown field, and survive JSON -> protobuf -> JSON unchanged.
 */
import { checkSchemaTypes, KIND_DEFINITIONS, kindFacts, MESSAGE, unknownFieldPaths, WIRE, type Annotated, type TObject, type TSchema } from '@tinykube/api';
import { decodeProtobufObject, encodeProtobufObject } from './index';

const WIRE_EXAMPLES: Record<string, unknown> = {
  string: 'text',
  bool: true,
  int32: 7,
  int64: 1_700_000_000_123,
  double: 0.5,
  bytes: Buffer.from('secret').toString('base64'),
  '.k8s.io.apimachinery.pkg.apis.meta.v1.Time': '2024-05-01T10:00:05Z',
  '.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': '2024-05-01T10:00:05.123456Z',
  '.k8s.io.apimachinery.pkg.api.resource.Quantity': '1536Mi',
  '.k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': { 'f:metadata': { 'f:labels': {} } },
  '.k8s.io.apimachinery.pkg.runtime.RawExtension': { apiVersion: 'v1', kind: 'ConfigMap' },
};

/** IntOrString alternates so both of its wire forms are exercised. */
let intOrStringTurn = 0;

function example(schema: TSchema, depth: number): unknown {
  const a = schema as Annotated;
  const wire = a[WIRE];
  if (wire === '.k8s.io.apimachinery.pkg.util.intstr.IntOrString') return intOrStringTurn++ % 2 === 0 ? 8080 : 'http';
  if (wire !== undefined) {
    if (!(wire in WIRE_EXAMPLES)) throw new Error(`no example value for ${wire}`);
    return WIRE_EXAMPLES[wire];
  }
  if (schema.type === 'array') return [example(schema.items as TSchema, depth)];
  if (a[MESSAGE] === undefined && typeof schema.additionalProperties === 'object') {
    return { 'example.com/key': example(schema.additionalProperties as TSchema, depth) };
  }
  const out: Record<string, unknown> = {};
  for (const [name, child] of Object.entries((schema as TObject).properties)) {
    if (name === 'apiVersion' || name === 'kind') continue;
    // Pods nest containers nest probes...; the definitions have no cycles, but keep the examples small.
    if (depth > 12) continue;
    out[name] = example(child, depth + 1);
  }
  return out;
}

const kinds = KIND_DEFINITIONS.map((def) => ({ def, ...kindFacts(def) }));

describe.each(kinds)('$apiVersion $kind: one definition, three forms that agree', ({ def, apiVersion, kind }) => {
  const full: Record<string, unknown> = { apiVersion, kind, ...(example(def, 0) as Record<string, unknown>) };

  it('the JSON Schema accepts the full example, with no unknown field', () => {
    expect(checkSchemaTypes(kind, full)).toEqual([]);
    expect(unknownFieldPaths(kind, full)).toEqual([]);
  });

  it('the JSON Schema finds an unknown field, at top level and nested', () => {
    const withUnknown = { ...full, bogus: 1, metadata: { ...(full.metadata as object), nameTypo: 'x' } };
    expect(unknownFieldPaths(kind, withUnknown)).toEqual(expect.arrayContaining(['bogus', 'metadata.nameTypo']));
  });

  it('JSON -> protobuf -> JSON gives back the full example', () => {
    expect(decodeProtobufObject(encodeProtobufObject(full))).toEqual(full);
  });
});
