/** Watches over WebSocket: the same URL as an HTTP watch, upgraded; each event is one message. */
import type { IncomingMessage } from 'node:http';
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
import { splitUrl } from '../request/url';

const BASE64_PROTOCOL = 'base64.binary.k8s.io';

function refuse(socket: Socket, code: number, body: unknown): void {
  const payload = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${code} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`);
}

export function handleUpgrade(ctx: ApiContext, wss: WebSocketServer, req: IncomingMessage, socket: Socket, head: Buffer): void {
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
        const transport = websocketTransport(ws, base64, ctx.watch.maxBufferedBytes);
        const filter = filterFromQuery(r.namespace, q.labelSelector, q.fieldSelector);
        void serveWatch(ctx.hub, { info: r.info, fromRV, filter, format, timeoutSeconds: q.timeoutSeconds, allowBookmarks: q.allowWatchBookmarks }, transport, ctx.watch);
      });
    } catch (e) {
      const err = toApiError(e);
      refuse(socket, err.code, err.toStatus());
    }
  })();
}
