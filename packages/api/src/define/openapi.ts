/**
 * OpenAPI definitions of the kinds, derived from their one definition: what `kubectl explain` walks
 * and what client-side validation reads. Names follow Kubernetes' OpenAPI: the protobuf name with its
 * domain reversed (`k8s.io.api.core.v1.Pod` -> `io.k8s.api.core.v1.Pod`); every nested message is its
 * own definition referenced with `$ref`, so explain can name each field's type; top-level kinds carry
 * `x-kubernetes-group-version-kind`, which is how kubectl finds the schema of a resource, and merged lists
 * carry `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key`, which kubectl apply's strategic
 * merge patch reads when it finds a schema.
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import { FIELD, KIND, MESSAGE, WIRE, type Annotated } from './dsl';

export type OpenApiSchema = Record<string, unknown>;

/** Where `$ref`s point: swagger 2.0 keeps definitions at the root, OpenAPI 3 under components. */
export type OpenApiVersion = 'v2' | 'v3';

const REF_PREFIX: Record<OpenApiVersion, string> = { v2: '#/definitions/', v3: '#/components/schemas/' };

/** `k8s.io.api.core.v1.Pod` -> `io.k8s.api.core.v1.Pod`, as Kubernetes names its OpenAPI definitions. */
export function openApiName(protoName: string): string {
  return protoName.replace(/^\.?k8s\.io\./, 'io.k8s.');
}

const SCALARS: Record<string, OpenApiSchema> = {
  string: { type: 'string' },
  bool: { type: 'boolean' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  double: { type: 'number', format: 'double' },
  bytes: { type: 'string', format: 'byte' },
};

/** The apimachinery value types, as Kubernetes' OpenAPI describes them (they are not objects in JSON). */
const WIRE_TYPES: Record<string, OpenApiSchema> = {
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time', description: 'A timestamp in RFC 3339 form, to the second.' },
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time', description: 'A timestamp in RFC 3339 form, to the microsecond.' },
  'k8s.io.apimachinery.pkg.apis.meta.v1.Duration': { type: 'string', description: 'A duration such as "1m30s".' },
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string', description: 'Either a number or a string (a port name, a percentage).' },
  'k8s.io.apimachinery.pkg.api.resource.Quantity': { type: 'string', description: 'A resource amount such as "500m" or "128Mi".' },
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': { type: 'object', description: 'A set of field paths, as server-side apply records them.' },
  'k8s.io.apimachinery.pkg.runtime.RawExtension': { type: 'object', description: 'An embedded object of any kind.' },
};

class Collector {
  readonly definitions: Record<string, OpenApiSchema> = {};

  constructor(private readonly version: OpenApiVersion) {}

  ref(protoName: string): OpenApiSchema {
    return { $ref: REF_PREFIX[this.version] + openApiName(protoName) };
  }

  /** The OpenAPI form of a field's schema, adding the definitions it needs. */
  field(schema: TSchema): OpenApiSchema {
    const a = schema as Annotated;
    const wire = a[WIRE];
    if (wire !== undefined) {
      const scalar = SCALARS[wire];
      if (scalar !== undefined) return { ...scalar };
      const name = wire.replace(/^\./, '');
      this.definitions[openApiName(name)] ??= WIRE_TYPES[name] ?? { type: 'object' };
      return this.ref(name);
    }
    if (schema.type === 'array') return { type: 'array', items: this.field(schema.items as TSchema) };
    const message = a[MESSAGE];
    if (message !== undefined) {
      this.message(schema as TObject);
      return this.ref(message);
    }
    if (typeof schema.additionalProperties === 'object') {
      return { type: 'object', additionalProperties: this.field(schema.additionalProperties as TSchema) };
    }
    return { type: schema.type ?? 'object' };
  }

  message(schema: TObject): void {
    const a = schema as Annotated;
    const name = openApiName(a[MESSAGE] as string);
    if (this.definitions[name] !== undefined) return;
    const out: OpenApiSchema = { type: 'object' };
    this.definitions[name] = out; // placed first, so a message that refers back to itself stops here
    if (schema.description) out.description = schema.description;
    const properties: Record<string, OpenApiSchema> = {};
    for (const [field, child] of Object.entries(schema.properties)) {
      const converted = this.field(child);
      if (typeof child.description === 'string') converted.description = child.description;
      // Strategic merge patch reads these (kubectl apply), as it reads Go's struct tags.
      const facts = (child as Annotated)[FIELD];
      if (facts?.patchStrategy !== undefined) converted['x-kubernetes-patch-strategy'] = facts.patchStrategy;
      if (facts?.patchMergeKey !== undefined) converted['x-kubernetes-patch-merge-key'] = facts.patchMergeKey;
      properties[field] = converted;
    }
    out.properties = properties;
    const required = (schema.required ?? []).filter((f) => f !== 'metadata');
    if (required.length > 0) out.required = required;
    const kind = a[KIND];
    if (kind !== undefined) {
      const slash = kind.apiVersion.indexOf('/');
      const group = slash < 0 ? '' : kind.apiVersion.slice(0, slash);
      const version = kind.apiVersion.slice(slash + 1);
      out['x-kubernetes-group-version-kind'] = [{ group, kind: kind.kind, version }];
    }
  }
}

/** Every definition reachable from `roots`, keyed by OpenAPI name, with `$ref`s in the given flavour. */
export function openApiDefinitions(roots: readonly TObject[], version: OpenApiVersion): Record<string, OpenApiSchema> {
  const c = new Collector(version);
  for (const root of roots) c.message(root);
  return c.definitions;
}
