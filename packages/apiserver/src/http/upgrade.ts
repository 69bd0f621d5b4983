/**
 * Watches over WebSocket: the same URL as an HTTP watch, upgraded; each event is one message.
 *
 * Node's HTTP server stops handling a socket's errors once it hands the socket to the 'upgrade' event, so
 * from here on every error (a client that resets the connection, a bad frame) must have a listener of
 * ours, or the process dies of an unhandled 'error' event.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Status } from '@tinykube/api';
import type { Socket } from 'node:net';
import type { WebSocketServer } from 'ws';
import { badRequest } from '../errors';
import type { ApiContext } from '../handlers/context';
import { negotiate } from '../request/negotiate';
import { parseResourcePath, splitGroupVersion } from '../request/path';
import { parseListQuery, parseResourceVersion } from '../request/query';
import { filterFromQuery } from '../watch/filter';
import { serveWatch, websocketTransport } from '../watch/serve';
import { toApiError } from './respond';
import { encodeStatus } from './status-body';
import { splitUrl } from '../request/url';

const BASE64_PROTOCOL = 'base64.binary.k8s.io';

/** Answers a request that cannot be upgraded with a plain HTTP error and its Status, then closes. */
function refuse(socket: Socket, status: Status): void {
  if (socket.destroyed) return;
  const payload = encodeStatus(status);
  const head = `HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? 'Error'}\r\nContent-Type: application/json\r\nCache-Control: no-cache, private\r\n`;
  socket.end(`${head}Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`);
}

export function handleUpgrade(ctx: ApiContext, wss: WebSocketServer, req: IncomingMessage, socket: Socket, head: Buffer): void {
  const log = ctx.logger.child({ path: req.url, upgrade: true });
  // Resets are what clients do; they end this connection, never the server.
  socket.on('error', (err) => log.debug({ err }, 'upgrade connection failed'));
  void (async () => {
    try {
      const url = splitUrl(req.url);
      const gv = splitGroupVersion(url.pathname);
      if (!gv) throw badRequest('only watches can be upgraded to WebSocket');
      const r = parseResourcePath(gv, url.pathname);
      const q = parseListQuery(url.searchParams, r.info);
      if (req.method !== 'GET' || !q.watch || r.name !== undefined || r.subresource !== undefined) {
        throw badRequest('only watches (GET ...?watch=true) can be upgraded to WebSocket');
      }
      const format = negotiate(req.headers.accept, url.searchParams, true);
      const fromRV = q.resourceVersion === undefined || q.resourceVersion === '0' ? undefined : parseResourceVersion(q.resourceVersion);
      if (fromRV !== undefined) await ctx.hub.waitForRevision(fromRV);
      const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      const base64 = protocols.includes(BASE64_PROTOCOL);
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', (err) => log.debug({ err }, 'watch WebSocket failed'));
        const transport = websocketTransport(ws, base64, ctx.watch.maxBufferedBytes);
        const filter = filterFromQuery(r.namespace, q.labelSelector, q.fieldSelector);
        const request = { info: r.info, fromRV, filter, format, timeoutSeconds: q.timeoutSeconds, allowBookmarks: q.allowWatchBookmarks };
        serveWatch(ctx.hub, request, transport, ctx.watch).catch((err: unknown) => {
          log.error({ err }, 'watch failed');
          ws.close(1011);
        });
      });
    } catch (e) {
      const err = toApiError(e);
      if (err.code >= 500) log.error({ err: e }, 'upgrade failed');
      refuse(socket, err.toStatus());
    }
  })();
}
