/** /healthz, /readyz and /metrics on the scheduler's own port (kube-scheduler serves them on 10259). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HealthServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HealthServerOptions {
  port: number;
  bindAddress: string;
  registry: Registry;
  /** Ready once the caches have synced. */
  ready: () => boolean;
}

export function startHealthServer(opts: HealthServerOptions): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const text = (code: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(code, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'method not allowed\n');
    if (path === '/healthz' || path === '/livez') return text(200, 'ok');
    if (path === '/readyz') return opts.ready() ? text(200, 'ok') : text(500, 'caches not synced\n');
    if (path === '/metrics') {
      opts.registry.metrics().then(
        (body) => text(200, body, opts.registry.contentType),
        (err: unknown) => text(500, `metrics failed: ${err instanceof Error ? err.message : String(err)}\n`),
      );
      return;
    }
    text(404, 'not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.bindAddress, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = opts.bindAddress.includes(':') ? `[${opts.bindAddress}]` : opts.bindAddress;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
