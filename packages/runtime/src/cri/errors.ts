/**
 * CRI failures as one class per gRPC status code, so callers branch on `isNotFound(err)` rather than on
 * message text. The client turns every gRPC error into one of these; the server turns them back into
 * the same gRPC code, so a FakeRuntime error and a containerd error look alike to the node agent.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';

export { GrpcStatus };

export class CriError extends Error {
  /** The gRPC status code (see GrpcStatus). */
  readonly code: number;
  /** The CRI method that failed, when known (e.g. 'createContainer'). */
  readonly method?: string;

  constructor(code: number, message: string, options: { method?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CriError';
    this.code = code;
    this.method = options.method;
  }
}

export class InvalidArgumentError extends CriError {
  constructor(message: string, options?: { method?: string; cause?: unknown }) {
    super(GrpcStatus.INVALID_ARGUMENT, message, options);
    this.name = 'InvalidArgumentError';
  }
}

export class DeadlineExceededError extends CriError {
  constructor(message: string, options?: { method?: string; cause?: unknown }) {
    super(GrpcStatus.DEADLINE_EXCEEDED, message, options);
    this.name = 'DeadlineExceededError';
  }
}

export class NotFoundError extends CriError {
  constructor(message: string, options?: { method?: string; cause?: unknown }) {
    super(GrpcStatus.NOT_FOUND, message, options);
    this.name = 'NotFoundError';
  }
}

export class AlreadyExistsError extends CriError {
  constructor(message: string, options?: { method?: string; cause?: unknown }) {
    super(GrpcStatus.ALREADY_EXISTS, message, options);
    this.name = 'AlreadyExistsError';
  }
}

export class FailedPreconditionError extends CriError {
  constructor(message: string, options?: { method?: string; cause?: unknown }) {
    super(GrpcStatus.FAILED_PRECONDITION, message, options);
    this.name = 'FailedPreconditionError';
  }
}

export class UnimplementedError extends CriError {
  constructor(message: string, options?: { method?: string; cause?: unknown }) {
    super(GrpcStatus.UNIMPLEMENTED, message, options);
    this.name = 'UnimplementedError';
  }
}

export class UnavailableError extends CriError {
  constructor(message: string, options?: { method?: string; cause?: unknown }) {
    super(GrpcStatus.UNAVAILABLE, message, options);
    this.name = 'UnavailableError';
  }
}

/** The error class for a gRPC code (a plain CriError for codes without their own class). */
export function criErrorFromCode(code: number, message: string, options?: { method?: string; cause?: unknown }): CriError {
  switch (code) {
    case GrpcStatus.INVALID_ARGUMENT:
      return new InvalidArgumentError(message, options);
    case GrpcStatus.DEADLINE_EXCEEDED:
      return new DeadlineExceededError(message, options);
    case GrpcStatus.NOT_FOUND:
      return new NotFoundError(message, options);
    case GrpcStatus.ALREADY_EXISTS:
      return new AlreadyExistsError(message, options);
    case GrpcStatus.FAILED_PRECONDITION:
      return new FailedPreconditionError(message, options);
    case GrpcStatus.UNIMPLEMENTED:
      return new UnimplementedError(message, options);
    case GrpcStatus.UNAVAILABLE:
      return new UnavailableError(message, options);
    default:
      return new CriError(code, message, options);
  }
}

/** The gRPC code of a CriError or of a raw grpc-js ServiceError; undefined for anything else. */
export function grpcCodeOf(err: unknown): number | undefined {
  if (err instanceof CriError) return err.code;
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number') return err.code;
  return undefined;
}

export const isInvalidArgument = (err: unknown): boolean => grpcCodeOf(err) === GrpcStatus.INVALID_ARGUMENT;
export const isDeadlineExceeded = (err: unknown): boolean => grpcCodeOf(err) === GrpcStatus.DEADLINE_EXCEEDED;
export const isNotFound = (err: unknown): boolean => grpcCodeOf(err) === GrpcStatus.NOT_FOUND;
export const isAlreadyExists = (err: unknown): boolean => grpcCodeOf(err) === GrpcStatus.ALREADY_EXISTS;
export const isFailedPrecondition = (err: unknown): boolean => grpcCodeOf(err) === GrpcStatus.FAILED_PRECONDITION;
export const isUnimplemented = (err: unknown): boolean => grpcCodeOf(err) === GrpcStatus.UNIMPLEMENTED;
export const isUnavailable = (err: unknown): boolean => grpcCodeOf(err) === GrpcStatus.UNAVAILABLE;
