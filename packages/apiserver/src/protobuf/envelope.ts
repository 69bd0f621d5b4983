/**
 * Kubernetes' protobuf wire format for a whole object: the four magic bytes `k8s\0`, then a
 * `runtime.Unknown` message whose typeMeta names the kind and whose `raw` bytes are the object's
 * own message. This module opens and builds that envelope and maps the kind to its message.
 */
import { messageNameFor } from './kinds';
import { ProtobufDecodeError, ProtobufEncodeError, ProtobufKindNotSupportedError } from './errors';
import { messageFromJson } from './from-json';
import { messageType } from './root';
import { messageToJson } from './to-json';
import type { Decoded } from './wellknown';

export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

const UNKNOWN_MESSAGE = 'k8s.io.apimachinery.pkg.runtime.Unknown';

export function decodeEnvelope(body: Buffer): Record<string, unknown> {
  if (body.length < PROTOBUF_MAGIC.length || !body.subarray(0, PROTOBUF_MAGIC.length).equals(PROTOBUF_MAGIC)) {
    throw new ProtobufDecodeError('the body does not start with the Kubernetes protobuf prefix "k8s\\x00"');
  }
  const envelope = decodeMessage(UNKNOWN_MESSAGE, body.subarray(PROTOBUF_MAGIC.length), 'envelope');
  const typeMeta = isObject(envelope.typeMeta) ? envelope.typeMeta : {};
  const apiVersion = typeof typeMeta.apiVersion === 'string' ? typeMeta.apiVersion : '';
  const kind = typeof typeMeta.kind === 'string' ? typeMeta.kind : '';
  if (apiVersion === '' || kind === '') {
    throw new ProtobufDecodeError('the protobuf envelope does not name the object\'s apiVersion and kind');
  }
  if (typeof envelope.contentEncoding === 'string' && envelope.contentEncoding !== '') {
    throw new ProtobufDecodeError(`protobuf content encoding "${envelope.contentEncoding}" is not supported`);
  }
  const messageName = messageNameFor(apiVersion, kind);
  if (messageName === undefined) throw new ProtobufKindNotSupportedError(apiVersion, kind);
  const raw = envelope.raw instanceof Uint8Array ? envelope.raw : new Uint8Array(0);
  const object = decodeMessage(messageName, raw, kind);
  return { apiVersion, kind, ...messageToJson(messageType(messageName), object) };
}

export function encodeEnvelope(object: Record<string, unknown>): Buffer {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const messageName = messageNameFor(apiVersion, kind);
  if (messageName === undefined) throw new ProtobufEncodeError(`no protobuf message for kind ${kind} (${apiVersion})`);
  const type = messageType(messageName);
  const raw = type.encode(type.fromObject(messageFromJson(type, object, kind, ['apiVersion', 'kind']))).finish();
  const unknown = messageType(UNKNOWN_MESSAGE);
  const envelope = unknown.encode(unknown.fromObject({ typeMeta: { apiVersion, kind }, raw, contentEncoding: '', contentType: '' })).finish();
  return Buffer.concat([PROTOBUF_MAGIC, envelope]);
}

function decodeMessage(fullName: string, bytes: Uint8Array, what: string): Decoded {
  try {
    // A decoded protobufjs message is a plain object whose own properties are the fields seen
    // on the wire; the JSON conversion reads it as such.
    return messageType(fullName).decode(bytes) as unknown as Decoded;
  } catch (e) {
    throw new ProtobufDecodeError(`cannot decode the protobuf ${what}: ${(e as Error).message}`);
  }
}

function isObject(value: unknown): value is Decoded {
  return typeof value === 'object' && value !== null;
}
