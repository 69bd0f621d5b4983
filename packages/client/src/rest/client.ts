/**
 * KubeClient: requests to one apiserver with the retry rules of client-go. A 429 means the server turned
 * the request away before doing anything, so any verb is retried after Retry-After. A GET is also retried
 * with back-off when the connection fails or the server says 5xx; a write never is, since it may have
 * been applied before the answer was lost.
 */
import type { IncomingMessage } from 'node:http';
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import { Backoff } from '../backoff';
import { realClock, sleep, type Clock } from '../clock';
import type { ClientConfig } from '../config/client-config';
import { errorFromResponse, StatusError, TransportError } from '../errors';
import { NdjsonWatch, type WatchStream } from '../watch/watch-stream';
import { WebSocketWatch } from '../watch/websocket-watch';
import { resolveResource, type ResourceTarget } from './paths';
import { ResourceClient } from './resource-client';
import { HttpTransport } from './transport';

export interface KubeClientOptions {
  clock?: Clock;
  /** Retries of one request (429s, and failed GETs); client-go's default is 10. */
  maxRetries?: number;
  /** Longest wait honoured from a Retry-After header. */
  maxRetryAfterMs?: number;
  /** Per-request timeout for requests that are not streams (default 60 s). */
  timeoutMs?: number;
  backoff?: { initialMs?: number; maxMs?: number };
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  /** Overrides the client's retry count for this request (0: never retry). */
  maxRetries?: number;
}

export type WatchTransport = 'http' | 'websocket';

export class KubeClient {
  readonly config: ClientConfig;
  readonly clock: Clock;
  private readonly transport: HttpTransport;
  private readonly opts: Required<Omit<KubeClientOptions, 'clock' | 'backoff'>> & { backoff: KubeClientOptions['backoff'] };

  constructor(config: ClientConfig | string, opts: KubeClientOptions = {}) {
    this.config = typeof config === 'string' ? { server: config, namespace: 'default' } : config;
    this.clock = opts.clock ?? realClock;
    this.transport = new HttpTransport(this.config);
    this.opts = {
      maxRetries: opts.maxRetries ?? 10,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 60_000,
      timeoutMs: opts.timeoutMs ?? 60_000,
      backoff: opts.backoff,
    };
  }

  get server(): string {
    return this.transport.server;
  }

  /** Sends later requests to another URL, e.g. a restarted apiserver; watches reconnect there. */
  setServer(server: string): void {
    this.transport.setServer(server);
  }

  /** Closes idle keep-alive connections so the process can exit. */
  close(): void {
    this.transport.close();
  }

  /** A client for one resource; `namespace` scopes it (omit for cluster-scoped kinds or all namespaces). */
  resource<T extends KubeObject = KubeObject>(target: ResourceTarget, namespace?: string): ResourceClient<T> {
    const info: ResourceInfo = resolveResource(target);
    return new ResourceClient<T>(this, info, namespace);
  }

  /** One JSON request with retries; resolves with the parsed body. */
  async request<T>(req: RequestOptions): Promise<T> {
    const res = await this.requestRaw(req);
    const text = res.toString('utf8');
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** One request with retries; resolves with the body bytes of a 2xx answer, rejects with StatusError otherwise. */
  async requestRaw(req: RequestOptions): Promise<Buffer> {
    const maxRetries = req.maxRetries ?? this.opts.maxRetries;
    const backoff = new Backoff({ initialMs: this.opts.backoff?.initialMs ?? 200, maxMs: this.opts.backoff?.maxMs ?? 10_000 });
    const body = req.body === undefined ? undefined : typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
    for (let attempt = 0; ; attempt++) {
      let failure: StatusError | TransportError;
      try {
        const res = await this.transport.request({
          method: req.method,
          path: req.path,
          body,
          signal: req.signal,
          timeoutMs: this.opts.timeoutMs,
          headers: {
            Accept: req.accept ?? 'application/json',
            ...(body !== undefined ? { 'Content-Type': req.contentType ?? 'application/json' } : {}),
          },
        });
        if (res.status >= 200 && res.status < 300) return res.body;
        failure = errorFromResponse(res.status, res.body.toString('utf8'), headerValue(res.headers['retry-after']));
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        if (req.signal?.aborted) throw e;
        failure = e;
      }
      const waitMs = this.retryDelay(req.method, failure, backoff);
      if (waitMs === undefined || attempt >= maxRetries) throw failure;
      await sleep(this.clock, waitMs, req.signal);
    }
  }

  /** How long to wait before retrying, or undefined when this failure must not be retried. */
  private retryDelay(method: string, failure: StatusError | TransportError, backoff: Backoff): number | undefined {
    if (failure instanceof StatusError && failure.code === 429) {
      return Math.min((failure.retryAfterSeconds ?? 1) * 1000, this.opts.maxRetryAfterMs);
    }
    if (method !== 'GET') return undefined;
    if (failure instanceof TransportError) return backoff.next(this.clock.now());
    if (failure.code >= 500 && failure.code !== 501) {
      return failure.retryAfterSeconds !== undefined ? Math.min(failure.retryAfterSeconds * 1000, this.opts.maxRetryAfterMs) : backoff.next(this.clock.now());
    }
    return undefined;
  }

  /** A streaming GET (logs, watches): resolves once a 2xx head arrives; never retried. */
  async stream(path: string, opts: { signal?: AbortSignal; accept?: string } = {}): Promise<IncomingMessage> {
    const res = await this.transport.open({ method: 'GET', path, signal: opts.signal, headers: { Accept: opts.accept ?? '*/*' } });
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return res;
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    throw errorFromResponse(status, Buffer.concat(chunks).toString('utf8'), headerValue(res.headers['retry-after']));
  }

  /** Opens a watch (path must carry watch=true); rejects with StatusError when the server refuses it. */
  async watch<T extends KubeObject>(path: string, opts: { signal?: AbortSignal; transport?: WatchTransport } = {}): Promise<WatchStream<T>> {
    if (opts.transport === 'websocket') {
      const url = this.server.replace(/^http/, 'ws') + path;
      try {
        const w = await WebSocketWatch.open<T>(url, { 'User-Agent': this.config.userAgent ?? 'tinykube-client', ...(this.config.bearerToken ? { Authorization: `Bearer ${this.config.bearerToken}` } : {}) });
        opts.signal?.addEventListener('abort', () => w.stop(), { once: true });
        if (opts.signal?.aborted) w.stop(); // aborted while the stream was opening
        return w;
      } catch (e) {
        const refused = e as { statusCode?: number; body?: string };
        if (typeof refused.statusCode === 'number') throw errorFromResponse(refused.statusCode, refused.body ?? '');
        throw e;
      }
    }
    const res = await this.stream(path, { signal: opts.signal, accept: 'application/json' });
    const w = new NdjsonWatch<T>(res);
    opts.signal?.addEventListener('abort', () => w.stop(), { once: true });
    if (opts.signal?.aborted) w.stop(); // aborted while the stream was opening
    return w;
  }
}

function headerValue(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}
