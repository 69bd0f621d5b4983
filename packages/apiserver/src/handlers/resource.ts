/** Dispatches a request on /api/v1/... or /apis/g/v/... to the handler for its verb and subresource. */
import { findResource, type ResourceInfo } from '@tinykube/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotAllowed } from '../errors';
import { bodyFormatFor, decodeObject, readBody } from '../request/body';
import { negotiate } from '../request/negotiate';
import type { ResourceRequest } from '../request/path';
import { optionalBoolParam, parseListQuery, parseResourceVersion } from '../request/query';
import { filterFromQuery } from '../watch/filter';
import { httpTransport, serveWatch } from '../watch/serve';
import type { ApiContext, HandlerResult } from './context';
import { handleCreate } from './create';
import { handleDelete, handleDeleteCollection, parseDeleteOptions } from './delete';
import { parsePatch } from './patch';
import { handlePodLog } from './logs';
import { handleGet, handleList } from './read';
import {
  handleBinding,
  handleFinalize,
  handleScaleGet,
  handleScalePatch,
  handleScaleUpdate,
  handleStatusPatch,
  handleStatusUpdate,
} from './subresources';
import { handlePatch, handleUpdate } from './update';

/** The Kubernetes verb of a request, for metrics and logs. */
export function verbOf(method: string, r: ResourceRequest, query: URLSearchParams): string {
  const named = r.name !== undefined;
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (optionalBoolParam(query, 'watch') === true) return 'watch';
      return named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

async function readObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const format = bodyFormatFor(req.headers['content-type']);
  return decodeObject(await readBody(req), format);
}

/** Returns a result to serialize, or undefined when the handler answered itself (a watch). */
export async function routeResource(
  ctx: ApiContext,
  r: ResourceRequest,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<HandlerResult | undefined> {
  const method = req.method ?? 'GET';
  const { info } = r;
  const sub = r.subresource;

  if (method === 'GET' && sub === undefined && r.name === undefined) {
    const q = parseListQuery(query, info);
    if (!q.watch) {
      const list = await handleList(ctx, r, q);
      return { status: 200, body: list };
    }
    const format = negotiate(req.headers.accept, query, true);
    const fromRV = q.resourceVersion === undefined || q.resourceVersion === '0' ? undefined : parseResourceVersion(q.resourceVersion);
    if (fromRV !== undefined) await ctx.hub.waitForRevision(fromRV);
    else if (q.resourceVersion === undefined) await ctx.hub.waitForRevision(await ctx.store.storage.currentRevision());
    const filter = filterFromQuery(r.namespace, q.labelSelector, q.fieldSelector);
    const transport = httpTransport(res, ctx.watch.maxBufferedBytes, ctx.logger);
    await serveWatch(ctx.hub, { info, fromRV, filter, format, timeoutSeconds: q.timeoutSeconds, allowBookmarks: q.allowWatchBookmarks }, transport, ctx.watch);
    return undefined;
  }

  if (r.name === undefined) {
    if (method === 'POST' && sub === undefined) {
      const body = await readObject(req);
      if (info.resource === 'bindings') {
        const podsInfo = findResource('', 'v1', 'pods') as ResourceInfo;
        const podName = (body.metadata as { name?: string } | undefined)?.name ?? '';
        return handleBinding(ctx, { info: podsInfo, namespace: r.namespace }, podName, body);
      }
      if (info.namespaced && r.namespace === undefined) throw methodNotAllowed(method);
      return handleCreate(ctx, r, body, query);
    }
    if (method === 'DELETE' && sub === undefined) {
      const raw = await readBody(req);
      const opts = parseDeleteOptions(raw, bodyFormatFor(req.headers['content-type']), query);
      return handleDeleteCollection(ctx, r, opts, parseListQuery(query, info), query);
    }
    throw methodNotAllowed(method);
  }

  if (sub === undefined) {
    switch (method) {
      case 'GET':
        return handleGet(ctx, r);
      case 'PUT':
        return handleUpdate(ctx, r, await readObject(req), query);
      case 'PATCH':
        return handlePatch(ctx, r, parsePatch(await readBody(req), req.headers['content-type']), query);
      case 'DELETE': {
        const raw = await readBody(req);
        return handleDelete(ctx, r, parseDeleteOptions(raw, bodyFormatFor(req.headers['content-type']), query), query);
      }
      default:
        throw methodNotAllowed(method);
    }
  }

  const key = `${method} ${sub}`;
  switch (key) {
    case 'GET status':
      return handleGet(ctx, r);
    case 'PUT status':
      return handleStatusUpdate(ctx, r, await readObject(req), query);
    case 'PATCH status':
      return handleStatusPatch(ctx, r, parsePatch(await readBody(req), req.headers['content-type']), query);
    case 'GET scale':
      return handleScaleGet(ctx, r);
    case 'PUT scale':
      return handleScaleUpdate(ctx, r, await readObject(req), query);
    case 'PATCH scale':
      return handleScalePatch(ctx, r, parsePatch(await readBody(req), req.headers['content-type']), query);
    case 'POST binding':
      return handleBinding(ctx, r, r.name, await readObject(req));
    case 'PUT finalize':
      return handleFinalize(ctx, r, await readObject(req));
    case 'GET log':
      await handlePodLog(ctx, r, query, res);
      return undefined;
    default:
      throw methodNotAllowed(method);
  }
}
