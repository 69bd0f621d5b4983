/**
 * OpenAPI v2 (swagger 2.0) for kubectl 1.27-1.31, which learn from it whether the server validates
 * fields itself. client-go only reads this document as protobuf (gnostic's openapi.v2.Document), so we
 * encode the few messages needed with protobufjs; field numbers are gnostic's OpenAPIv2.proto.
 * The document lists, per kind, the PATCH operation tagged with x-kubernetes-group-version-kind and
 * its `fieldValidation` query parameter (kubectl's check that the server validates fields), and the
 * definitions of every kind (kubectl explain, and kubectl apply's patch metadata). JSON is served too.
 */
import { allResources, KIND_DEFINITIONS, openApiDefinitions, type OpenApiSchema, type ResourceInfo } from '@tinykube/api';
import protobuf from 'protobufjs';

// Clients ask with '@v1.0' in Accept; Go's mime parser refuses '@' in a response type, so the server
// answers with the dotted form, as kube-apiserver does.
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const PROTO = `
syntax = "proto3";
package openapi.v2;
message Any { string yaml = 2; }
message NamedAny { string name = 1; Any value = 2; }
message Info { string title = 1; string version = 2; }
message QueryParameterSubSchema { bool required = 1; string in = 2; string description = 3; string name = 4; string type = 6; bool unique_items = 20; }
message NonBodyParameter { oneof oneof { QueryParameterSubSchema query_parameter_sub_schema = 3; } }
message Parameter { oneof oneof { NonBodyParameter non_body_parameter = 2; } }
message ParametersItem { oneof oneof { Parameter parameter = 1; } }
message Operation { string description = 3; string operation_id = 5; repeated ParametersItem parameters = 8; repeated NamedAny vendor_extension = 13; }
message PathItem { Operation put = 3; Operation post = 4; Operation patch = 8; }
message NamedPathItem { string name = 1; PathItem value = 2; }
message Paths { repeated NamedPathItem path = 2; }
message Document { string swagger = 1; Info info = 2; Paths paths = 8; Definitions definitions = 9; }
message TypeItem { repeated string value = 1; }
message ItemsItem { repeated Schema schema = 1; }
message AdditionalPropertiesItem { oneof oneof { Schema schema = 1; bool boolean = 2; } }
message NamedSchema { string name = 1; Schema value = 2; }
message Properties { repeated NamedSchema additional_properties = 1; }
message Definitions { repeated NamedSchema additional_properties = 1; }
message Schema {
  string _ref = 1; string format = 2; string description = 4; repeated string required = 19;
  AdditionalPropertiesItem additional_properties = 21; TypeItem type = 22; ItemsItem items = 23;
  Properties properties = 25; repeated NamedAny vendor_extension = 31;
}
`;

let documentType: protobuf.Type | undefined;
const docType = (): protobuf.Type => (documentType ??= protobuf.parse(PROTO, { keepCase: true }).root.lookupType('openapi.v2.Document'));

const QUERY_PARAMS = [
  ['dryRun', 'When present, changes are not persisted.'],
  ['fieldManager', 'Name of the actor making the change.'],
  ['fieldValidation', 'Ignore, Warn or Strict: what to do with unknown fields in the request.'],
];

interface Op {
  description: string;
  operationId: string;
  parameters: Array<{ name: string; description: string }>;
  gvk: { group: string; version: string; kind: string };
}

interface PathEntry {
  path: string;
  ops: Partial<Record<'post' | 'put' | 'patch', Op>>;
}

function pathsFor(info: ResourceInfo): PathEntry[] {
  const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const collection = info.namespaced ? `${prefix}/namespaces/{namespace}/${info.resource}` : `${prefix}/${info.resource}`;
  const gvk = { group: info.group, version: info.version, kind: info.kind };
  const op = (action: string): Op => ({
    description: `${action} a ${info.kind}`,
    operationId: `${action}${info.kind}`,
    parameters: QUERY_PARAMS.map(([name, description]) => ({ name, description })),
    gvk,
  });
  const out: PathEntry[] = [];
  if (info.verbs.includes('create')) out.push({ path: collection, ops: { post: op('create') } });
  if (info.verbs.includes('patch')) out.push({ path: `${collection}/{name}`, ops: { put: op('replace'), patch: op('patch') } });
  return out;
}

function allPaths(): PathEntry[] {
  return allResources().flatMap(pathsFor);
}

export function openApiV2Json(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const p of allPaths()) {
    const item: Record<string, unknown> = {};
    for (const [method, op] of Object.entries(p.ops)) {
      item[method] = {
        description: op.description,
        operationId: op.operationId,
        parameters: op.parameters.map((q) => ({ uniqueItems: true, type: 'string', description: q.description, name: q.name, in: 'query' })),
        'x-kubernetes-group-version-kind': op.gvk,
      };
    }
    paths[p.path] = item;
  }
  return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.30.0' }, paths, definitions: openApiDefinitions(KIND_DEFINITIONS, 'v2') };
}

function gvkYaml(gvk: Op['gvk']): string {
  return `group: "${gvk.group}"\nkind: ${gvk.kind}\nversion: ${gvk.version}\n`;
}

/** A vendor extension's value as the YAML gnostic carries it: a scalar, or the GVK list. */
function extensionYaml(value: unknown): string {
  if (Array.isArray(value)) {
    return value.map((gvk: Record<string, string>) => `- group: "${gvk.group}"\n  kind: ${gvk.kind}\n  version: ${gvk.version}\n`).join('');
  }
  return `${String(value)}\n`;
}

type PbSchema = Record<string, unknown>;

/** One OpenAPI schema as gnostic's Schema message (only the keywords our definitions use). */
function toPbSchema(schema: OpenApiSchema): PbSchema {
  const out: PbSchema = {};
  const vendor: Array<{ name: string; value: { yaml: string } }> = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') out._ref = value;
    else if (key === 'format' || key === 'description') out[key] = value;
    else if (key === 'required') out.required = value;
    else if (key === 'type') out.type = { value: [value] };
    else if (key === 'items') out.items = { schema: [toPbSchema(value as OpenApiSchema)] };
    else if (key === 'additionalProperties') {
      out.additional_properties = typeof value === 'boolean' ? { boolean: value } : { schema: toPbSchema(value as OpenApiSchema) };
    } else if (key === 'properties') {
      const props = Object.entries(value as Record<string, OpenApiSchema>).map(([name, child]) => ({ name, value: toPbSchema(child) }));
      out.properties = { additional_properties: props };
    } else if (key.startsWith('x-')) vendor.push({ name: key, value: { yaml: extensionYaml(value) } });
  }
  if (vendor.length > 0) out.vendor_extension = vendor;
  return out;
}

let encoded: Buffer | undefined;

export function openApiV2Protobuf(): Buffer {
  if (encoded) return encoded;
  const toOperation = (op: Op) => ({
    description: op.description,
    operation_id: op.operationId,
    parameters: op.parameters.map((q) => ({
      parameter: { non_body_parameter: { query_parameter_sub_schema: { in: 'query', name: q.name, description: q.description, type: 'string', unique_items: true } } },
    })),
    vendor_extension: [{ name: 'x-kubernetes-group-version-kind', value: { yaml: gvkYaml(op.gvk) } }],
  });
  const doc = {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'v1.30.0' },
    paths: {
      path: allPaths().map((p) => ({
        name: p.path,
        value: Object.fromEntries(Object.entries(p.ops).map(([m, op]) => [m, toOperation(op)])),
      })),
    },
    definitions: {
      additional_properties: Object.entries(openApiDefinitions(KIND_DEFINITIONS, 'v2')).map(([name, schema]) => ({ name, value: toPbSchema(schema) })),
    },
  };
  const type = docType();
  encoded = Buffer.from(type.encode(type.fromObject(doc)).finish());
  return encoded;
}

/** Decodes what openApiV2Protobuf wrote (for tests). */
export function decodeOpenApiV2(bytes: Uint8Array): Record<string, unknown> {
  const type = docType();
  return type.toObject(type.decode(bytes), { defaults: false }) as Record<string, unknown>;
}
