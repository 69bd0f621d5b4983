/** A request body that claimed to be Kubernetes protobuf but could not be turned into an object. */
export class ProtobufDecodeError extends Error {
  override readonly name: string = 'ProtobufDecodeError';
}

/**
 * A well-formed envelope naming a kind this package has no protobuf schema for (e.g. batch/v1
 * Job). Distinct from corrupt bytes so the server can answer 415 (send JSON instead) rather than 400.
 */
export class ProtobufKindNotSupportedError extends ProtobufDecodeError {
  override readonly name: string = 'ProtobufKindNotSupportedError';

  constructor(
    readonly apiVersion: string,
    readonly kind: string,
  ) {
    super(`protobuf bodies of kind ${kind} (${apiVersion}) are not supported; send JSON instead`);
  }
}

/** A JSON object that cannot be written as Kubernetes protobuf (unknown kind, bad field value). */
export class ProtobufEncodeError extends Error {
  override readonly name: string = 'ProtobufEncodeError';
}
