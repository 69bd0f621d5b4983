'use strict';
/**
 * A whole tinykube cluster from real processes for the chain benchmarks (pod-startup, reschedule): etcd,
 * the apiserver (lib/apiserver-process.js), the scheduler, the controller manager, and per node a
 * tinykube-runtime (process driver) with a node agent. Every process is registered with the bench's
 * Cleanup; the nodes go down in the one safe order: agents first (a live agent would restart the pods
 * it loses), then every pod through CRI (pods run detached from their runtime), then the runtimes.
 */
const { spawn } = require('node:child_process');
const { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CriClient } = require('@tinykube/runtime');
const { startEtcd, waitFor } = require('@tinykube/testing');
const { startApiServerProcess } = require('./apiserver-process');
const { getJson } = require('./http');
const { log } = require('./common');

const STOP_GRACE_MS = 10_000;

function binOf(pkg, bin) {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin', `${bin}.js`);
}

/** One component process, its output in `logFile`; `stop()` is SIGTERM then SIGKILL, safe to repeat. */
function startChild(cleanup, name, script, args, logFile, nodeArgs = []) {
  const out = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  exited.then(() => out.end());
  const pidGuard = cleanup.addPid(child.pid);
  const running = () => child.exitCode === null && child.signalCode === null;
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (running()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      pidGuard.done();
    })();
    return stopping;
  };
  return { name, pid: child.pid, logFile, exited, running, stop, tail: () => tailOf(logFile) };
}

function tailOf(file) {
  try {
    return readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '';
  }
}

/** Stops and removes every pod sandbox (and so its container processes) a runtime holds. */
async function removeAllPods(endpoint) {
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

/**
 * Starts the cluster. Options: `nodes`, `nodeMonitorGracePeriod` / `nodeMonitorPeriod` (controller
 * manager flags, e.g. '10s'), `tolerationSeconds` (the apiserver's default not-ready/unreachable
 * tolerations), `leaseRenew` (agents' Lease interval), `componentNodeArgs` (node flags for the
 * scheduler, controller manager, runtimes and agents). Resolves once every node is Ready.
 */
async function startCluster(cleanup, opts) {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'tinykube-bench-chain-'));
  cleanup.add('work dir', () => rmSync(workDir, { recursive: true, force: true }));
  const logDir = path.join(workDir, 'logs');
  mkdirSync(logDir);

  log('starting etcd');
  const etcd = await startEtcd();
  cleanup.add('etcd', () => etcd.stop());
  const apiExtra = [];
  if (opts.tolerationSeconds !== undefined) {
    apiExtra.push('--default-not-ready-toleration-seconds', String(opts.tolerationSeconds), '--default-unreachable-toleration-seconds', String(opts.tolerationSeconds));
  }
  log('starting apiserver');
  const api = await startApiServerProcess({ cleanup, etcdEndpoint: etcd.endpoint, extraArgs: apiExtra });
  const common = ['--server', api.url, '--port', '0'];
  // Node flags for every component but etcd and the apiserver (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
  const nodeArgs = (opts.componentNodeArgs ?? '').split(' ').filter(Boolean);

  const children = [];
  const child = (name, pkg, bin, args) => {
    const p = startChild(cleanup, name, binOf(pkg, bin), args, path.join(logDir, `${name}.log`), nodeArgs);
    children.push(p);
    cleanup.add(name, () => p.stop());
    return p;
  };
  log('starting scheduler and controller manager');
  const scheduler = child('scheduler', '@tinykube/scheduler', 'tinykube-scheduler', [...common, '--leader-elect=false']);
  const cmArgs = [...common, '--leader-elect=false'];
  if (opts.nodeMonitorGracePeriod) cmArgs.push('--node-monitor-grace-period', opts.nodeMonitorGracePeriod);
  if (opts.nodeMonitorPeriod) cmArgs.push('--node-monitor-period', opts.nodeMonitorPeriod);
  const controllerManager = child('controller-manager', '@tinykube/controller-manager', 'tinykube-controller-manager', cmArgs);

  // Nodes: started one by one, stopped together (see the header for the order).
  const nodes = [];
  cleanup.add('nodes', async () => {
    await Promise.all(nodes.map((n) => n.agent.stop()));
    for (const n of nodes) await removeAllPods(n.endpoint).catch((err) => log(`removing ${n.name}'s pods: ${err.message}`));
    await Promise.all(nodes.map((n) => n.runtime.stop()));
  });
  for (let i = 0; i < opts.nodes; i++) {
    const name = `bench-node-${i + 1}`;
    const dir = path.join(workDir, name);
    mkdirSync(dir);
    const socket = path.join(dir, 'runtime.sock');
    const endpoint = `unix://${socket}`;
    const runtime = startChild(cleanup, `${name}-runtime`, binOf('@tinykube/runtime', 'tinykube-runtime'), ['--listen', endpoint, '--root', path.join(dir, 'runtime'), '--pod-ip-range', `127.${40 + i}.0.0/16`], path.join(logDir, `${name}-runtime.log`), nodeArgs);
    const node = { name, endpoint, runtime, agent: undefined, agentArgs: undefined };
    nodes.push(node);
    await waitFor(() => existsSync(socket) || (runtime.running() ? false : Promise.reject(new Error(`${name}'s runtime exited:\n${runtime.tail()}`))), {
      timeoutMs: 30_000,
      description: `${name}'s runtime socket`,
    });
    node.agentArgs = [...common, '--node-name', name, '--container-runtime-endpoint', endpoint, '--root-dir', path.join(dir, 'agent'), '--node-ip', '127.0.0.1'];
    if (opts.leaseRenew) node.agentArgs.push('--node-lease-renew-interval', opts.leaseRenew);
    node.agent = startChild(cleanup, `${name}-agent`, binOf('@tinykube/node-agent', 'tinykube-node-agent'), node.agentArgs, path.join(logDir, `${name}-agent.log`), nodeArgs);
  }
  await waitFor(
    async () => {
      for (const p of [scheduler, controllerManager, ...nodes.map((n) => n.agent)]) if (!p.running()) throw new Error(`${p.name} exited:\n${p.tail()}`);
      const list = await getJson(api.url, '/api/v1/nodes');
      const ready = list.items.filter((n) => (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
      return ready.length === opts.nodes || undefined;
    },
    { timeoutMs: 60_000, intervalMs: 200, description: `${opts.nodes} Ready nodes` },
  );
  const pids = () => ({
    etcd: [etcd.pid],
    apiserver: [api.pid],
    scheduler: [scheduler.pid],
    'controller-manager': [controllerManager.pid],
    agents: nodes.filter((n) => n.agent.running()).map((n) => n.agent.pid),
    runtimes: nodes.map((n) => n.runtime.pid),
  });
  const nodeNamed = (name) => {
    const node = nodes.find((n) => n.name === name);
    if (!node) throw new Error(`no node ${name}`);
    return node;
  };
  /** SIGKILL a node's agent (its pods keep running in the runtime, as on a machine that lost its kubelet). */
  const killAgent = async (name) => {
    const node = nodeNamed(name);
    process.kill(node.agent.pid, 'SIGKILL');
    await node.agent.exited;
    await node.agent.stop();
  };
  const restartAgent = (name) => {
    const node = nodeNamed(name);
    node.agent = startChild(cleanup, `${name}-agent`, binOf('@tinykube/node-agent', 'tinykube-node-agent'), node.agentArgs, path.join(logDir, `${name}-agent.log`), nodeArgs);
  };
  return { url: api.url, etcd, api, scheduler, controllerManager, nodes, logDir, pids, killAgent, restartAgent };
}

module.exports = { startCluster, binOf };
