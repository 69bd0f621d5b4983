/**
 * Go's JSON semantics for every object the apiserver is asked to write. Kubernetes decodes a body
 * into Go structs and encodes the struct again to store it, so what a client spells differently
 * but Go decodes to the same value is stored the same: `null` is "unset", a zero scalar of an
 * `omitempty` field disappears, an empty list or map disappears, and an empty non-pointer struct
 * (`resources: {}`, a template's `metadata: {creationTimestamp: null}`) is the same as none. Without
 * this, `kubectl rollout undo` (which sends a Go-encoded template, nulls and `{}` included) would
 * store a template that differs from the one applied from YAML and get a new pod-template-hash.
 *
 * Which field is a pointer, `omitempty`, an inline struct or a map is read from the protobuf schema
 * of the kind (`protobuf/annotations.ts`), the same knowledge `protobuf/to-json.ts` uses for
 * protobuf bodies, so a JSON and a protobuf body of one object end up byte-identical: known fields
 * are also put in the schema's order (Go writes struct fields in a fixed order), unknown ones after.
 * Fields the schema does not know only lose their nulls; `fieldValidation` deals with them later.
 */
import type { Field, Type } from 'protobufjs';
import { badRequest } from '../errors';
import { isInline, isValueStruct, keepsZero, omitsZeroIntOrString } from '../protobuf/annotations';
import { messageNameFor } from '../protobuf/kinds';
import { messageType } from '../protobuf/root';
import { INT_OR_STRING, QUANTITY, isWellKnown } from '../protobuf/wellknown';

type JsonObject = Record<string, unknown>;

/**
 * How deep objects and lists may nest. Go's decoder stops at 10000; this walk, and every later one
 * (cloning, comparing, JSON.stringify), would run out of stack well before that, so the limit is
 * lower: no Kubernetes object comes close to it, and a body past it is the client's error (400).
 */
export const MAX_NESTING_DEPTH = 1000;

/** Go's inline TypeMeta: first in every object, and not a field of the kind's protobuf message. */
const TYPE_META_KEYS = ['apiVersion', 'kind'] as const;

/**
 * The object as Go would decode and re-encode it, for an object of `apiVersion`/`kind`. Returns a
 * new object; values of the input are reused, not copied, where nothing changes.
 */
export function normalizeGoJson(body: JsonObject, apiVersion: string, kind: string): JsonObject {
  const out: JsonObject = {};
  for (const key of TYPE_META_KEYS) if (body[key] !== undefined && body[key] !== null) out[key] = body[key];
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(body)) if (!(TYPE_META_KEYS as readonly string[]).includes(key)) put(rest, key, value);
  const messageName = messageNameFor(apiVersion, kind);
  const normalized = messageName === undefined ? (withoutNulls(rest, 1) as JsonObject) : normalizeMessage(rest, messageType(messageName), 1);
  for (const [key, value] of Object.entries(normalized)) put(out, key, value);
  return out;
}

function normalizeMessage(value: JsonObject, type: Type, depth: number): JsonObject {
  checkDepth(depth);
  const fields = jsonFields(type);
  const out: JsonObject = {};
  for (const [name, field] of fields) {
    if (!Object.prototype.hasOwnProperty.call(value, name)) continue;
    const normalized = normalizeField(field, value[name], depth + 1);
    if (normalized !== undefined) out[name] = normalized;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!fields.has(key) && item !== null) put(out, key, withoutNulls(item, depth + 1));
  }
  return out;
}

/** One field's value as Go keeps it; undefined means Go would leave it out. */
function normalizeField(field: Field, value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return undefined;
  if (field.map) return normalizeMap(field, value, depth);
  if (field.repeated) return normalizeList(field, value, depth);
  const nested = messageOf(field);
  if (nested === undefined) return keepsZero(field) || value !== scalarZero(field) ? asSent(value, depth) : undefined;
  if (isWellKnown(nested.fullName)) {
    // Time, Quantity and the embedded documents are taken as sent; only the Service targetPort
    // kind of IntOrString means "unset" by its zero.
    if (nested.fullName === INT_OR_STRING && omitsZeroIntOrString(field) && (value === 0 || value === '')) return undefined;
    return asSent(value, depth);
  }
  // A value of the wrong shape stays as it is, for validation to report with its path.
  if (!isPlainObject(value)) return asSent(value, depth);
  const normalized = normalizeMessage(value, nested, depth);
  return isValueStruct(field) && Object.keys(normalized).length === 0 ? undefined : normalized;
}

function normalizeMap(field: Field, value: unknown, depth: number): unknown {
  if (!isPlainObject(value)) return asSent(value, depth);
  checkDepth(depth);
  const keys = Object.keys(value);
  if (keys.length === 0) return undefined;
  const out: JsonObject = {};
  // Entries are never pruned: a label with an empty value is still a label. Go decodes a null
  // entry to the zero of the value type (`{a: null}` is `{a: ""}` for labels).
  for (const key of keys) put(out, key, normalizeElement(field, value[key], depth + 1));
  return out;
}

function normalizeList(field: Field, value: unknown, depth: number): unknown {
  if (!Array.isArray(value)) return asSent(value, depth);
  checkDepth(depth);
  if (value.length === 0) return undefined;
  return value.map((item: unknown) => normalizeElement(field, item, depth + 1));
}

/** A list item or map value: converted, never dropped; null is Go's zero value of its type. */
function normalizeElement(field: Field, value: unknown, depth: number): unknown {
  const nested = messageOf(field);
  if (value === null) return zeroElement(field, nested);
  if (nested !== undefined && !isWellKnown(nested.fullName) && isPlainObject(value)) return normalizeMessage(value, nested, depth);
  return asSent(value, depth);
}

function zeroElement(field: Field, nested: Type | undefined): unknown {
  if (nested === undefined) return scalarZero(field);
  if (nested.fullName === QUANTITY) return '0';
  if (nested.fullName === INT_OR_STRING) return 0;
  // Time and the embedded documents encode their zero as null.
  return isWellKnown(nested.fullName) ? null : {};
}

/** The zero value Go gives a scalar field's type, in its JSON form. */
function scalarZero(field: Field): unknown {
  switch (field.type) {
    case 'string':
    case 'bytes':
      return '';
    case 'bool':
      return false;
    default:
      return 0;
  }
}

/** Drops null-valued keys at every depth: what Go's decoding does to fields it has no struct for. */
function withoutNulls(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) {
    checkDepth(depth);
    return value.map((item: unknown) => withoutNulls(item, depth + 1));
  }
  if (!isPlainObject(value)) return value;
  checkDepth(depth);
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) put(out, key, withoutNulls(item, depth + 1));
  return out;
}

/** A value kept exactly as sent (a scalar, an embedded document, a value of the wrong type), once its depth is checked. */
function asSent(value: unknown, depth: number): unknown {
  checkNesting(value, depth);
  return value;
}

function checkNesting(value: unknown, depth: number): void {
  if (typeof value !== 'object' || value === null) return;
  checkDepth(depth);
  for (const item of Object.values(value)) checkNesting(item, depth + 1);
}

function checkDepth(depth: number): void {
  if (depth > MAX_NESTING_DEPTH) throw badRequest(`the object nests deeper than ${MAX_NESTING_DEPTH} levels`);
}

const fieldsByType = new WeakMap<Type, Map<string, Field>>();

/** The JSON field names of a message, in schema order, with inline structs' fields flattened in. */
function jsonFields(type: Type): Map<string, Field> {
  let fields = fieldsByType.get(type);
  if (fields === undefined) {
    fields = new Map();
    for (const field of type.fieldsArray) {
      const nested = messageOf(field);
      if (isInline(field) && nested !== undefined) for (const [name, inner] of jsonFields(nested)) fields.set(name, inner);
      else fields.set(field.name, field);
    }
    fieldsByType.set(type, fields);
  }
  return fields;
}

function messageOf(field: Field): Type | undefined {
  const resolved = field.resolve().resolvedType;
  return resolved !== null && 'fieldsArray' in resolved ? resolved : undefined;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own property even for a key such as `__proto__`, which plain assignment would not store. */
function put(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
