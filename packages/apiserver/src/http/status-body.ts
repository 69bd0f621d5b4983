/**
 * The one place a Status is built and turned into bytes. Clients compare error bodies with what
 * kube-apiserver sends, so the bytes follow Go's encoding/json writing metav1.Status: fields in struct
 * order (kind, apiVersion, metadata, status, message, reason, details, code), every `omitempty` field left
 * out when empty (details.group is absent for the core group), HTML-sensitive characters escaped, and the
 * newline json.Encoder ends each value with.
 */
import type { Status, StatusCause, StatusDetails, StatusReason } from '@tinykube/api';

export interface StatusParts {
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

/** Sets `out[key]` only when Go's omitempty would keep it (non-empty string, non-zero number, non-empty list). */
function putIfSet<T extends object, K extends keyof T>(out: T, key: K, value: T[K] | undefined): void {
  if (value === undefined || value === '' || value === 0) return;
  if (Array.isArray(value) && value.length === 0) return;
  out[key] = value;
}

function orderedCause(c: StatusCause): StatusCause {
  const out: StatusCause = {};
  putIfSet(out, 'reason', c.reason);
  putIfSet(out, 'message', c.message);
  putIfSet(out, 'field', c.field);
  return out;
}

function orderedDetails(d: StatusDetails): StatusDetails {
  const out: StatusDetails = {};
  putIfSet(out, 'name', d.name);
  putIfSet(out, 'group', d.group);
  putIfSet(out, 'kind', d.kind);
  putIfSet(out, 'uid', d.uid);
  putIfSet(out, 'causes', d.causes?.map(orderedCause));
  putIfSet(out, 'retryAfterSeconds', d.retryAfterSeconds);
  return out;
}

/** A Status with its keys in metav1.Status order. `details`, when given, is kept even if empty (a non-nil pointer in Go). */
export function buildStatus(parts: StatusParts): Status {
  // Built key by key: JSON.stringify writes keys in insertion order, and that order is the wire order.
  const out = { kind: 'Status', apiVersion: 'v1', metadata: {} } as Status;
  out.status = parts.status;
  putIfSet(out, 'message', parts.message);
  putIfSet(out, 'reason', parts.reason);
  if (parts.details) out.details = orderedDetails(parts.details);
  putIfSet(out, 'code', parts.code);
  return out;
}

/** The Status a subresource such as pods/binding answers with on success. */
export function successStatus(code: number): Status {
  return buildStatus({ status: 'Success', code });
}

export function isStatus(body: unknown): body is Status {
  const b = body as { kind?: unknown; apiVersion?: unknown } | null;
  return typeof b === 'object' && b !== null && b.kind === 'Status' && b.apiVersion === 'v1';
}

const GO_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON as Go's encoding/json writes it: JSON.stringify already matches it for the values a Status holds,
 * except that Go also escapes <, >, & (and U+2028/U+2029) inside strings. Those characters can only occur
 * inside strings in JSON text, so replacing them in the output is safe.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]);
}

/** The response body for a Status: what json.Encoder.Encode writes, trailing newline included. */
export function encodeStatus(status: Status): string {
  return `${goJson(buildStatus(status))}\n`;
}

/** A watch ERROR event carrying the Status, one line without its line break (the transport frames it). */
export function watchErrorEvent(status: Status): string {
  return goJson({ type: 'ERROR', object: buildStatus(status) });
}
