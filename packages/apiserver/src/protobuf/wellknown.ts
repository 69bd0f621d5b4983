/**
 * The apimachinery types whose JSON form is not "an object with the same fields": Time and
 * MicroTime are RFC 3339 strings, IntOrString is a bare number or string, Quantity is a string,
 * RawExtension and FieldsV1 are embedded JSON documents. Both directions live here so the rules
 * stay side by side.
 */
import { formatRFC3339, InvalidTimeError } from '@tinykube/api';
import { ProtobufDecodeError, ProtobufEncodeError } from './errors';

export const TIME = '.k8s.io.apimachinery.pkg.apis.meta.v1.Time';
export const MICRO_TIME = '.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime';
export const INT_OR_STRING = '.k8s.io.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = '.k8s.io.apimachinery.pkg.api.resource.Quantity';
export const RAW_EXTENSION = '.k8s.io.apimachinery.pkg.runtime.RawExtension';
export const FIELDS_V1 = '.k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1';

const WELL_KNOWN = new Set([TIME, MICRO_TIME, INT_OR_STRING, QUANTITY, RAW_EXTENSION, FIELDS_V1]);

export function isWellKnown(fullName: string): boolean {
  return WELL_KNOWN.has(fullName);
}

/** IntOrString.type: 0 holds intVal, 1 holds strVal. */
const INT_OR_STRING_STRING = 1;

export type Decoded = Record<string, unknown>;

function has(message: Decoded, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(message, key);
}

/**
 * Converts a decoded well-known message to its JSON value; undefined means "leave the field out"
 * (a zero Time, which Go writes as an empty message, or an empty embedded document).
 */
export function wellKnownToJson(fullName: string, message: Decoded, toNumber: (v: unknown) => number): unknown {
  switch (fullName) {
    case TIME:
    case MICRO_TIME:
      if (!has(message, 'seconds') && !has(message, 'nanos')) return undefined;
      return formatTime(toNumber(message.seconds ?? 0), toNumber(message.nanos ?? 0), fullName === MICRO_TIME);
    case INT_OR_STRING:
      return toNumber(message.type ?? 0) === INT_OR_STRING_STRING
        ? String(message.strVal ?? '')
        : toNumber(message.intVal ?? 0);
    case QUANTITY:
      // Go writes a zero Quantity as "0"; an absent string decodes to the same zero.
      return typeof message.string === 'string' && message.string !== '' ? message.string : '0';
    case RAW_EXTENSION:
      return embeddedJson(message.raw, 'RawExtension');
    case FIELDS_V1:
      return embeddedJson(message.Raw, 'FieldsV1');
    default:
      throw new ProtobufDecodeError(`no JSON rule for ${fullName}`);
  }
}

function embeddedJson(raw: unknown, what: string): unknown {
  if (!(raw instanceof Uint8Array) || raw.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    throw new ProtobufDecodeError(`${what} holds bytes that are not JSON; only JSON-encoded embedded objects are supported`);
  }
}

/** Go's RFC3339 (seconds, UTC) for Time; RFC3339 with exactly six fraction digits for MicroTime. */
export function formatTime(seconds: number, nanos: number, micro: boolean): string {
  try {
    return formatRFC3339(seconds, nanos, micro ? 6 : 0);
  } catch (e) {
    if (e instanceof InvalidTimeError) throw new ProtobufDecodeError(`timestamp ${seconds}s is out of range`);
    throw e;
  }
}

/** The inverse of `wellKnownToJson`: a JSON value to a plain object protobufjs can encode. */
export function wellKnownFromJson(fullName: string, value: unknown, path: string): Decoded {
  switch (fullName) {
    case TIME:
    case MICRO_TIME:
      return parseTime(value, path);
    case INT_OR_STRING:
      if (typeof value === 'number' && Number.isInteger(value)) return { type: 0, intVal: value, strVal: '' };
      if (typeof value === 'string') return { type: INT_OR_STRING_STRING, intVal: 0, strVal: value };
      throw new ProtobufEncodeError(`${path}: expected an integer or a string`);
    case QUANTITY:
      if (typeof value === 'string' || typeof value === 'number') return { string: String(value) };
      throw new ProtobufEncodeError(`${path}: expected a quantity string`);
    case RAW_EXTENSION:
      return { raw: Buffer.from(JSON.stringify(value), 'utf8') };
    case FIELDS_V1:
      return { Raw: Buffer.from(JSON.stringify(value), 'utf8') };
    default:
      throw new ProtobufEncodeError(`${path}: no JSON rule for ${fullName}`);
  }
}

function parseTime(value: unknown, path: string): Decoded {
  const millis = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (typeof value !== 'string' || Number.isNaN(millis)) {
    throw new ProtobufEncodeError(`${path}: expected an RFC 3339 timestamp`);
  }
  const fraction = /\.(\d+)/.exec(value)?.[1] ?? '';
  const nanos = Number((fraction + '000000000').slice(0, 9));
  return { seconds: Math.floor(millis / 1000), nanos };
}
