/**
 * The HTTP status kube-apiserver answers when applying a strategic merge patch fails this way: malformed
 * directives are a 400 BadRequest, lists of lists a 422, and every other merge failure (missing merge key,
 * unknown `$patch` value, ...) reaches the client as a 500 InternalError, since Kubernetes passes those
 * errors through uninterpreted.
 */
export type StrategicPatchErrorStatus = 400 | 422 | 500;

/** A patch the strategic merge cannot apply, or a diff it cannot compute. */
export class StrategicPatchError extends Error {
  /** Dot path of the field being merged when the problem was found ('' for the top level). */
  readonly path: string;
  readonly httpStatus: StrategicPatchErrorStatus;

  constructor(message: string, path = '', httpStatus: StrategicPatchErrorStatus = 500) {
    super(message);
    this.name = 'StrategicPatchError';
    this.path = path;
    this.httpStatus = httpStatus;
  }
}
