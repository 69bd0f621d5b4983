import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeClock } from '../clock';
import { isAlreadyExists, isConflict, isGone, isNotFound, isTooManyRequests, StatusError, TransportError } from '../errors';
import { KubeClient } from './client';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A local HTTP server answering from a script, recording each request. */
async function scriptedServer(handler: Handler) {
  const requests: Array<{ method: string; url: string; body: string; contentType?: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', body, contentType: req.headers['content-type'] });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const status = (code: number, reason: string) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message: `${reason}!` });

/** Steps the fake clock whenever the client sleeps, so retries happen without real waiting. */
function autoStep(clock: FakeClock): () => void {
  let on = true;
  void (async () => {
    while (on) {
      const next = clock.nextTimerIn();
      if (next !== undefined) await clock.step(next);
      else await new Promise((r) => setTimeout(r, 1));
    }
  })();
  return () => (on = false);
}

describe('KubeClient', () => {
  it.each([
    [404, 'NotFound', isNotFound],
    [409, 'AlreadyExists', isAlreadyExists],
    [409, 'Conflict', isConflict],
    [410, 'Expired', isGone],
    [429, 'TooManyRequests', isTooManyRequests],
  ])('turns a %i %s Status into a StatusError its predicate recognises', async (code, reason, predicate) => {
    const srv = await scriptedServer((_req, _body, res) => res.writeHead(code, { 'Content-Type': 'application/json' }).end(status(code, reason)));
    const client = new KubeClient(srv.url, { maxRetries: 0 });
    try {
      const err = await client.resource('configmaps', 'default').get('x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StatusError);
      expect(predicate(err)).toBe(true);
      expect((err as StatusError).status.reason).toBe(reason);
      expect((err as StatusError).message).toBe(`${reason}!`);
    } finally {
      client.close();
      await srv.close();
    }
  });

  it('retries any verb after a 429, waiting Retry-After', async () => {
    let n = 0;
    const srv = await scriptedServer((_req, body, res) => {
      if (++n < 3) res.writeHead(429, { 'Retry-After': '2', 'Content-Type': 'application/json' }).end(status(429, 'TooManyRequests'));
      else res.writeHead(201, { 'Content-Type': 'application/json' }).end(body);
    });
    const clock = new FakeClock();
    const stop = autoStep(clock);
    const client = new KubeClient(srv.url, { clock });
    try {
      const start = clock.now();
      const created = await client.resource('configmaps', 'default').create({ metadata: { name: 'a' } });
      expect(created.metadata.name).toBe('a');
      expect(srv.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
      expect(clock.now() - start).toBe(4000);
    } finally {
      stop();
      client.close();
      await srv.close();
    }
  });

  it('retries a GET after a 503 but never a POST after a 500 or a dropped connection', async () => {
    let gets = 0;
    const srv = await scriptedServer((req, _body, res) => {
      if (req.method === 'GET' && ++gets === 1) res.writeHead(503, { 'Content-Type': 'application/json' }).end(status(503, 'ServiceUnavailable'));
      else if (req.method === 'GET') res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"metadata":{"name":"x"}}');
      else if (req.url?.includes('drop')) res.socket?.destroy();
      else res.writeHead(500, { 'Content-Type': 'application/json' }).end(status(500, 'InternalError'));
    });
    const clock = new FakeClock();
    const stop = autoStep(clock);
    const client = new KubeClient(srv.url, { clock });
    try {
      expect((await client.resource('configmaps', 'default').get('x')).metadata.name).toBe('x');
      await expect(client.resource('configmaps', 'default').create({ metadata: { name: 'y' } })).rejects.toThrow(StatusError);
      await expect(client.resource('configmaps', 'drop').create({ metadata: { name: 'z' } })).rejects.toThrow(TransportError);
      expect(srv.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST', 'POST']);
    } finally {
      stop();
      client.close();
      await srv.close();
    }
  });

  it('sends each patch type with its content type and DeleteOptions as the DELETE body', async () => {
    const srv = await scriptedServer((_req, _body, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"metadata":{}}'));
    const client = new KubeClient(srv.url);
    try {
      const pods = client.resource('pods', 'ns');
      await pods.patch('p', { metadata: { labels: { a: 'b' } } });
      await pods.patch('p', [{ op: 'remove', path: '/metadata/labels/a' }], 'json');
      await pods.patch('p', { spec: { containers: [{ name: 'c', image: 'x' }] } }, 'strategic');
      await pods.delete('p', { propagationPolicy: 'Foreground', gracePeriodSeconds: 0, preconditions: { uid: 'u1' } });
      await client.resource('deployments', 'ns').patchScale('d', { spec: { replicas: 3 } });
      expect(srv.requests.map((r) => [r.method, r.url, r.contentType])).toEqual([
        ['PATCH', '/api/v1/namespaces/ns/pods/p', 'application/merge-patch+json'],
        ['PATCH', '/api/v1/namespaces/ns/pods/p', 'application/json-patch+json'],
        ['PATCH', '/api/v1/namespaces/ns/pods/p', 'application/strategic-merge-patch+json'],
        ['DELETE', '/api/v1/namespaces/ns/pods/p', 'application/json'],
        ['PATCH', '/apis/apps/v1/namespaces/ns/deployments/d/scale', 'application/merge-patch+json'],
      ]);
      expect(JSON.parse(srv.requests[3].body)).toEqual({
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        propagationPolicy: 'Foreground',
        gracePeriodSeconds: 0,
        preconditions: { uid: 'u1' },
      });
    } finally {
      client.close();
      await srv.close();
    }
  });

  it('streams pod logs with follow, container and tailLines as the Kubernetes API names them', async () => {
    let finish: () => void = () => undefined;
    const srv = await scriptedServer((_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('line 1\n');
      finish = () => res.end('line 2\n');
    });
    const client = new KubeClient(srv.url);
    try {
      const stream = await client.resource('pods', 'default').logStream('web-1', { follow: true, container: 'app', tailLines: 10 });
      const chunks: string[] = [];
      for await (const c of stream) {
        chunks.push(c.toString());
        if (chunks.length === 1) finish();
      }
      expect(chunks.join('')).toBe('line 1\nline 2\n');
      expect(srv.requests[0].url).toBe('/api/v1/namespaces/default/pods/web-1/log?container=app&follow=true&tailLines=10');
    } finally {
      client.close();
      await srv.close();
    }
  });

  it('answers a log request the server refuses with the StatusError', async () => {
    const srv = await scriptedServer((_req, _body, res) => res.writeHead(404, { 'Content-Type': 'application/json' }).end(status(404, 'NotFound')));
    const client = new KubeClient(srv.url);
    try {
      const err = await client.resource('pods', 'default').logs('nope').catch((e: unknown) => e);
      expect(isNotFound(err)).toBe(true);
    } finally {
      client.close();
      await srv.close();
    }
  });

  it('can be pointed at another server', async () => {
    const a = await scriptedServer((_req, _body, res) => res.writeHead(200).end('{"metadata":{"name":"a"}}'));
    const b = await scriptedServer((_req, _body, res) => res.writeHead(200).end('{"metadata":{"name":"b"}}'));
    const client = new KubeClient(a.url);
    try {
      expect((await client.resource('nodes').get('n')).metadata.name).toBe('a');
      client.setServer(b.url);
      expect((await client.resource('nodes').get('n')).metadata.name).toBe('b');
      expect(b.requests[0].url).toBe('/api/v1/nodes/n');
    } finally {
      client.close();
      await a.close();
      await b.close();
    }
  });
});
