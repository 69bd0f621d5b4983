/**
 * A client that resets its connection (TCP RST) ends that connection only: the apiserver keeps serving,
 * and a watch it was serving is let go. Each case speaks raw TCP so the test controls exactly when the
 * reset happens: after an upgrade the server refused (the official Python client's `stream` exec), in the
 * middle of a WebSocket watch, in the middle of a chunked HTTP watch, and on bytes that are not HTTP.
 */
import { apiRequest, startTestApiServer, waitFor, type TestApiServer } from '@tinykube/testing';
import net from 'node:net';
import { configMap } from './fixtures';

/** A raw connection to the apiserver that collects what it receives. */
class RawClient {
  private received = Buffer.alloc(0);
  private closed = false;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.received = Buffer.concat([this.received, d]);
      this.notify();
    });
    // The server may close first; that is an answer too, not a test failure.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
  }

  static async connect(baseUrl: string): Promise<RawClient> {
    const { hostname, port } = new URL(baseUrl);
    const socket = net.connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawClient(socket);
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  send(text: string): void {
    this.socket.write(text);
  }

  get text(): string {
    return this.received.toString('latin1');
  }

  /** Resolves once the received bytes contain `marker`; fails at the deadline or if the server closes first. */
  waitForText(marker: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.text.includes(marker)) return done(resolve);
        if (this.closed) return done(() => reject(new Error(`connection closed before "${marker}"; got: ${this.text}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no "${marker}" within ${timeoutMs} ms; got: ${this.text}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends a TCP RST instead of a FIN: what a killed client or a dropped NAT entry looks like to the server. */
  reset(): void {
    this.socket.resetAndDestroy();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

function upgradeRequest(path: string, protocol: string): string {
  return [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Key: ${Buffer.from('tinykube-reset-t').toString('base64')}`,
    `Sec-WebSocket-Protocol: ${protocol}`,
    '',
    '',
  ].join('\r\n');
}

describe('connections reset by the client', () => {
  let api: TestApiServer;
  let ns = 0;
  const clients: RawClient[] = [];

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'memory' });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function connect(): Promise<RawClient> {
    const c = await RawClient.connect(api.url);
    clients.push(c);
    return c;
  }

  async function namespaceWithConfigMap(): Promise<string> {
    const name = `resets-${++ns}`;
    expect((await apiRequest(api.url, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } })).status).toBe(201);
    expect((await apiRequest(api.url, `/api/v1/namespaces/${name}/configmaps`, { method: 'POST', body: configMap('first') })).status).toBe(201);
    return name;
  }

  async function watchers(): Promise<number> {
    const metrics = await apiRequest<string>(api.url, '/metrics');
    const line = metrics.text.split('\n').find((l) => l.startsWith('apiserver_registered_watchers '));
    return Number(line?.split(' ')[1]);
  }

  async function expectHealthy(): Promise<void> {
    const health = await apiRequest(api.url, '/healthz');
    expect(health.status).toBe(200);
    expect(health.text).toBe('ok');
  }

  const execPath = '/api/v1/namespaces/default/pods/some-pod/exec?command=ls&stdin=true&stdout=true&stderr=true&tty=false';

  it('stays up when a refused upgrade (a pods/exec stream) is reset after the answer', async () => {
    const c = await connect();
    c.send(upgradeRequest(execPath, 'v4.channel.k8s.io'));
    await c.waitForText('"kind":"Status"');
    expect(c.text).toMatch(/^HTTP\/1\.1 4\d\d /);
    c.reset();
    await expectHealthy();
  });

  it('stays up when a refused upgrade is reset before the server answers', async () => {
    for (let i = 0; i < 20; i++) {
      const c = await connect();
      c.send(upgradeRequest(execPath, 'v4.channel.k8s.io'));
      c.reset();
    }
    await expectHealthy();
  });

  it('stays up and lets the watch go when a WebSocket watch is reset mid-stream', async () => {
    const name = await namespaceWithConfigMap();
    const before = await watchers();
    const c = await connect();
    c.send(upgradeRequest(`/api/v1/namespaces/${name}/configmaps?watch=true`, 'binary.k8s.io'));
    await c.waitForText('HTTP/1.1 101');
    // The initial ADDED event of the existing ConfigMap arrives as a WebSocket frame.
    await c.waitForText('"type":"ADDED"');
    expect(await watchers()).toBe(before + 1);
    c.reset();
    await waitFor(async () => (await watchers()) === before, { description: 'the reset WebSocket watch to be unregistered' });
    await expectHealthy();
  });

  it('stays up and lets the watch go when a chunked HTTP watch is reset mid-stream', async () => {
    const name = await namespaceWithConfigMap();
    const before = await watchers();
    const c = await connect();
    c.send(`GET /api/v1/namespaces/${name}/configmaps?watch=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    await c.waitForText('"type":"ADDED"');
    expect(c.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(await watchers()).toBe(before + 1);
    c.reset();
    await waitFor(async () => (await watchers()) === before, { description: 'the reset HTTP watch to be unregistered' });
    // The stream is gone; a write to the namespace must not trip over it.
    expect((await apiRequest(api.url, `/api/v1/namespaces/${name}/configmaps`, { method: 'POST', body: configMap('after-reset') })).status).toBe(201);
    await expectHealthy();
  });

  it('answers 400 to bytes that are not HTTP and stays up', async () => {
    const c = await connect();
    c.send('this is not HTTP\r\n\r\n');
    await c.waitForText('HTTP/1.1 400 Bad Request');
    await expectHealthy();
  });
});
