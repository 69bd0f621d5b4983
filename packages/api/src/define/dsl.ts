/**
 * The one vocabulary every API kind is written in. A kind is defined once, as a TypeBox schema whose
 * fields also carry Kubernetes' protobuf field numbers and the Go facts of their struct fields; from
 * that single definition come:
 *  - its TypeScript type (`Static<typeof Pod>`, TypeBox's inference),
 *  - its JSON Schema for ajv and the unknown-field walk (`json-schema.ts`),
 *  - its protobuf message (`proto.ts`), which the apiserver decodes kubectl's bodies with,
 *  - its OpenAPI v2/v3 definition (`openapi.ts`), which `kubectl explain` reads,
 *  - Go's JSON rules for it (pointer, omitempty, inline), which the apiserver normalizes bodies with.
 * The facts hang off the schemas under symbol keys, so JSON.stringify and ajv never see them.
 */
import { Type, type Static, type TArray, type TObject, type TOptional, type TProperties, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** A field's protobuf number and Go facts (on a property schema). */
export const FIELD = Symbol.for('tinykube.define.field');
/** A message's full protobuf name, e.g. `k8s.io.api.core.v1.Pod` (on an object schema). */
export const MESSAGE = Symbol.for('tinykube.define.message');
/** The protobuf scalar or well-known message a leaf travels as (on leaf schemas). */
export const WIRE = Symbol.for('tinykube.define.wire');
/** apiVersion and kind of a top-level kind (on its object schema). */
export const KIND = Symbol.for('tinykube.define.kind');
/** On a property flattened into its parent from an embedded Go struct: which field embeds it. */
export const EMBEDDED = Symbol.for('tinykube.define.embedded');

/**
 * Go facts protobuf does not carry. Without them a decoder cannot tell "unset" from "zero": Go writes
 * every non-pointer field to the wire. `ptr`: a Go pointer (an explicit 0/false/"" is kept); `keep`: a
 * field without `omitempty` (printed even when zero); `omitzero`: a non-pointer IntOrString whose zero
 * means unset (Service targetPort); `struct`: a non-pointer struct field, so an empty `{}` is the same as
 * absent (`resources: {}`), where a pointer struct's `{}` is a value (`securityContext: {}`).
 */
export interface GoHints {
  ptr?: boolean;
  keep?: boolean;
  omitzero?: boolean;
  struct?: boolean;
  /**
   * Go's `patchStrategy` struct tag, read by strategic merge patch (kubectl apply): `merge` merges a list
   * element by element instead of replacing it; `retainKeys` clears the keys of an object (or of each
   * element) that the patch no longer lists (a volume switching from emptyDir to configMap).
   */
  patchStrategy?: 'merge' | 'retainKeys' | 'merge,retainKeys';
  /** Go's `patchMergeKey` struct tag: the field that identifies an element of a merged list. */
  patchMergeKey?: string;
}

/** How a field is written: its Go facts, and a sentence for `kubectl explain`. */
export interface FieldOptions extends GoHints {
  doc?: string;
}

export interface FieldFacts extends GoHints {
  /** The protobuf field number: Kubernetes' fact, from its generated.proto. */
  proto: number;
}

export interface EmbeddedFacts {
  /** The Go field name of the embedded struct as protobuf names it (e.g. `volumeSource`). */
  field: string;
  proto: number;
  message: TObject;
}

export interface KindFacts {
  apiVersion: string;
  kind: string;
}

/** Read the facts back (for the derivations). */
export type Annotated = TSchema & {
  [FIELD]?: FieldFacts;
  [MESSAGE]?: string;
  [WIRE]?: string;
  [KIND]?: KindFacts;
  [EMBEDDED]?: EmbeddedFacts;
};

function leaf<S extends TSchema>(schema: S, wire: string): S {
  return Object.assign(schema, { [WIRE]: wire });
}

// --- leaves: JSON type for ajv and TypeScript, wire type for protobuf --------------------------------
export const str = leaf(Type.String(), 'string');
export const bool = leaf(Type.Boolean(), 'bool');
export const int32 = leaf(Type.Integer(), 'int32');
export const int64 = leaf(Type.Integer(), 'int64');
export const double = leaf(Type.Number(), 'double');
/** Bytes travel as base64 strings in JSON (Secret data). */
export const bytes = leaf(Type.String({ format: 'byte' }), 'bytes');
/** meta/v1 Time: RFC 3339 with seconds in JSON, {seconds, nanos} in protobuf. */
export const time = leaf(Type.String({ format: 'date-time' }), '.k8s.io.apimachinery.pkg.apis.meta.v1.Time');
/** meta/v1 MicroTime: RFC 3339 with microseconds (Events' eventTime, Leases' renewTime). */
export const microTime = leaf(Type.String({ format: 'date-time' }), '.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime');
/** A port number or a named port / percentage ("http", "25%"). */
export const intOrString = leaf(Type.Unsafe<number | string>({ type: ['integer', 'string'] }), '.k8s.io.apimachinery.pkg.util.intstr.IntOrString');
/** "100m", "1Gi" or a bare number; the syntax is checked by validation with parseQuantity. */
export const quantity = leaf(Type.Unsafe<string | number>({ type: ['string', 'number'] }), '.k8s.io.apimachinery.pkg.api.resource.Quantity');
/** An embedded JSON document whose content is not ours to police. */
export const rawExtension = leaf(Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }), '.k8s.io.apimachinery.pkg.runtime.RawExtension');
/** managedFields' fieldsV1: a free-form set of field paths. */
export const fieldsV1 = leaf(Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }), '.k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1');
/** meta/v1 Duration: a Go duration string ("1m30s"). */
export const duration = leaf(Type.String(), '.k8s.io.apimachinery.pkg.apis.meta.v1.Duration');

/** A string field whose values Kubernetes names (`'Always' | 'IfNotPresent'`); validation checks them. */
export function oneOf<T extends string>(): TUnsafe<T> {
  return leaf(Type.Unsafe<T>(Type.String()), 'string');
}

/** A Go map with string keys (labels, data, resource lists); protobuf `map<string, V>`. */
export function map<V extends TSchema>(value: V): TUnsafe<Record<string, Static<V>>> {
  return Type.Unsafe<Record<string, Static<V>>>({ type: 'object', additionalProperties: value });
}

/** A Go slice; protobuf `repeated`. */
export function list<V extends TSchema>(item: V): TArray<V> {
  return Type.Array(item);
}

// --- fields -----------------------------------------------------------------------------------------
function withFacts<S extends TSchema>(schema: S, proto: number, options: FieldOptions): S {
  const { doc, ...hints } = options;
  const field: S = { ...schema, [FIELD]: { proto, ...hints } };
  if (doc !== undefined) field.description = doc;
  return field;
}

/** An optional field (most Kubernetes fields): protobuf number, schema, Go hints and a description. */
export function opt<S extends TSchema>(proto: number, schema: S, options: FieldOptions = {}): TOptional<S> {
  return Type.Optional(withFacts(schema, proto, options)) as TOptional<S>;
}

/** A field the TypeScript type marks as always present (`containers`, `selector`); still optional on the wire. */
export function req<S extends TSchema>(proto: number, schema: S, options: FieldOptions = {}): S {
  return withFacts(schema, proto, options);
}

/**
 * An embedded Go struct (`VolumeSource` in `Volume`, `ProbeHandler` in `Probe`): JSON flattens its
 * fields into the parent, protobuf keeps it as one field. Spread the result into the parent's fields.
 */
export function embed<P extends TProperties>(field: string, proto: number, message: TObject<P>): P {
  const out: TProperties = {};
  for (const [name, schema] of Object.entries(message.properties)) {
    out[name] = { ...schema, [EMBEDDED]: { field, proto, message } };
  }
  return out as P;
}

// --- messages and kinds -------------------------------------------------------------------------------
/** A Go struct / protobuf message. `name` is its full protobuf name, the OpenAPI name is derived. */
export function message<P extends TProperties>(name: string, properties: P, description?: string): TObject<P> {
  return Type.Object(properties, { [MESSAGE]: name, ...(description ? { description } : {}) });
}

/** What the usual top-level fields of every kind mean, for `kubectl explain`. */
const KIND_FIELD_DOCS: Record<string, string> = {
  metadata: 'The object\'s name, namespace, labels, annotations, owners and the other fields every object has.',
  spec: 'The desired state, as its users write it.',
  status: 'The observed state, as the system reports it; users do not write it.',
};

type KindProperties<A extends string, K extends string, P extends TProperties> = P & {
  apiVersion: TOptional<TUnsafe<A>>;
  kind: TOptional<TUnsafe<K>>;
};

/** A top-level kind: a message plus apiVersion and kind, which protobuf carries in its envelope instead. */
export function kind<A extends string, K extends string, P extends TProperties>(
  name: string,
  apiVersion: A,
  kindName: K,
  properties: P,
  description?: string,
): TObject<KindProperties<A, K, P>> {
  const typeMeta = {
    apiVersion: Type.Optional({ ...oneOf<A>(), description: 'The versioned schema of this object, e.g. "apps/v1".' }),
    kind: Type.Optional({ ...oneOf<K>(), description: 'The kind of this object, e.g. "Deployment".' }),
  };
  const documented: TProperties = { ...properties };
  for (const [field, doc] of Object.entries(KIND_FIELD_DOCS)) {
    const schema = documented[field];
    if (schema !== undefined && schema.description === undefined) documented[field] = { ...schema, description: doc };
  }
  const schema = message(name, { ...typeMeta, ...documented } as KindProperties<A, K, P>, description);
  return Object.assign(schema, { [KIND]: { apiVersion, kind: kindName } });
}

/** A JSON-only field with no protobuf number (apiVersion/kind of bodies protobuf carries in its envelope). */
export function json<S extends TSchema>(schema: S): TOptional<S> {
  return Type.Optional(schema) as TOptional<S>;
}
