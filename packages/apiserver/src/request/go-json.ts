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
 * What Go's decoder refuses is refused here too, with a 400: a number too big for its 32-bit field,
 * and (below Go's own limit, see MAX_NESTING_DEPTH) a body nested too deep. A value of the wrong type
 * is left as sent for validation, which names its path.
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
  for (const key of Object.keys(body)) if (key !== 'apiVersion' && key !== 'kind') put(rest, key, body[key]);
  const messageName = messageNameFor(apiVersion, kind);
  let normalized: JsonObject;
  try {
    normalized = messageName === undefined ? (withoutNulls(rest, 1) as JsonObject) : normalizeMessage(rest, messageType(messageName), 1);
  } catch (e) {
    if (!(e instanceof OutOfRangeError)) throw e;
    // Kubernetes' words for a body its decoder refused.
    const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
    throw badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${e.goMessage()}`);
  }
  for (const key of Object.keys(normalized)) put(out, key, normalized[key]);
  return out;
}

/**
 * What the walk needs to know of one JSON field, worked out once per message type: protobufjs
 * computes names such as `fullName` on every access, too slow for every field of every write.
 */
interface Slot {
  field: Field;
  /** Position among the message's JSON fields, for Go's fixed field order. */
  order: number;
  /** The message type of a message field (a map's value type), undefined for scalars. */
  nested: Type | undefined;
  /** Time, Quantity, IntOrString, embedded documents: JSON scalars or documents taken as sent. */
  wellKnown: boolean;
  keepsZero: boolean;
  valueStruct: boolean;
  /** Zero (0 or "") means unset: the Service targetPort kind of IntOrString. */
  omitsZero: boolean;
  /** Go's zero value of one element (a scalar field, a list item, a map value), in JSON. */
  zero: unknown;
  /** The Go struct the field belongs to, for error messages. */
  struct: string;
  /** A 32-bit integer field: Go refuses to decode a number outside its bounds. */
  range: IntRange | undefined;
}

interface IntRange {
  goType: string;
  min: number;
  max: number;
}

const INT32: IntRange = { goType: 'int32', min: -2147483648, max: 2147483647 };
const UINT32: IntRange = { goType: 'uint32', min: 0, max: 4294967295 };
/** By protobuf scalar type; 64-bit fields hold any integer JSON can carry exactly. */
const INT_RANGES: Readonly<Record<string, IntRange>> = { int32: INT32, sint32: INT32, sfixed32: INT32, uint32: UINT32, fixed32: UINT32 };

/** A number that does not fit its Go field; the path is filled in on the way out of the walk. */
class OutOfRangeError extends Error {
  readonly path: string[] = [];
  constructor(
    readonly value: number,
    readonly goType: string,
    readonly struct: string,
  ) {
    super(`number ${value} does not fit ${goType}`);
    this.name = 'OutOfRangeError';
  }

  goMessage(): string {
    return `json: cannot unmarshal number ${this.value} into Go struct field ${this.struct}.${this.path.join('.')} of type ${this.goType}`;
  }
}

function normalizeMessage(value: JsonObject, type: Type, depth: number): JsonObject {
  checkDepth(depth);
  const fields = slotsOf(type);
  const known: Array<{ order: number; name: string; value: unknown }> = [];
  const unknown: string[] = [];
  let inOrder = true;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === null) continue;
    const slot = fields.get(key);
    if (slot === undefined) {
      unknown.push(key);
      continue;
    }
    let normalized: unknown;
    try {
      normalized = normalizeField(slot, item, depth + 1);
    } catch (e) {
      if (e instanceof OutOfRangeError) e.path.unshift(key);
      throw e;
    }
    if (normalized === undefined) continue;
    if (known.length > 0 && known[known.length - 1].order > slot.order) inOrder = false;
    known.push({ order: slot.order, name: key, value: normalized });
  }
  if (!inOrder) known.sort((a, b) => a.order - b.order);
  const out: JsonObject = {};
  for (const k of known) out[k.name] = k.value;
  for (const key of unknown) put(out, key, withoutNulls(value[key], depth + 1));
  return out;
}

/** One field's (non-null) value as Go keeps it; undefined means Go would leave it out. */
function normalizeField(slot: Slot, value: unknown, depth: number): unknown {
  if (slot.field.map) return normalizeMap(slot, value, depth);
  if (slot.field.repeated) return normalizeList(slot, value, depth);
  if (slot.nested === undefined) return slot.keepsZero || value !== slot.zero ? scalar(slot, value, depth) : undefined;
  if (slot.wellKnown) return slot.omitsZero && (value === 0 || value === '') ? undefined : asSent(value, depth);
  // A value of the wrong shape stays as it is, for validation to report with its path.
  if (!isPlainObject(value)) return asSent(value, depth);
  const normalized = normalizeMessage(value, slot.nested, depth);
  return slot.valueStruct && Object.keys(normalized).length === 0 ? undefined : normalized;
}

function normalizeMap(slot: Slot, value: unknown, depth: number): unknown {
  if (!isPlainObject(value)) return asSent(value, depth);
  checkDepth(depth);
  const keys = Object.keys(value);
  if (keys.length === 0) return undefined;
  const out: JsonObject = {};
  // Entries are never pruned: a label with an empty value is still a label. Go decodes a null
  // entry to the zero of the value type (`{a: null}` is `{a: ""}` for labels).
  for (const key of keys) put(out, key, normalizeElement(slot, value[key], depth + 1));
  return out;
}

function normalizeList(slot: Slot, value: unknown, depth: number): unknown {
  if (!Array.isArray(value)) return asSent(value, depth);
  checkDepth(depth);
  if (value.length === 0) return undefined;
  return value.map((item: unknown) => normalizeElement(slot, item, depth + 1));
}

/** A list item or map value: converted, never dropped; null is Go's zero value of its type. */
function normalizeElement(slot: Slot, value: unknown, depth: number): unknown {
  if (value === null) return structuredClone(slot.zero);
  if (slot.nested !== undefined && !slot.wellKnown && isPlainObject(value)) return normalizeMessage(value, slot.nested, depth);
  return slot.nested === undefined ? scalar(slot, value, depth) : asSent(value, depth);
}

/** A scalar as sent, once it is known to fit its Go type (a wrong type is left for validation). */
function scalar(slot: Slot, value: unknown, depth: number): unknown {
  const range = slot.range;
  if (range !== undefined && typeof value === 'number' && Number.isInteger(value) && (value < range.min || value > range.max)) {
    throw new OutOfRangeError(value, range.goType, slot.struct);
  }
  return asSent(value, depth);
}

const slotsByType = new WeakMap<Type, Map<string, Slot>>();

/** The JSON fields of a message by name, in schema order, with inline structs' fields flattened in. */
function slotsOf(type: Type): Map<string, Slot> {
  let slots = slotsByType.get(type);
  if (slots === undefined) {
    const built = new Map<string, Slot>();
    const add = (t: Type): void => {
      for (const field of t.fieldsArray) {
        const nested = messageOf(field);
        if (isInline(field) && nested !== undefined) add(nested);
        else built.set(field.name, slotFor(field, nested, built.size, t.name));
      }
    };
    add(type);
    slots = built;
    slotsByType.set(type, slots);
  }
  return slots;
}

function slotFor(field: Field, nested: Type | undefined, order: number, struct: string): Slot {
  const fullName = nested?.fullName;
  return {
    field,
    order,
    nested,
    wellKnown: fullName !== undefined && isWellKnown(fullName),
    keepsZero: keepsZero(field),
    valueStruct: isValueStruct(field),
    omitsZero: fullName === INT_OR_STRING && omitsZeroIntOrString(field),
    zero: zeroOf(field, fullName),
    struct,
    range: nested === undefined ? INT_RANGES[field.type] : undefined,
  };
}

function zeroOf(field: Field, nestedName: string | undefined): unknown {
  if (nestedName === QUANTITY) return '0';
  if (nestedName === INT_OR_STRING) return 0;
  // Time and the embedded documents encode their zero as null; other structs as an empty object.
  if (nestedName !== undefined) return isWellKnown(nestedName) ? null : {};
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

/** The message type of a field (the value type of a map), undefined for scalars. */
function messageOf(field: Field): Type | undefined {
  const resolved = field.resolve().resolvedType;
  return resolved !== null && 'fieldsArray' in resolved ? resolved : undefined;
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

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own property, also for the key `__proto__`, which plain assignment would not store. */
function put(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
