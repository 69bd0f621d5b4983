/**
 * The apiserver process: storage, watch caches, the HTTP (and WebSocket) front end, and bootstrap.
 * Express is used for its request plumbing only; routing of API paths is ours (request/path.ts) because
 * Kubernetes' URL space is regular enough that a parser says more than a route table.
 */
import { allResources } from '@tinykube/api';
import express, { type Request, type Response } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { bootstrap } from './bootstrap';
import type { ApiContext } from './handlers/context';
import { ServiceIpAllocator } from './rest/ip-allocator';
import { ObjectStore } from './rest/store';
import { startCompactor } from './rest/compactor';
import { ApiMetrics } from './metrics';
import { resolveOptions, type ApiServerOptions, type ResolvedApiServerOptions } from './options';
import { createStorage } from './storage';
import type { Storage } from './storage/types';
import { WatchHub } from './watch/hub';
import { handleHttp } from './http/dispatch';
import { handleUpgrade } from './http/upgrade';

export interface ApiServer {
  /** e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly port: number;
  readonly storage: Storage;
  readonly logger: Logger;
  readonly metrics: ApiMetrics;
  close(): Promise<void>;
}

/** Answers Node gives a connection whose bytes broke the HTTP parser (anything else gets 400). */
const CLIENT_ERROR_ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * A connection failed outside any request handler: a reset, or bytes that are not HTTP. With a listener
 * here Node no longer answers by itself, so do what it would (an error line to a peer that is still
 * listening and has no response under way) and log it.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket, logger: Logger): void {
  logger.debug({ err }, 'client connection failed');
  // Node keeps the response being written on the socket; an error line must not land inside it.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
    socket.write(`HTTP/1.1 ${CLIENT_ERROR_ANSWERS[err.code ?? ''] ?? '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
  }
  socket.destroy();
}

export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const opts: ResolvedApiServerOptions = resolveOptions(options);
  const logger = opts.logger;
  const ownsStorage = !opts.storage;
  const storage = opts.storage ?? createStorage({ etcdServers: opts.etcdServers, snapshotFile: opts.snapshotFile, logger });
  const hub = new WatchHub(storage, allResources(), { windowSize: opts.watchWindowSize, catchUpTimeoutMs: 3000 }, logger);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  try {
    await hub.start();
    const ctx: ApiContext = {
      store: new ObjectStore(storage),
      hub,
      ips: new ServiceIpAllocator(storage, opts.serviceClusterIpRange),
      logger,
      watch: {
        bookmarkIntervalMs: opts.watchBookmarkIntervalMs,
        minRequestTimeoutSeconds: opts.minRequestTimeoutSeconds,
        maxBufferedBytes: 16 * 1024 * 1024,
      },
      admission: {
        notReadyTolerationSeconds: opts.defaultNotReadyTolerationSeconds,
        unreachableTolerationSeconds: opts.defaultUnreachableTolerationSeconds,
      },
      now: () => new Date(),
    };
    const metrics = new ApiMetrics(() => hub.totalWatchers());
    const state = { ready: false, inflight: 0, maxInflight: opts.maxRequestsInflight };
    const app = express();
    app.disable('x-powered-by');
    app.disable('etag');
    app.use((req: Request, res: Response) => {
      void handleHttp(ctx, metrics, state, req, res);
    });
    const srv = createServer(app);
    server = srv;
    srv.keepAliveTimeout = 65_000;
    srv.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    srv.on('clientError', (err: NodeJS.ErrnoException, s: Socket) => answerClientError(err, s, logger));
    const wss = new WebSocketServer({
      noServer: true,
      // Kubernetes' watch subprotocols: plain frames, or each frame base64-encoded for browsers.
      handleProtocols: (protocols) => (protocols.has('base64.binary.k8s.io') ? 'base64.binary.k8s.io' : protocols.has('binary.k8s.io') ? 'binary.k8s.io' : false),
    });
    srv.on('upgrade', (req, socket, head) => handleUpgrade(ctx, wss, req, socket as Socket, head));
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(opts.port, opts.bindAddress, () => resolve());
    });
    // After listen an error (running out of descriptors on accept, say) is logged; it must not end the process.
    srv.on('error', (err) => logger.error({ err }, 'HTTP server error'));
    const port = (srv.address() as AddressInfo).port;
    await bootstrap(ctx, port);
    const stopCompactor = startCompactor(storage, opts.compactionIntervalMs, logger);
    state.ready = true;
    const host = opts.bindAddress === '0.0.0.0' || opts.bindAddress === '::' ? '127.0.0.1' : opts.bindAddress;
    const url = `http://${host}:${port}`;
    logger.info({ url, storage: storage.backend }, 'apiserver listening');
    let closed = false;
    return {
      url,
      port,
      storage,
      logger,
      metrics,
      async close() {
        if (closed) return;
        closed = true;
        state.ready = false;
        stopCompactor();
        await hub.stop();
        wss.close();
        await new Promise<void>((resolve) => {
          srv.close(() => resolve());
          for (const s of sockets) s.destroy();
        });
        if (ownsStorage) await storage.close();
      },
    };
  } catch (e) {
    await hub.stop().catch(() => undefined);
    server?.close();
    if (ownsStorage) await storage.close().catch(() => undefined);
    throw e;
  }
}
