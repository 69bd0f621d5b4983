/**
 * Shared by the chain-*.test.ts suites: a real cluster (etcd, apiserver, scheduler, controller manager,
 * node agents on the process runtime, each its own process) from `startLocalCluster`, a client and
 * kubectl-lite pointed at it, and the small pod/condition helpers every suite needs.
 */
import type { KubeObject, Node, Pod } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { startLocalCluster, type LocalCluster, type LocalClusterOptions } from '@tinykube/kubectl-lite';
import { CriClient } from '@tinykube/runtime';
import { makeTempDir, startEtcd, waitFor, type EtcdHandle, type TempDir } from '@tinykube/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeKubeconfig } from './kubectl';
import { KubectlLite } from './kubectl-lite-harness';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'chain');

/** Deadline for one end-to-end condition on a loaded 2-core machine. */
export const E2E_DEADLINE_MS = 45_000;

export interface ChainCluster {
  cluster: LocalCluster;
  client: KubeClient;
  kubectl: KubectlLite;
  tmp: TempDir;
  stop(): Promise<void>;
}

/**
 * Starts etcd and a local cluster on it. Everything it started is stopped by `stop()`, also what a
 * half-finished start left behind. With TINYKUBE_E2E_KEEP_LOGS=1 the components' logs stay (path printed).
 */
export async function startChainCluster(opts: Omit<LocalClusterOptions, 'apiPort' | 'etcdServers' | 'workDir'>): Promise<ChainCluster> {
  const tmp = await makeTempDir('tinykube-chain-');
  let etcd: EtcdHandle | undefined;
  let cluster: LocalCluster | undefined;
  let client: KubeClient | undefined;
  const stop = async () => {
    client?.close();
    await cluster?.stop();
    await etcd?.stop();
    // Pods run detached from their runtime: anything still running in our directory leaked. Kill it
    // (so the machine stays clean), then fail loudly.
    const leaked = processesIn(tmp.path);
    for (const { pid } of leaked) process.kill(pid, 'SIGKILL');
    if (process.env.TINYKUBE_E2E_KEEP_LOGS === '1') process.stderr.write(`chain e2e logs kept in ${tmp.path}\n`);
    else await tmp.cleanup();
    if (leaked.length > 0) throw new Error(`processes left running after stop: ${leaked.map((l) => `${l.pid} (${l.cmdline})`).join(', ')}`);
  };
  try {
    etcd = await startEtcd();
    cluster = await startLocalCluster({ ...opts, apiPort: 0, etcdServers: [etcd.endpoint], workDir: join(tmp.path, 'cluster') });
    client = new KubeClient(cluster.url);
    const kubectl = new KubectlLite(await writeKubeconfig(tmp.path, cluster.url), tmp.path);
    return { cluster, client, kubectl, tmp, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Processes whose working directory or command line is inside `dir`, read from /proc. */
export function processesIn(dir: string): Array<{ pid: number; cmdline: string }> {
  const out: Array<{ pid: number; cmdline: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${entry}/cwd`);
      } catch {
        // another user's process, or gone
      }
      if (cwd.startsWith(dir) || cmdline.includes(dir)) out.push({ pid: Number(entry), cmdline });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

export function isReady(p: Pod): boolean {
  return p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function nodeIsReady(n: Node): boolean {
  return (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Pods of a namespace matching a label selector that are not being deleted. */
export async function livePods(client: KubeClient, namespace: string, labelSelector: string): Promise<Pod[]> {
  const list = await client.resource<Pod>('pods', namespace).list({ labelSelector });
  return list.items.filter((p) => !p.metadata.deletionTimestamp);
}

/** Waits until exactly `count` live pods match and every one is Running and Ready; returns them. */
export async function waitForReadyPods(client: KubeClient, namespace: string, labelSelector: string, count: number, description: string): Promise<Pod[]> {
  return waitFor(
    async () => {
      const pods = await livePods(client, namespace, labelSelector);
      return pods.length === count && pods.every(isReady) ? pods : undefined;
    },
    { timeoutMs: E2E_DEADLINE_MS, intervalMs: 200, description },
  );
}

/** A pod that only sleeps: on the process runtime, one cheap host process. */
export function sleeperPod(name: string, spec: Partial<Pod['spec']> = {}, labels: Record<string, string> = { app: name }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: {
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      terminationGracePeriodSeconds: 2,
      ...spec,
    },
  };
}

/** A Deployment of sleepers (process runtime). */
export function sleeperDeployment(name: string, replicas: number, podSpec: Partial<Pod['spec']> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }], terminationGracePeriodSeconds: 2, ...podSpec },
      },
    },
  };
}

export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export interface ExtraNode {
  name: string;
  stop(): Promise<void>;
}

function binOf(pkg: string, bin: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', `${bin}.js`);
}

function spawnLogged(script: string, args: string[], logFile: string): ChildProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' } });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.on('exit', () => log.end());
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Adds a node to a running cluster the way an operator would: a new tinykube-runtime and node agent
 * pair (the same flags `startLocalCluster` gives its nodes), registering itself with the apiserver.
 * `stop()` removes its pods' processes, then stops both.
 */
export async function startExtraNode(
  c: ChainCluster,
  name: string,
  opts: { podIpRange: string; labels?: string; taints?: string; capacity?: string },
): Promise<ExtraNode> {
  const dir = join(c.tmp.path, name);
  mkdirSync(dir, { recursive: true });
  const endpoint = `unix://${join(dir, 'runtime.sock')}`;
  const runtime = spawnLogged(binOf('@tinykube/runtime', 'tinykube-runtime'), ['--listen', endpoint, '--root', join(dir, 'runtime'), '--pod-ip-range', opts.podIpRange], join(dir, 'runtime.log'));
  let agent: ChildProcess | undefined;
  const stop = async () => {
    if (agent) await stopChild(agent);
    const cri = new CriClient(endpoint, { timeoutMs: 10_000 });
    try {
      const { items } = await cri.listPodSandbox({});
      for (const sandbox of items) {
        await cri.stopPodSandbox({ podSandboxId: sandbox.id }).catch(() => undefined);
        await cri.removePodSandbox({ podSandboxId: sandbox.id }).catch(() => undefined);
      }
    } catch {
      // the runtime is not up: it started nothing
    } finally {
      cri.close();
    }
    await stopChild(runtime);
  };
  try {
    await waitFor(() => existsSync(join(dir, 'runtime.sock')), { timeoutMs: 20_000, description: `${name}'s runtime socket (log: ${dir}/runtime.log)` });
    const args = ['--server', c.cluster.url, '--port', '0', '--node-name', name, '--container-runtime-endpoint', endpoint, '--root-dir', join(dir, 'agent'), '--node-ip', '127.0.0.1'];
    if (opts.labels) args.push('--node-labels', opts.labels);
    if (opts.taints) args.push('--register-with-taints', opts.taints);
    if (opts.capacity) args.push('--capacity', opts.capacity);
    agent = spawnLogged(binOf('@tinykube/node-agent', 'tinykube-node-agent'), args, join(dir, 'agent.log'));
    return { name, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
