/** A request body that claimed to be Kubernetes protobuf but could not be turned into an object. */
export class ProtobufDecodeError extends Error {
  override readonly name = 'ProtobufDecodeError';
}

/** A JSON object that cannot be written as Kubernetes protobuf (unknown kind, bad field value). */
export class ProtobufEncodeError extends Error {
  override readonly name = 'ProtobufEncodeError';
}
