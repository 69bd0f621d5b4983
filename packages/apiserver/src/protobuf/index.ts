/**
 * Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`), as Go clients such
 * as kubectl 1.32+ send them for typed creates. The apiserver works in JSON, so a protobuf body is
 * decoded into exactly the JSON object a JSON client would have sent for the same Go value.
 */
import { decodeEnvelope, encodeEnvelope } from './envelope';

export { ProtobufDecodeError, ProtobufEncodeError, ProtobufKindNotSupportedError } from './errors';
export { supportedKinds } from './kinds';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/**
 * Decodes a k8s protobuf envelope into a plain JSON object (apiVersion/kind from the envelope's
 * typeMeta). Throws ProtobufDecodeError for a bad envelope, an unknown kind, or bytes that don't
 * decode; for an unknown kind it is the subclass ProtobufKindNotSupportedError.
 */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  return decodeEnvelope(body);
}

/**
 * Encodes a JSON object of a supported kind as a k8s protobuf envelope (tests and tooling; only
 * the fields present in the JSON are written). Throws ProtobufEncodeError for an unsupported kind
 * or a field the schema does not know.
 */
export function encodeProtobufObject(object: Record<string, unknown>): Buffer {
  return encodeEnvelope(object);
}
