/** Writing answers: objects in the negotiated format, errors as Status, warnings as Warning headers. */
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import type { ServerResponse } from 'node:http';
import YAML from 'yaml';
import { ApiError, isApiError, internalError, serviceUnavailable } from '../errors';
import type { ResponseFormat } from '../request/negotiate';
import { CompactedError, StorageUnavailableError } from '../storage/types';
import { toTable } from '../table';
import { encodeStatus, isStatus } from './status-body';

export function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text)}`;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, warnings: string[] = []): void {
  const payload = isStatus(body) ? encodeStatus(body) : JSON.stringify(body);
  const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' };
  if (warnings.length > 0) headers.Warning = warnings.map(warningHeader);
  res.writeHead(status, headers);
  res.end(payload);
}

interface ListLike {
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

/** Serializes a handler's result; Tables only for objects and lists of the requested resource. */
export function sendResult(
  res: ServerResponse,
  status: number,
  body: unknown,
  format: ResponseFormat,
  info: ResourceInfo | undefined,
  warnings: string[] = [],
): void {
  if (format.kind === 'table' && info && body && typeof body === 'object') {
    const b = body as ListLike & KubeObject;
    if (b.kind === info.listKind && Array.isArray(b.items)) {
      return sendJson(res, status, toTable(info, b.items, b.metadata ?? {}, format), warnings);
    }
    if (b.kind === info.kind) {
      return sendJson(res, status, toTable(info, [b], { resourceVersion: b.metadata?.resourceVersion }, format), warnings);
    }
  }
  if (format.kind === 'yaml') {
    const headers: Record<string, string | string[]> = { 'Content-Type': 'application/yaml' };
    if (warnings.length > 0) headers.Warning = warnings.map(warningHeader);
    res.writeHead(status, headers);
    res.end(YAML.stringify(body));
    return;
  }
  sendJson(res, status, body, warnings);
}

/** Every failure becomes an ApiError; anything unexpected is a 500 that is logged, never a stack trace on the wire. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  if (e instanceof CompactedError) return new ApiError(410, 'Expired', `The resourceVersion is too old: ${e.message}`);
  if (e instanceof StorageUnavailableError) return serviceUnavailable(`storage is unavailable: ${e.message}`);
  return internalError(e instanceof Error ? e.message : String(e));
}

export function sendError(res: ServerResponse, err: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(err.code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...err.headers });
  res.end(encodeStatus(err.toStatus()));
}
