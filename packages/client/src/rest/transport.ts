/**
 * HTTP(S) to one apiserver with Node's own http/https: they take client certificates and a CA directly
 * and stream responses, which is all a Kubernetes client needs. Keep-alive agents are per client.
 */
import { readFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { ClientConfig } from '../config/client-config';
import { TransportError } from '../errors';

export interface HttpRequest {
  method: string;
  /** Path and query, e.g. /api/v1/pods?limit=5 (the server's own path prefix is added). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
  /** Gives up on a request with no answer after this long (not used for streams). */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export class HttpTransport {
  private base!: URL;
  private httpAgent = new http.Agent({ keepAlive: true, maxSockets: 100 });
  private httpsAgent!: https.Agent;

  constructor(private readonly config: ClientConfig) {
    this.setServer(config.server);
  }

  get server(): string {
    return this.base.toString().replace(/\/+$/, '');
  }

  /** Points later requests at another URL (a restarted or failed-over apiserver). */
  setServer(server: string): void {
    this.base = new URL(server);
    this.httpsAgent?.destroy();
    const tls = this.config.tls ?? {};
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      maxSockets: 100,
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      rejectUnauthorized: !tls.insecureSkipTlsVerify,
      servername: tls.serverName,
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private authHeaders(): Record<string, string> {
    const c = this.config;
    let token = c.bearerToken;
    if (!token && c.bearerTokenFile) {
      try {
        token = readFileSync(c.bearerTokenFile, 'utf8').trim();
      } catch (e) {
        throw new TransportError(`reading token file ${c.bearerTokenFile}: ${e instanceof Error ? e.message : String(e)}`, e);
      }
    }
    if (token) return { Authorization: `Bearer ${token}` };
    if (c.username) return { Authorization: `Basic ${Buffer.from(`${c.username}:${c.password ?? ''}`).toString('base64')}` };
    return {};
  }

  /** Sends a request and resolves with the response head; the caller reads (or destroys) the body. */
  open(req: HttpRequest): Promise<IncomingMessage> {
    const secure = this.base.protocol === 'https:';
    const prefix = this.base.pathname.replace(/\/+$/, '');
    const headers: Record<string, string> = {
      'User-Agent': this.config.userAgent ?? 'tinykube-client',
      ...this.authHeaders(),
      ...req.headers,
    };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const options: http.RequestOptions = {
      method: req.method,
      hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
      port: this.base.port || (secure ? 443 : 80),
      path: prefix + req.path,
      headers,
      agent: secure ? this.httpsAgent : this.httpAgent,
      signal: req.signal,
    };
    return new Promise<IncomingMessage>((resolve, reject) => {
      const r = (secure ? https : http).request(options, resolve);
      r.on('error', (e) => reject(new TransportError(`${req.method} ${this.server}${req.path}: ${e.message}`, e)));
      if (req.timeoutMs) {
        r.setTimeout(req.timeoutMs, () => r.destroy(new Error(`no response within ${req.timeoutMs} ms`)));
      }
      r.end(req.body);
    });
  }

  /** Sends a request and reads the whole answer. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const res = await this.open(req);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of res) chunks.push(chunk as Buffer);
    } catch (e) {
      throw new TransportError(`${req.method} ${this.server}${req.path}: response cut off: ${e instanceof Error ? e.message : String(e)}`, e);
    }
    return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
  }
}
