/**
 * An all-in-one local cluster from real processes: apiserver (embedded store unless etcd servers are
 * given), scheduler, controller manager, and per node a tinykube-runtime (process driver) with a node
 * agent. `stop()` ends every process it started and every container their runtimes started.
 */
import type { KubeObject } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { CriClient } from '@tinykube/runtime';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath, startProcess, waitUntil, type ManagedProcess } from './processes';

export interface LocalClusterOptions {
  nodes: number;
  /** etcd client URLs; empty = the apiserver's embedded store. */
  etcdServers?: string[];
  /** apiserver port on 127.0.0.1; 0 picks a free one. */
  apiPort: number;
  /** Where state and logs go; a fresh temp dir (removed on stop) when absent. */
  workDir?: string;
  /** Lab timings: how soon an unreachable node's pods move elsewhere. */
  nodeMonitorGracePeriod?: string;
  tolerationSeconds?: number;
  nodeLeaseRenew?: string;
  /** Per node (by index): what its agent registers, as the agent's flags take them. */
  nodeOptions?: Array<{ labels?: string; taints?: string; capacity?: string } | undefined>;
  /** Called as each step finishes, for the progress the command prints. */
  onStep?: (line: string) => void;
}

export interface LocalCluster {
  readonly url: string;
  /** The node agent process of each node, by node name (tests kill one to see its pods move). */
  readonly agents: Map<string, ManagedProcess>;
  /** Starts a node's agent again (after a test killed it), with the same flags. */
  restartAgent(node: string): ManagedProcess;
  readonly workDir: string;
  readonly logDir: string;
  readonly nodeNames: string[];
  readonly processes: ManagedProcess[];
  stop(): Promise<void>;
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

interface NodeStatusLike {
  conditions?: Array<{ type: string; status: string }>;
}

export async function startLocalCluster(opts: LocalClusterOptions): Promise<LocalCluster> {
  const ownsWorkDir = !opts.workDir;
  const workDir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'tinykube-up-'));
  const logDir = join(workDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const say = opts.onStep ?? (() => undefined);
  const processes: ManagedProcess[] = [];
  const sockets: string[] = [];
  const start = (name: string, pkg: string, bin: string, args: string[]) => {
    const p = startProcess(name, binPath(pkg, bin), args, join(logDir, `${name}.log`));
    processes.push(p);
    return p;
  };
  const nodeNames = Array.from({ length: opts.nodes }, (_, i) => `tinykube-node-${i + 1}`);
  const agents = new Map<string, ManagedProcess>();
  const agentArgsOf = new Map<string, string[]>();

  const stop = async () => {
    // Containers run detached from their runtime (they survive a runtime restart), so ask each
    // runtime to stop and remove its pods before the runtimes themselves go. The agents go first:
    // a running agent would start its pods again as soon as their sandboxes disappear.
    for (const p of [...processes].reverse()) if (p.name.endsWith('-agent')) await p.stop();
    for (const endpoint of sockets) await stopAllPods(endpoint).catch(() => undefined);
    for (const p of [...processes].reverse()) await p.stop();
    if (ownsWorkDir) rmSync(workDir, { recursive: true, force: true });
  };

  try {
    const apiArgs = ['--port', String(opts.apiPort), '--bind-address', '127.0.0.1'];
    if (opts.etcdServers?.length) apiArgs.push('--etcd-servers', opts.etcdServers.join(','));
    if (opts.tolerationSeconds !== undefined) {
      apiArgs.push('--default-not-ready-toleration-seconds', String(opts.tolerationSeconds), '--default-unreachable-toleration-seconds', String(opts.tolerationSeconds));
    }
    const api = start('apiserver', '@tinykube/apiserver', 'tinykube-apiserver', apiArgs);
    let url = '';
    await waitUntil(
      async () => {
        const m = /tinykube apiserver is up at (http:\/\/\S+) /.exec(await readLog(api.logFile));
        if (!m) return false;
        url = m[1];
        return (await get(`${url}/readyz`)) === 200;
      },
      'the apiserver to be ready',
      30_000,
      api,
    );
    say(`apiserver          ${url} (${opts.etcdServers?.length ? `etcd ${opts.etcdServers.join(',')}` : 'embedded store'})`);

    const common = ['--server', url, '--port', '0'];
    start('scheduler', '@tinykube/scheduler', 'tinykube-scheduler', [...common, '--leader-elect=false']);
    const cmArgs = [...common, '--leader-elect=false'];
    if (opts.nodeMonitorGracePeriod) cmArgs.push('--node-monitor-grace-period', opts.nodeMonitorGracePeriod);
    start('controller-manager', '@tinykube/controller-manager', 'tinykube-controller-manager', cmArgs);
    say('scheduler          started');
    say('controller-manager started');

    for (const [i, node] of nodeNames.entries()) {
      const dir = join(workDir, node);
      mkdirSync(dir, { recursive: true });
      const socket = join(dir, 'runtime.sock');
      const endpoint = `unix://${socket}`;
      // One loopback range per node, so pods of different nodes never share an address.
      const runtime = start(`${node}-runtime`, '@tinykube/runtime', 'tinykube-runtime', ['--listen', endpoint, '--root', join(dir, 'runtime'), '--pod-ip-range', `127.${10 + i}.0.0/16`]);
      await waitUntil(() => existsSync(socket), `${node}'s runtime socket`, 15_000, runtime);
      sockets.push(endpoint);
      const agentArgs = [...common, '--node-name', node, '--container-runtime-endpoint', endpoint, '--root-dir', join(dir, 'agent'), '--node-ip', '127.0.0.1'];
      if (opts.nodeLeaseRenew) agentArgs.push('--node-lease-renew-interval', opts.nodeLeaseRenew);
      const extra = opts.nodeOptions?.[i];
      if (extra?.labels) agentArgs.push('--node-labels', extra.labels);
      if (extra?.taints) agentArgs.push('--register-with-taints', extra.taints);
      if (extra?.capacity) agentArgs.push('--capacity', extra.capacity);
      agentArgsOf.set(node, agentArgs);
      agents.set(node, start(`${node}-agent`, '@tinykube/node-agent', 'tinykube-node-agent', agentArgs));
    }

    const client = new KubeClient(url);
    try {
      await waitUntil(
        async () => {
          const nodes = await client.resource<KubeObject>('nodes').list();
          const ready = nodes.items.filter((n) => (n.status as NodeStatusLike | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
          return ready.length >= opts.nodes;
        },
        `${opts.nodes} Ready nodes`,
        60_000,
      );
    } finally {
      client.close();
    }
    for (const node of nodeNames) say(`${node.padEnd(18)} Ready (process runtime)`);
    const restartAgent = (node: string): ManagedProcess => {
      const args = agentArgsOf.get(node);
      if (!args) throw new Error(`no node ${node} in this cluster`);
      const p = start(`${node}-agent`, '@tinykube/node-agent', 'tinykube-node-agent', args);
      agents.set(node, p);
      return p;
    };
    return { url, agents, restartAgent, workDir, logDir, nodeNames, processes, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function readLog(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

/** Stops and removes every pod sandbox (and so its containers) a runtime holds. */
async function stopAllPods(endpoint: string): Promise<void> {
  const cri = new CriClient(endpoint, { timeoutMs: 10_000 });
  try {
    const { items } = await cri.listPodSandbox({});
    for (const sandbox of items) {
      await cri.stopPodSandbox({ podSandboxId: sandbox.id }).catch(() => undefined);
      await cri.removePodSandbox({ podSandboxId: sandbox.id }).catch(() => undefined);
    }
  } finally {
    cri.close();
  }
}
