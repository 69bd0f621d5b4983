/**
 * Field errors as Kubernetes reports them: a machine-readable type, the field path, and the message body
 * Kubernetes puts in `Status.details.causes[].message` ("Invalid value: -1: must be greater than or
 * equal to 0"). The apiserver maps a FieldError 1:1 onto a StatusCause {reason: type, field, message}.
 */

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotFound';

export interface FieldError {
  type: FieldErrorType;
  /** e.g. 'spec.containers[0].name', 'metadata.labels'; '' for the object as a whole. */
  field: string;
  /** The body after the field: "<Type text>[: <value>][: <detail>]". */
  message: string;
}

/** Renders a bad value the way Kubernetes does: quoted strings, bare numbers and booleans, JSON otherwise. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return 'null';
  return JSON.stringify(value) ?? String(value);
}

function withDetail(head: string, detail: string | undefined): string {
  return detail ? `${head}: ${detail}` : head;
}

export function required(field: string, detail?: string): FieldError {
  return { type: 'FieldValueRequired', field, message: withDetail('Required value', detail) };
}

export function invalid(field: string, value: unknown, detail?: string): FieldError {
  return { type: 'FieldValueInvalid', field, message: withDetail(`Invalid value: ${formatValue(value)}`, detail) };
}

export function typeInvalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueTypeInvalid', field, message: withDetail(`Invalid value: ${formatValue(value)}`, detail) };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}` : '';
  return {
    type: 'FieldValueNotSupported',
    field,
    message: withDetail(`Unsupported value: ${formatValue(value)}`, detail),
  };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, message: `Duplicate value: ${formatValue(value)}` };
}

export function notFound(field: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, message: `Not found: ${formatValue(value)}` };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, message: withDetail('Forbidden', detail) };
}

/** The value itself is never echoed: it is by definition too big to be useful in a message. */
export function tooLong(field: string, maxBytes: number): FieldError {
  return {
    type: 'FieldValueTooLong',
    field,
    message: `Too long: may not be more than ${maxBytes} ${maxBytes === 1 ? 'byte' : 'bytes'}`,
  };
}

/** One line per error, "field: message", as Kubernetes' field errors print. */
export function fieldErrorString(err: FieldError): string {
  return `${err.field}: ${err.message}`;
}

/** API groups of the first-wave kinds, for the qualified kind in messages ("Deployment.apps"). */
const GROUP_OF_KIND: Readonly<Record<string, string>> = {
  Deployment: 'apps',
  ReplicaSet: 'apps',
  Lease: 'coordination.k8s.io',
};

/**
 * The message of Kubernetes' 422 Invalid status: `Deployment.apps "web" is invalid: [a: ..., b: ...]`, a
 * single error without brackets, identical lines once. Pass a group-qualified kind ("Foo.example.com")
 * for kinds this package does not know.
 */
export function formatFieldErrors(kind: string, name: string, errs: FieldError[]): string {
  const group = GROUP_OF_KIND[kind];
  const qualified = group === undefined ? kind : `${kind}.${group}`;
  const head = `${qualified} ${JSON.stringify(name)} is invalid`;
  const lines = [...new Set(errs.map(fieldErrorString))];
  if (lines.length === 0) return head;
  if (lines.length === 1) return `${head}: ${lines[0]}`;
  return `${head}: [${lines.join(', ')}]`;
}
