/**
 * The docker-compose lab end to end, as a user meets it: build the image (scripts/lab-image.sh
 * --local-base: no registry here), `docker-compose up -d` under a project name of its own, three node
 * containers Ready, a Deployment of 6 applied with the real kubectl spread over all three, one node
 * container stopped and its pods rescheduled on the other two (lab timings: NotReady 10 s after the last
 * heartbeat, evicted 5 s later). Everything the project created is removed afterwards, also on failure.
 *
 * Needs a Docker engine and docker-compose (scripts/install-system-deps.sh installs and starts them).
 */
import type { Node, Pod } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { freePort, makeTempDir, waitFor, type TempDir } from '@tinykube/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { kubectl, writeKubeconfig } from './kubectl';

const root = join(__dirname, '..', '..', '..');
const fixture = (name: string) => join(__dirname, '..', 'fixtures', 'lab', name);
// Lower-case letters, digits and dashes: what both compose implementations accept as a project name.
const project = `tinykube-lab-${process.pid}-${Date.now().toString(36)}`;
const NODES = ['node-1', 'node-2', 'node-3'];

class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly stderr: string,
    cause: unknown,
  ) {
    super(`${command} failed: ${stderr.trim().split('\n').slice(-15).join('\n') || String(cause)}`);
    this.name = 'CommandError';
  }
}

function run(file: string, args: string[], opts: { env?: Record<string, string>; timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: root, env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => (err ? reject(new CommandError(`${file} ${args.join(' ')}`, stderr, err)) : resolve(stdout)),
    );
  });
}

/** Debian's docker-compose (1.29) when it is there, else the compose plugin (`docker compose`). */
async function findCompose(): Promise<string[]> {
  try {
    await run('docker-compose', ['version'], { timeoutMs: 30_000 });
    return ['docker-compose'];
  } catch {
    await run('docker', ['compose', 'version'], { timeoutMs: 30_000 });
    return ['docker', 'compose'];
  }
}

const isReady = (node: Node) => node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const isRunning = (pod: Pod) => pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp;

describe('the docker-compose lab', () => {
  let composeCmd: string[] = [];
  let apiPort = 0;
  let client: KubeClient | undefined;
  let tmp: TempDir | undefined;
  let kubeconfig = '';

  const compose = (args: string[], timeoutMs = 120_000) =>
    run(composeCmd[0], [...composeCmd.slice(1), '-p', project, '-f', join(root, 'docker-compose.yml'), ...args], {
      env: { TINYKUBE_API_PORT: String(apiPort) },
      timeoutMs,
    });
  const api = () => {
    if (!client) throw new Error('the lab did not come up');
    return client;
  };
  const listPods = async () => (await api().resource<Pod>('pods', 'default').list({ labelSelector: 'app=sleepers' })).items;

  /** A failed wait says what the cluster looked like and what the control plane logged, for the CI log. */
  async function explained<T>(wait: Promise<T>): Promise<T> {
    try {
      return await wait;
    } catch (err) {
      const state = await Promise.all([
        kubectl('1.33', kubeconfig, ['get', 'nodes,pods', '-o', 'wide']).then((r) => r.stdout + r.stderr),
        compose(['logs', '--no-color', '--tail', '25', 'controller-manager', 'scheduler']),
      ]).catch((e: unknown) => [`(no diagnostics: ${String(e)})`]);
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n${state.join('\n')}`);
    }
  }

  beforeAll(async () => {
    composeCmd = await findCompose();
    await run('bash', ['scripts/lab-image.sh', '--local-base'], { timeoutMs: 300_000 });
    apiPort = await freePort();
    tmp = await makeTempDir('tinykube-lab-');
    const server = `http://127.0.0.1:${apiPort}`;
    kubeconfig = await writeKubeconfig(tmp.path, server);
    await compose(['up', '-d']);
    client = new KubeClient(server);
  }, 420_000);

  afterAll(async () => {
    client?.close();
    if (composeCmd.length > 0) {
      await compose(['down', '--volumes', '--remove-orphans', '--timeout', '1']).catch((err: unknown) => console.error(String(err)));
      // `down` removes them; these only matter when it failed half-way.
      for (const [kind, name] of [['network', `${project}_lab`], ['volume', `${project}_etcd-data`]]) {
        await run('docker', [kind, 'rm', name], { timeoutMs: 30_000 }).catch(() => undefined);
      }
    }
    await tmp?.cleanup();
  }, 120_000);

  it('registers the three node containers, all Ready', async () => {
    const nodes = await explained(
      waitFor(
        async () => {
          const items = (await api().resource<Node>('nodes').list()).items;
          return items.length === NODES.length && items.every(isReady) && items;
        },
        { timeoutMs: 90_000, intervalMs: 500, description: 'three Ready nodes' },
      ),
    );
    expect(nodes.map((n) => n.metadata.name).sort()).toEqual(NODES);
    // Each registered with its own container address on the compose network.
    const addresses = nodes.map((n) => n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address);
    expect(new Set(addresses).size).toBe(NODES.length);
    expect(addresses.every((a) => a !== undefined && !a.startsWith('127.'))).toBe(true);
  }, 120_000);

  it('spreads a Deployment of 6 over the three node containers', async () => {
    const applied = await kubectl('1.33', kubeconfig, ['apply', '-f', fixture('sleepers.yaml')]);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('deployment.apps/sleepers created');

    const pods = await explained(
      waitFor(
        async () => {
          const items = await listPods();
          return items.length === 6 && items.every(isRunning) && items;
        },
        { timeoutMs: 90_000, intervalMs: 500, description: '6 sleepers Running' },
      ),
    );
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBe(3);
    // The runtime of node-N hands out 127.N.x.y: each pod really runs in its node's container.
    for (const pod of pods) {
      expect(`${pod.spec?.nodeName}: ${pod.status?.podIP}`).toMatch(/^node-(\d): 127\.\1\.\d+\.\d+$/);
    }
  }, 120_000);

  it('reschedules the pods of a stopped node container on the other two', async () => {
    const before = await listPods();
    const onNode2 = before.filter((p) => p.spec?.nodeName === 'node-2').map((p) => p.metadata.name);
    expect(onNode2.length).toBeGreaterThan(0);

    await compose(['stop', '--timeout', '1', 'node-2']);

    const after = await explained(
      waitFor(
        async () => {
          const running = (await listPods()).filter(isRunning);
          return running.length === 6 && running.every((p) => p.spec?.nodeName !== 'node-2') && running;
        },
        { timeoutMs: 90_000, intervalMs: 500, description: '6 sleepers Running on node-1 and node-3' },
      ),
    );
    expect(new Set(after.map((p) => p.spec?.nodeName))).toEqual(new Set(['node-1', 'node-3']));
    const node2 = await api().resource<Node>('nodes').get('node-2');
    expect(isReady(node2)).toBe(false);
    expect(node2.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unreachable:NoExecute');
    // The evicted pods are the ones that ran there: deleted, waiting for a node agent that is gone.
    const evicted = (await listPods()).filter((p) => onNode2.includes(p.metadata.name));
    expect(evicted.every((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true);
  }, 120_000);
});
