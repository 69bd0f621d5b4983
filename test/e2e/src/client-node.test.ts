/**
 * The official @kubernetes/client-node against tinykube's apiserver on etcd: a pod informer (run in its
 * own node process, see fixtures/client-node-informer.mjs) sees what another client does, and relists
 * when the server answers its resumed watch with 410 Expired.
 *
 * To force the 410 the informer talks to the apiserver through a small TCP proxy owned by the test. The
 * proxy cuts the informer's connections and holds its reconnect (a network blip) while more pod writes
 * than the watch window holds (watchWindowSize 5) go straight to the apiserver; when the proxy lets the
 * reconnect through, the informer resumes from a resourceVersion the window no longer covers.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { apiRequest, startTestApiServer, type TestApiServer, waitFor } from '@tinykube/testing';

const FIXTURE = path.resolve(__dirname, '../fixtures/client-node-informer.mjs');
const WINDOW = 5;
const LINE_TIMEOUT_MS = 15_000;

interface InformerLine {
  event: string;
  name?: string;
  rv?: string;
  call?: number;
  names?: string[];
  message?: string;
  code?: number;
}

/** The informer child process: its stdout lines, parsed, and a deadline-based way to wait for one. */
class InformerProcess {
  readonly lines: InformerLine[] = [];
  private stderr = '';
  private exit?: string;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (text) => {
      this.lines.push(JSON.parse(text) as InformerLine);
      this.notify();
    });
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    child.on('exit', (code, signal) => {
      this.exit = `exited with ${code ?? signal}`;
      this.notify();
    });
  }

  static start(serverUrl: string, namespace: string): InformerProcess {
    return new InformerProcess(spawn(process.execPath, [FIXTURE, serverUrl, namespace], { stdio: 'pipe' }));
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves with the first line at index >= `from` that matches; fails at the deadline or if the child exits. */
  waitForLine(match: (l: InformerLine) => boolean, what: string, from = 0, timeoutMs = LINE_TIMEOUT_MS): Promise<InformerLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.slice(from).find(match);
        if (found) return done(() => resolve(found));
        if (this.exit) return done(() => reject(this.failure(`informer ${this.exit} before ${what}`)));
      };
      const timer = setTimeout(() => done(() => reject(this.failure(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** The informer's cache (pod names, sorted), asked over stdin. */
  async cachedNames(): Promise<string[]> {
    const from = this.lines.length;
    this.child.stdin.write('dump\n');
    const line = await this.waitForLine((l) => l.event === 'cache', 'the cache dump', from);
    return line.names ?? [];
  }

  count(event: string, name?: string): number {
    return this.lines.filter((l) => l.event === event && (name === undefined || l.name === name)).length;
  }

  private failure(message: string): Error {
    return new Error(`${message}\nstdout lines:\n${this.lines.map((l) => JSON.stringify(l)).join('\n')}\nstderr:\n${this.stderr}`);
  }

  /** Stops the child by its pid and waits until it is gone. */
  async kill(): Promise<void> {
    if (this.exit || this.child.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await gone;
  }
}

/**
 * A TCP proxy in front of the apiserver that can cut every connection and hold new ones (the client
 * sees its watch break and its reconnect hang) until released. It also keeps what the server answered,
 * so the test can check that a 410 ERROR event really went back to the client.
 */
class BlipProxy {
  private holding = false;
  private readonly held: net.Socket[] = [];
  private readonly open = new Set<net.Socket>();
  readonly requests: string[] = [];
  readonly responses: string[] = [];

  private constructor(
    private readonly server: net.Server,
    private readonly upstreamPort: number,
  ) {
    server.on('connection', (client) => {
      this.open.add(client);
      client.on('close', () => this.open.delete(client));
      client.on('error', () => client.destroy());
      if (this.holding) this.held.push(client);
      else this.forward(client);
    });
  }

  static async start(upstreamUrl: string): Promise<BlipProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new BlipProxy(server, Number(new URL(upstreamUrl).port));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  private forward(client: net.Socket): void {
    const upstream = net.connect(this.upstreamPort, '127.0.0.1');
    this.open.add(upstream);
    const request = this.requests.push('') - 1;
    const response = this.responses.push('') - 1;
    client.on('data', (d: Buffer) => (this.requests[request] += d.toString()));
    upstream.on('data', (d: Buffer) => (this.responses[response] += d.toString()));
    client.pipe(upstream);
    upstream.pipe(client);
    upstream.on('close', () => {
      this.open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  }

  /** Breaks every open connection and holds new ones. */
  cutAndHold(): void {
    this.holding = true;
    for (const s of [...this.open]) s.destroy();
  }

  get heldCount(): number {
    return this.held.filter((s) => !s.destroyed).length;
  }

  /** Lets held and new connections through to the apiserver. */
  release(): void {
    this.holding = false;
    for (const s of this.held.splice(0)) if (!s.destroyed) this.forward(s);
  }

  async close(): Promise<void> {
    for (const s of [...this.open]) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function pod(name: string): unknown {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } };
}

describe('@kubernetes/client-node informer against tinykube (etcd)', () => {
  let api: TestApiServer;
  let informer: InformerProcess | undefined;
  let proxy: BlipProxy | undefined;
  let nsCounter = 0;

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd', watchWindowSize: WINDOW });
  });

  afterAll(async () => {
    await api?.stop();
  });

  afterEach(async () => {
    await informer?.kill();
    informer = undefined;
    await proxy?.close();
    proxy = undefined;
  });

  const expectStatus = async (p: Promise<{ status: number; text: string }>, want: number) => {
    const res = await p;
    if (res.status !== want) throw new Error(`expected HTTP ${want}, got ${res.status}: ${res.text}`);
  };

  async function freshNamespace(): Promise<string> {
    const ns = `informer-${process.pid}-${++nsCounter}`;
    await expectStatus(apiRequest(api.url, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } }), 201);
    return ns;
  }

  const createPod = (ns: string, name: string) =>
    expectStatus(apiRequest(api.url, `/api/v1/namespaces/${ns}/pods`, { method: 'POST', body: pod(name) }), 201);
  const labelPod = (ns: string, name: string, value: string) =>
    expectStatus(
      apiRequest(api.url, `/api/v1/namespaces/${ns}/pods/${name}`, {
        method: 'PATCH',
        body: { metadata: { labels: { step: value } } },
        contentType: 'application/merge-patch+json',
      }),
      200,
    );
  const deletePod = (ns: string, name: string) => expectStatus(apiRequest(api.url, `/api/v1/namespaces/${ns}/pods/${name}`, { method: 'DELETE' }), 200);

  async function serverPodNames(ns: string): Promise<string[]> {
    const res = await apiRequest<{ items: Array<{ metadata: { name: string } }> }>(api.url, `/api/v1/namespaces/${ns}/pods`);
    return res.body.items.map((p) => p.metadata.name).sort();
  }

  const is = (event: string, name?: string) => (l: InformerLine) => l.event === event && (name === undefined || l.name === name);

  it('sees add, update and delete made by another client', async () => {
    const ns = await freshNamespace();
    informer = InformerProcess.start(api.url, ns);
    await informer.waitForLine(is('started'), 'the informer to start');

    await createPod(ns, 'p1');
    const added = await informer.waitForLine(is('add', 'p1'), 'add p1');

    await labelPod(ns, 'p1', 'one');
    const updated = await informer.waitForLine(is('update', 'p1'), 'update p1');
    expect(Number(updated.rv)).toBeGreaterThan(Number(added.rv));

    await deletePod(ns, 'p1');
    await informer.waitForLine(is('delete', 'p1'), 'delete p1');

    expect(await informer.cachedNames()).toEqual([]);
    expect([informer.count('add', 'p1'), informer.count('update', 'p1'), informer.count('delete', 'p1')]).toEqual([1, 1, 1]);
    expect(informer.count('list')).toBe(1);
    expect(informer.count('error')).toBe(0);
  });

  it('relists after the server answers its resumed watch with 410 Expired', async () => {
    const ns = await freshNamespace();
    proxy = await BlipProxy.start(api.url);
    informer = InformerProcess.start(proxy.url, ns);
    await informer.waitForLine(is('started'), 'the informer to start');

    await createPod(ns, 'keep');
    await createPod(ns, 'gone');
    await informer.waitForLine(is('add', 'keep'), 'add keep');
    const lastSeen = await informer.waitForLine(is('add', 'gone'), 'add gone');

    // The blip: the informer's watch breaks and its reconnect waits while more pod changes than the
    // watch window keeps happen, so its resume resourceVersion falls out of the window.
    proxy.cutAndHold();
    const blipStart = informer.lines.length;
    const missed = ['m1', 'm2', 'm3', 'm4'];
    for (const name of missed) await createPod(ns, name);
    await labelPod(ns, 'keep', 'during-blip');
    await deletePod(ns, 'gone');
    // 6 pod events after the informer's last one: at least one has left the window of 5.
    // Wait for the informer's own reconnect (at once, or after its error-restart delay) so the
    // resume below is the one it made with its old resourceVersion.
    const blipProxy = proxy;
    await waitFor(() => blipProxy.heldCount > 0, { timeoutMs: LINE_TIMEOUT_MS, description: 'the informer to reconnect after the cut' });
    proxy.release();

    // 410 -> relist: 'gone' is deleted, 'keep' updated, the missed pods added, all from the new list.
    await informer.waitForLine(is('listed'), 'the relist after 410', blipStart);
    await informer.waitForLine(is('delete', 'gone'), 'delete gone (found missing by the relist)', blipStart);
    await informer.waitForLine(is('update', 'keep'), 'update keep (changed in the relist)', blipStart);
    for (const name of missed) await informer.waitForLine(is('add', name), `add ${name}`, blipStart);

    // The server really answered the resumed watch with an ERROR event carrying 410 Expired.
    const resumeQuery = `resourceVersion=${lastSeen.rv}`;
    const resumedAt = proxy.requests.findIndex((r) => r.includes('watch=true') && r.includes(resumeQuery));
    expect(resumedAt).toBeGreaterThanOrEqual(0);
    expect(proxy.responses[resumedAt]).toMatch(/"type":"ERROR"/);
    expect(proxy.responses[resumedAt]).toMatch(/"code":410/);
    expect(proxy.responses[resumedAt]).toMatch(/"reason":"Expired"/);

    // The watch after the relist works: a pod created now is seen once, as an add.
    await createPod(ns, 'after');
    await informer.waitForLine(is('add', 'after'), 'add after (through the new watch)', blipStart);

    expect(await informer.cachedNames()).toEqual(await serverPodNames(ns));
    expect(await informer.cachedNames()).toEqual(['after', 'keep', 'm1', 'm2', 'm3', 'm4']);
    expect(informer.count('list')).toBe(2);
    for (const name of ['keep', 'gone', ...missed, 'after']) expect(informer.count('add', name)).toBe(1);
    expect(informer.count('delete')).toBe(1);
  });
});

