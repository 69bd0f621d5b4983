/**
 * Turning a decoded request body into an object the write path can trust: kind and apiVersion checked
 * against the URL, namespace and name reconciled with the path, unknown fields handled per
 * `fieldValidation`, defaults applied, then validation (422 with field paths).
 */
import {
  applyDefaults,
  findUnknownFields,
  formatFieldErrors,
  validateCreate,
  validateUpdate,
  type FieldError,
  type KubeObject,
  type ResourceInfo,
} from '@tinykube/api';
import { badRequest, invalid } from '../errors';
import { normalizeGoJson } from '../request/go-json';
import type { FieldValidation } from '../request/query';
import { strategyFor } from '../rest/strategy';
import { deleteAtPath } from '../util/paths';

export function checkTypeMeta(info: ResourceInfo, body: Record<string, unknown>): void {
  const { apiVersion, kind } = body;
  if (apiVersion !== undefined && apiVersion !== info.apiVersion) {
    throw badRequest(`the API version in the data (${String(apiVersion)}) does not match the expected API version (${info.apiVersion})`);
  }
  if (kind !== undefined && kind !== info.kind) {
    throw badRequest(`the kind in the data (${String(kind)}) does not match the expected kind (${info.kind})`);
  }
  if (body.metadata !== undefined && (body.metadata === null || typeof body.metadata !== 'object' || Array.isArray(body.metadata))) {
    throw badRequest('metadata must be an object');
  }
}

/**
 * Turns a freshly decoded body into a KubeObject as Go would have decoded it (`request/go-json.ts`),
 * with apiVersion/kind filled in and the namespace from the path. The body's values are adopted, not
 * copied: every caller passes an object it just parsed or patched.
 */
export function toObject(info: ResourceInfo, body: Record<string, unknown>, pathNamespace: string | undefined): KubeObject {
  const obj = normalizeGoJson(withPathNamespace(info, body, pathNamespace), info.apiVersion, info.kind) as KubeObject;
  checkTypeMeta(info, obj);
  obj.apiVersion = info.apiVersion;
  obj.kind = info.kind;
  obj.metadata ??= {};
  const meta = obj.metadata;
  if (info.namespaced) {
    if (meta.namespace === undefined || meta.namespace === '') meta.namespace = pathNamespace;
    else if (meta.namespace !== pathNamespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
  } else if (meta.namespace) {
    // Kubernetes quietly drops a namespace on a cluster-scoped object.
    delete meta.namespace;
  }
  return obj;
}

/**
 * The path's namespace written into a body that names none, before decoding, so that it takes its
 * place among metadata's fields the same way whether the client sent it or not.
 */
function withPathNamespace(info: ResourceInfo, body: Record<string, unknown>, pathNamespace: string | undefined): Record<string, unknown> {
  const meta = body.metadata;
  if (!info.namespaced || pathNamespace === undefined || meta === null || typeof meta !== 'object' || Array.isArray(meta)) return body;
  const current = (meta as { namespace?: unknown }).namespace;
  if (current !== undefined && current !== null && current !== '') return body;
  return { ...body, metadata: { ...meta, namespace: pathNamespace } };
}

/** Applies fieldValidation: Strict refuses unknown fields, Warn drops them with a warning, Ignore drops them. */
export function handleUnknownFields(info: ResourceInfo, obj: KubeObject, mode: FieldValidation): string[] {
  const unknown = findUnknownFields(info.kind, obj);
  if (unknown.length === 0) return [];
  if (mode === 'Strict') {
    const causes = unknown.map((f) => ({ reason: 'FieldValueInvalid', field: f, message: `unknown field "${f}"` }));
    const name = obj.metadata.name ?? obj.metadata.generateName ?? '';
    const message = `${info.kind}${info.group ? '.' + info.group : ''} "${name}" is invalid: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`;
    throw invalid(info.kind, info.group, name, message, causes);
  }
  for (const f of unknown) deleteAtPath(obj, f);
  return mode === 'Warn' ? unknown.map((f) => `unknown field "${f}"`) : [];
}

function raiseIfInvalid(info: ResourceInfo, obj: KubeObject, errs: FieldError[]): void {
  if (errs.length === 0) return;
  const name = obj.metadata.name ?? obj.metadata.generateName ?? '';
  const kindName = info.group ? `${info.kind}.${info.group}` : info.kind;
  throw invalid(
    info.kind,
    info.group,
    name,
    formatFieldErrors(kindName, name, errs),
    errs.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
  );
}

export function defaultAndValidateCreate(info: ResourceInfo, obj: KubeObject): void {
  defaultObject(info, obj);
  raiseIfInvalid(info, obj, validateCreate(info.kind, obj, { namespaced: info.namespaced }));
}

/** The kind's write-only conveniences rewritten, then its defaults: what Go's decoding does to a body. */
export function defaultObject(info: ResourceInfo, obj: KubeObject): void {
  strategyFor(info.kind).normalize?.(obj);
  applyDefaults(info.kind, obj);
}

export function validateUpdated(info: ResourceInfo, obj: KubeObject, old: KubeObject): void {
  raiseIfInvalid(info, obj, validateUpdate(info.kind, obj, old, { namespaced: info.namespaced }));
}

export function defaultAndValidateUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject): void {
  defaultObject(info, obj);
  validateUpdated(info, obj, old);
}
