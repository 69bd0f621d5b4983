/**
 * Errors from the apiserver as typed classes carrying the Kubernetes Status, with predicates in the
 * style of client-go's apierrors (isNotFound, isConflict, ...). Predicates accept `unknown` so a catch
 * block can ask without narrowing first.
 */
import type { Status, StatusReason } from '@tinykube/api';

/** The server answered with a Status (or an error code without one, which is turned into a Status). */
export class StatusError extends Error {
  readonly status: Status;
  /** Seconds from a Retry-After header, if the server sent one. */
  readonly retryAfterSeconds?: number;

  constructor(status: Status, retryAfterSeconds?: number) {
    super(status.message || `the server responded with ${status.code} ${status.reason ?? ''}`.trim());
    this.name = 'StatusError';
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds ?? status.details?.retryAfterSeconds;
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): StatusReason | undefined {
    return this.status.reason;
  }
}

/** The request never got an answer: connection refused or reset, DNS, TLS, timeout. */
export class TransportError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** A bad kubeconfig, missing flags, or an unknown resource: nothing the server could fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const REASON_BY_CODE: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function isStatus(v: unknown): v is Status {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Status' && typeof (v as { code?: unknown }).code === 'number';
}

/** Builds the error for a non-2xx answer: the Status body when there is one, else a Status made from the code. */
export function errorFromResponse(code: number, body: string, retryAfter?: string | null): StatusError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const retry = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  if (isStatus(parsed)) return new StatusError(parsed, retry);
  return new StatusError(
    {
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Failure',
      code,
      reason: REASON_BY_CODE[code] ?? '',
      message: body.trim() ? `the server responded with ${code}: ${body.trim().slice(0, 200)}` : `the server responded with ${code}`,
    },
    retry,
  );
}

/** A Status from an ERROR watch event, as an error. */
export function errorFromStatus(status: unknown): StatusError {
  if (isStatus(status)) return new StatusError(status);
  return new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 500, reason: 'InternalError', message: `unexpected watch error object: ${JSON.stringify(status)}` });
}

function reasonOrCode(err: unknown, reasons: StatusReason[], code: number): boolean {
  if (!(err instanceof StatusError)) return false;
  if (err.reason && reasons.includes(err.reason)) return true;
  // Only fall back to the code when the server gave no reason, as client-go does.
  return !err.reason && err.code === code;
}

export const isNotFound = (err: unknown) => reasonOrCode(err, ['NotFound'], 404);
export const isAlreadyExists = (err: unknown) => reasonOrCode(err, ['AlreadyExists'], 409);
export const isConflict = (err: unknown) => reasonOrCode(err, ['Conflict'], 409);
export const isInvalid = (err: unknown) => reasonOrCode(err, ['Invalid'], 422);
export const isBadRequest = (err: unknown) => reasonOrCode(err, ['BadRequest'], 400);
export const isForbidden = (err: unknown) => reasonOrCode(err, ['Forbidden'], 403);
export const isUnauthorized = (err: unknown) => reasonOrCode(err, ['Unauthorized'], 401);
export const isTooManyRequests = (err: unknown) => reasonOrCode(err, ['TooManyRequests'], 429);
export const isServiceUnavailable = (err: unknown) => reasonOrCode(err, ['ServiceUnavailable'], 503);
export const isInternalError = (err: unknown) => reasonOrCode(err, ['InternalError'], 500);
export const isTimeout = (err: unknown) => reasonOrCode(err, ['Timeout', 'ServerTimeout'], 504);
/** 410: Kubernetes says `Expired` for a too-old resourceVersion and `Gone` elsewhere; both mean "start over". */
export const isGone = (err: unknown) => reasonOrCode(err, ['Gone', 'Expired'], 410);
export const isResourceExpired = (err: unknown) => err instanceof StatusError && (err.reason === 'Expired' || (err.code === 410 && err.reason !== 'Gone'));
