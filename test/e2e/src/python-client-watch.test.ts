/**
 * The official Kubernetes Python client (Debian's python3-kubernetes, installed by
 * scripts/install-system-deps.sh) against tinykube's apiserver on etcd: its Watch().stream over
 * list_namespaced_pod, which sends `watch=True` (Python's spelling of a boolean), sees a pod another client
 * creates while the watch is open. See fixtures/python/pod-watch.py.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { apiRequest, startTestApiServer, type TestApiServer, waitFor } from '@tinykube/testing';

const FIXTURE = path.resolve(__dirname, '../fixtures/python/pod-watch.py');
// Debian's interpreter, the one python3-kubernetes is installed for (a python3 earlier on PATH may not have it).
const PYTHON = '/usr/bin/python3';
const TIMEOUT_MS = 20_000;

interface WatchLine {
  event: string;
  name?: string | null;
  resourceVersion?: string;
}

/** The Python watcher as a child process: its stdout lines, its stderr, and how it ended. */
class PythonWatcher {
  readonly lines: WatchLine[] = [];
  stderr = '';
  exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (text) => this.lines.push(JSON.parse(text) as WatchLine));
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        this.exitCode = code;
        resolve();
      }),
    );
    child.on('error', (err) => (this.stderr += `spawn failed: ${err.message}`));
  }

  static start(server: string, namespace: string, pod: string): PythonWatcher {
    return new PythonWatcher(spawn(PYTHON, [FIXTURE, server, namespace, pod], { stdio: 'pipe', env: { ...process.env, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' } }));
  }

  /** Settles with `p`, or fails at once with the child's stderr if the child exits first. */
  whileRunning<T>(p: Promise<T>, what: string): Promise<T> {
    const died = this.exited.then(() => {
      throw new Error(`the Python client exited (${this.exitCode}) before ${what}\nstdout: ${JSON.stringify(this.lines)}\nstderr: ${this.stderr}`);
    });
    return Promise.race([p, died]);
  }

  waitForLine(match: (l: WatchLine) => boolean, what: string): Promise<WatchLine> {
    return this.whileRunning(waitFor(() => this.lines.find(match), { timeoutMs: TIMEOUT_MS, description: `${what} from the Python client` }), what);
  }

  async waitForExit(): Promise<number | null | undefined> {
    await this.exited;
    return this.exitCode;
  }

  async kill(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

describe('the official Python client watching pods (etcd)', () => {
  let api: TestApiServer;
  let watcher: PythonWatcher | undefined;

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
  });
  afterEach(async () => {
    await watcher?.kill();
    watcher = undefined;
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function registeredWatchers(): Promise<number> {
    const metrics = await apiRequest<string>(api.url, '/metrics');
    return Number(metrics.text.split('\n').find((l) => l.startsWith('apiserver_registered_watchers '))?.split(' ')[1]);
  }

  it('sees ADDED for a pod created while its watch=True stream is open', async () => {
    const ns = `python-watch-${process.pid}`;
    expect((await apiRequest(api.url, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } })).status).toBe(201);
    const before = await registeredWatchers();

    watcher = PythonWatcher.start(api.url, ns, 'made-during-watch');
    const listed = await watcher.waitForLine((l) => l.event === 'listed', 'the initial list');
    // The pod is created only once the apiserver serves the client's watch.
    const watching = waitFor(async () => (await registeredWatchers()) > before, { timeoutMs: TIMEOUT_MS, description: 'the Python watch to reach the apiserver' });
    await watcher.whileRunning(watching, 'its watch reached the apiserver');

    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'made-during-watch' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } };
    const created = await apiRequest<{ metadata: { resourceVersion: string } }>(api.url, `/api/v1/namespaces/${ns}/pods`, { method: 'POST', body: pod });
    expect(created.status).toBe(201);

    const added = await watcher.waitForLine((l) => l.event === 'ADDED' && l.name === 'made-during-watch', 'ADDED made-during-watch');
    expect(added.resourceVersion).toBe(created.body.metadata.resourceVersion);
    expect(Number(added.resourceVersion)).toBeGreaterThan(Number(listed.resourceVersion));
    expect(await watcher.waitForExit()).toBe(0);
    expect(watcher.lines.filter((l) => l.event === 'ADDED').map((l) => l.name)).toEqual(['made-during-watch']);
    expect(watcher.lines[watcher.lines.length - 1]).toEqual({ event: 'done' });
  });
});
