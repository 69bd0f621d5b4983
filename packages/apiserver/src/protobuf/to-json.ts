/**
 * Turns a decoded protobuf message into the JSON object Kubernetes' own JSON encoding would
 * produce for the same Go value. The rules, in the order they apply to each field:
 *  - empty repeated fields and empty maps are left out (Go's `omitempty`);
 *  - well-known types (Time, IntOrString, Quantity, ...) take their JSON shape (`wellknown.ts`);
 *  - embedded structs marked `(inline)` are flattened into the parent;
 *  - other messages stay objects, even when empty: Go always prints a non-pointer struct, and a
 *    pointer struct is only on the wire when it was set;
 *  - scalars equal to their zero value ("", 0, false, empty bytes) are left out unless the field
 *    is a Go pointer or lacks `omitempty` (see `annotations.ts`), because Go writes every
 *    non-pointer scalar to the wire whether it was set or not.
 */
import { type Field, type Type, util } from 'protobufjs';
import { isInline, keepsZero, omitsZeroIntOrString } from './annotations';
import { type Decoded, INT_OR_STRING, isWellKnown, wellKnownToJson } from './wellknown';

export function messageToJson(type: Type, message: Decoded): Decoded {
  const out: Decoded = {};
  for (const field of type.fieldsArray) {
    const value = message[field.name];
    if (field.map) {
      const entries = mapToJson(field, value);
      if (entries !== undefined) out[field.name] = entries;
    } else if (field.repeated) {
      if (Array.isArray(value) && value.length > 0) out[field.name] = value.map((item) => elementToJson(field, item));
    } else if (Object.prototype.hasOwnProperty.call(message, field.name)) {
      const json = singleToJson(field, value);
      if (json === undefined) continue;
      if (isInline(field) && isObject(json)) Object.assign(out, json);
      else out[field.name] = json;
    }
  }
  return out;
}

function mapToJson(field: Field, value: unknown): Decoded | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 0) return undefined;
  const out: Decoded = {};
  // Map values are never pruned: a label or data entry with an empty value is still an entry.
  for (const key of keys) out[key] = elementToJson(field, value[key]);
  return out;
}

/** A repeated element or a map value: converted, never dropped for being zero. */
function elementToJson(field: Field, value: unknown): unknown {
  const nested = field.resolvedType;
  if (nested !== null && 'fieldsArray' in nested) {
    const message = asDecoded(value);
    if (isWellKnown(nested.fullName)) return wellKnownToJson(nested.fullName, message, toNumber) ?? null;
    return messageToJson(nested, message);
  }
  return scalarToJson(field, value);
}

function singleToJson(field: Field, value: unknown): unknown {
  const nested = field.resolvedType;
  if (nested !== null && 'fieldsArray' in nested) {
    const message = asDecoded(value);
    if (!isWellKnown(nested.fullName)) return messageToJson(nested, message);
    const json = wellKnownToJson(nested.fullName, message, toNumber);
    if (nested.fullName === INT_OR_STRING && omitsZeroIntOrString(field) && (json === 0 || json === '')) return undefined;
    return json;
  }
  const json = scalarToJson(field, value);
  if (!keepsZero(field) && isZero(json)) return undefined;
  return json;
}

function scalarToJson(field: Field, value: unknown): unknown {
  if (field.type === 'bytes') return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : '';
  if (field.type === 'int64' || field.type === 'uint64' || field.type === 'sint64' || field.type === 'fixed64' || field.type === 'sfixed64') {
    return toNumber(value);
  }
  return value;
}

function isZero(value: unknown): boolean {
  return value === '' || value === 0 || value === false;
}

/** int64 values arrive as Long objects when the `long` package is installed, else as numbers. */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  if (isObject(value) && typeof value.low === 'number' && typeof value.high === 'number') {
    return new util.LongBits(value.low >>> 0, value.high >>> 0).toNumber(value.unsigned === true);
  }
  return 0;
}

function isObject(value: unknown): value is Decoded {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function asDecoded(value: unknown): Decoded {
  return isObject(value) ? value : {};
}
