/** The one HTTP entry point: health and discovery paths first, then the resource API. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathNotFound, methodNotAllowed, tooManyRequests } from '../errors';
import type { ApiContext } from '../handlers/context';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from '../handlers/discovery';
import { openApiV3Document, openApiV3Root } from '../handlers/openapi';
import { OPENAPI_V2_PROTOBUF, openApiV2Json, openApiV2Protobuf } from '../handlers/openapi-v2';
import { routeResource, verbOf } from '../handlers/resource';
import type { ApiMetrics } from '../metrics';
import { negotiate } from '../request/negotiate';
import { parseResourcePath, splitGroupVersion, type ResourceRequest } from '../request/path';
import { sendError, sendJson, sendResult, toApiError } from './respond';
import { splitUrl } from '../request/url';

export interface ServerState {
  ready: boolean;
  inflight: number;
  maxInflight: number;
}

function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(text);
}

/** Paths outside the resource API; returns false when the path is not one of them. */
async function handleNonResource(metrics: ApiMetrics, state: ServerState, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const host = req.headers.host ?? '127.0.0.1';
  switch (path) {
    case '/healthz':
    case '/livez':
      sendText(res, 200, 'ok');
      return true;
    case '/readyz':
      if (state.ready) sendText(res, 200, 'ok');
      else sendText(res, 503, 'not ready: still starting or shutting down');
      return true;
    case '/version':
      sendJson(res, 200, SERVER_VERSION);
      return true;
    case '/metrics':
      sendText(res, 200, await metrics.registry.metrics(), metrics.registry.contentType);
      return true;
    case '/api':
      sendJson(res, 200, apiVersions(host));
      return true;
    case '/apis':
      sendJson(res, 200, apiGroupList());
      return true;
    case '/openapi/v3':
      sendJson(res, 200, openApiV3Root());
      return true;
    case '/openapi/v2':
      if ((req.headers.accept ?? '').includes('protobuf')) {
        res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF });
        res.end(openApiV2Protobuf());
      } else {
        sendJson(res, 200, openApiV2Json());
      }
      return true;
  }
  if (path.startsWith('/openapi/v3/')) {
    const gv = splitGroupVersion(path.slice('/openapi/v3'.length));
    const doc = gv && gv.rest.length === 0 ? openApiV3Document(gv.group, gv.version) : undefined;
    if (doc) sendJson(res, 200, doc);
    else sendError(res, pathNotFound(path));
    return true;
  }
  const segs = path.split('/').filter(Boolean);
  if (segs[0] === 'apis' && segs.length === 2) {
    const group = apiGroup(segs[1]);
    if (group) sendJson(res, 200, group);
    else sendError(res, pathNotFound(path));
    return true;
  }
  const gv = splitGroupVersion(path);
  if (gv && gv.rest.length === 0) {
    const list = apiResourceList(gv.group, gv.version);
    if (list) sendJson(res, 200, list);
    else sendError(res, pathNotFound(path));
    return true;
  }
  if (!gv) {
    sendError(res, pathNotFound(path));
    return true;
  }
  return false;
}

export async function handleHttp(ctx: ApiContext, metrics: ApiMetrics, state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = process.hrtime.bigint();
  const url = splitUrl(req.url);
  const path = url.pathname;
  let r: ResourceRequest | undefined;
  let verb = (req.method ?? 'GET').toLowerCase();
  let counted = false;
  const labels = () => ({ verb, group: r?.info.group ?? '', resource: r?.info.resource ?? '', subresource: r?.subresource ?? '' });
  res.on('finish', () => {
    metrics.requests.inc({ ...labels(), code: String(res.statusCode) });
    if (verb !== 'watch') metrics.latency.observe(labels(), Number(process.hrtime.bigint() - started) / 1e9);
    const level = res.statusCode >= 500 ? 'error' : 'debug';
    ctx.logger[level]({ method: req.method, path: req.url, code: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
  });
  try {
    if (await handleNonResource(metrics, state, req, res, path)) return;
    const gv = splitGroupVersion(path);
    if (!gv) throw pathNotFound(path);
    r = parseResourcePath(gv, path);
    verb = verbOf(req.method ?? 'GET', r, url.searchParams);
    if (!r.info.verbs.includes(verb) && r.subresource === undefined) throw methodNotAllowed(req.method ?? 'GET');
    if (verb !== 'watch') {
      if (state.inflight >= state.maxInflight) throw tooManyRequests(1);
      state.inflight++;
      metrics.inflight.inc();
      counted = true;
    }
    const isRead = req.method === 'GET';
    const format = negotiate(req.headers.accept, url.searchParams, isRead);
    const result = await routeResource(ctx, r, req, res, url.searchParams);
    if (result) sendResult(res, result.status, result.body, isRead ? format : { kind: format.kind === 'yaml' ? 'yaml' : 'json' }, r.info, result.warnings);
  } catch (e) {
    const err = toApiError(e);
    if (err.code >= 500) ctx.logger.error({ err: e, path }, 'request failed');
    sendError(res, err);
  } finally {
    if (counted) {
      state.inflight--;
      metrics.inflight.dec();
    }
  }
}
