/**
 * The agent's own HTTP endpoint (--port, 10250 by default, as the kubelet's): /healthz, /metrics
 * (Prometheus) and /containerLogs/<namespace>/<pod>/<container>, the path the apiserver's pods/log
 * proxies to. Errors are plain text with a 4xx/5xx code; the apiserver passes the text on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { invalidGoBoolMessage, parseGoBool } from '@tinykube/api';
import type { Logger } from '@tinykube/client';
import { LogRequestError, type LogSource } from './log-source';
import { streamLog } from './log-stream';

export interface AgentHttpOptions {
  bindAddress: string;
  port: number;
  registry: Registry;
  logs: LogSource;
  logger: Logger;
  healthy: () => boolean;
  /** Poll interval of followed logs (default 200 ms). */
  logPollMs?: number;
}

export interface AgentHttpServer {
  port: number;
  close(): Promise<void>;
}

function text(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body);
}

/** As the kubelet reads them: Go's strconv.ParseBool spellings; a bare `?follow` means true; absent is false. */
function boolParam(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null) return false;
  if (v === '') return true;
  const parsed = parseGoBool(v);
  if (parsed === undefined) throw new LogRequestError(400, invalidGoBoolMessage(name, v));
  return parsed;
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new LogRequestError(400, `invalid ${name} "${v}": must be a non-negative integer`);
  return Number(v);
}

async function serveLogs(opts: AgentHttpOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const parts = url.pathname.split('/').slice(2).map(decodeURIComponent);
  if (parts.length !== 3 || parts.some((p) => p === '')) throw new LogRequestError(400, 'expected /containerLogs/<namespace>/<pod>/<container>');
  const [namespace, pod, container] = parts;
  const q = url.searchParams;
  const sinceSeconds = intParam(q, 'sinceSeconds');
  const tailLines = intParam(q, 'tailLines');
  const limitBytes = intParam(q, 'limitBytes');
  const sinceTime = q.get('sinceTime');
  if (sinceTime !== null && Number.isNaN(Date.parse(sinceTime))) throw new LogRequestError(400, `invalid sinceTime "${sinceTime}"`);
  const sinceMs = sinceSeconds !== undefined ? Date.now() - sinceSeconds * 1000 : sinceTime !== null ? Date.parse(sinceTime) : undefined;
  // Every parameter is checked before the 200 goes out, so a bad one still gets its 400.
  const follow = boolParam(q, 'follow');
  const timestamps = boolParam(q, 'timestamps');
  const target = await opts.logs.resolve(namespace, pod, container, boolParam(q, 'previous'));
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  await streamLog(target.path, res, {
    follow,
    timestamps,
    tailLines,
    limitBytes,
    sinceMs,
    isRunning: () => opts.logs.isRunning(target.containerId),
    pollMs: opts.logPollMs,
    signal: abort.signal,
  });
  res.end();
}

export async function startAgentHttpServer(opts: AgentHttpOptions): Promise<AgentHttpServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://agent');
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'method not allowed');
    if (url.pathname === '/healthz') return opts.healthy() ? text(res, 200, 'ok') : text(res, 500, 'not healthy');
    if (url.pathname === '/metrics') {
      const body = await opts.registry.metrics();
      res.writeHead(200, { 'Content-Type': opts.registry.contentType }).end(body);
      return;
    }
    if (url.pathname.startsWith('/containerLogs/')) return serveLogs(opts, req, res, url);
    text(res, 404, '404 page not found');
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof LogRequestError) return text(res, err.statusCode, err.message);
      opts.logger.warn({ err, url: req.url }, 'request failed');
      text(res, 500, (err as Error).message);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.bindAddress, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
