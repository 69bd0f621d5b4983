/**
 * The inverse of `to-json.ts`: a Kubernetes JSON object to the plain object protobufjs encodes.
 * Only the fields present in the JSON are written (a protobuf reader treats absent fields as
 * zero, exactly as Go does). A JSON key the schema does not know is an error rather than silently
 * dropped, so tests notice a schema gap instead of passing on a half-encoded object.
 */
import type { Field, Type } from 'protobufjs';
import { isInline } from './annotations';
import { ProtobufEncodeError } from './errors';
import { type Decoded, isWellKnown, wellKnownFromJson } from './wellknown';

export function messageFromJson(type: Type, json: Decoded, path: string, ignoredKeys: readonly string[] = []): Decoded {
  const accepted = new Set([...acceptedKeys(type), ...ignoredKeys]);
  for (const key of Object.keys(json)) {
    if (!accepted.has(key)) throw new ProtobufEncodeError(`${path}.${key}: not a field of ${type.name}`);
  }
  const out: Decoded = {};
  for (const field of type.fieldsArray) {
    const nested = messageTypeOf(field);
    if (isInline(field) && nested !== undefined) {
      // An inline struct's fields sit in the parent JSON object; hand it the whole object.
      out[field.name] = messageFromJson(nested, pick(json, acceptedKeys(nested)), path);
      continue;
    }
    const value = json[field.name];
    if (value === undefined || value === null) continue;
    out[field.name] = fieldFromJson(field, value, `${path}.${field.name}`);
  }
  return out;
}

function fieldFromJson(field: Field, value: unknown, path: string): unknown {
  if (field.map) {
    if (!isObject(value)) throw new ProtobufEncodeError(`${path}: expected an object`);
    const out: Decoded = {};
    for (const [key, item] of Object.entries(value)) out[key] = elementFromJson(field, item, `${path}.${key}`);
    return out;
  }
  if (field.repeated) {
    if (!Array.isArray(value)) throw new ProtobufEncodeError(`${path}: expected an array`);
    return value.map((item, index) => elementFromJson(field, item, `${path}[${index}]`));
  }
  return elementFromJson(field, value, path);
}

function elementFromJson(field: Field, value: unknown, path: string): unknown {
  const nested = messageTypeOf(field);
  if (nested !== undefined) {
    if (isWellKnown(nested.fullName)) return wellKnownFromJson(nested.fullName, value, path);
    if (!isObject(value)) throw new ProtobufEncodeError(`${path}: expected an object`);
    return messageFromJson(nested, value, path);
  }
  if (field.type === 'bytes') {
    if (typeof value !== 'string') throw new ProtobufEncodeError(`${path}: expected a base64 string`);
    return Buffer.from(value, 'base64');
  }
  return value;
}

/** The JSON keys a message accepts: its own field names plus those of its inline structs. */
function acceptedKeys(type: Type): string[] {
  const keys: string[] = [];
  for (const field of type.fieldsArray) {
    const nested = messageTypeOf(field);
    if (isInline(field) && nested !== undefined) keys.push(...acceptedKeys(nested));
    else keys.push(field.name);
  }
  return keys;
}

function messageTypeOf(field: Field): Type | undefined {
  const nested = field.resolvedType;
  return nested !== null && 'fieldsArray' in nested ? nested : undefined;
}

function pick(json: Decoded, keys: readonly string[]): Decoded {
  const out: Decoded = {};
  for (const key of keys) if (key in json) out[key] = json[key];
  return out;
}

function isObject(value: unknown): value is Decoded {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
