'use strict';
/**
 * Runs tinykube-apiserver as its own child process, so its RSS and CPU are its own and not mixed with
 * the load generator's. Stopped by pid (SIGTERM, then SIGKILL), registered with the bench's Cleanup.
 */
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { freePort } = require('@tinykube/testing');
const { waitReady } = require('./http');
const { log } = require('./common');

const BIN = path.join(path.dirname(require.resolve('@tinykube/apiserver/package.json')), 'bin', 'tinykube-apiserver.js');
const GC_PRELOAD = path.join(__dirname, 'gc-on-signal.js');
const STOP_GRACE_MS = 5_000;
const START_ATTEMPTS = 3;

/**
 * Starts the apiserver on a free loopback port; with `etcdEndpoint` it uses etcd, else the memory store.
 * `nodeArgs` go to node itself (e.g. `--cpu-prof`). Resolves once /readyz answers 200.
 */
async function startApiServerProcess({ cleanup, etcdEndpoint, nodeArgs = [], extraArgs = [], readyTimeoutMs = 30_000 }) {
  let lastError;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startOnce({ cleanup, etcdEndpoint, nodeArgs, extraArgs, readyTimeoutMs });
    } catch (err) {
      lastError = err;
      // The free port can be taken between picking it and binding it; only that is worth a retry.
      if (!/EADDRINUSE|address already in use/i.test(String(err.message))) throw err;
      log(`apiserver port clash, retrying (${attempt}/${START_ATTEMPTS})`);
    }
  }
  throw lastError;
}

async function startOnce({ cleanup, etcdEndpoint, nodeArgs, extraArgs, readyTimeoutMs }) {
  const port = await freePort();
  const args = ['--expose-gc', '-r', GC_PRELOAD, ...nodeArgs, BIN, '--port', String(port), '--bind-address', '127.0.0.1', '--log-level', 'warn', ...extraArgs];
  if (etcdEndpoint) args.push('--etcd-servers', etcdEndpoint);
  // Piped (not inherited) so the bench's own table stays readable; the tail is kept for error messages.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let tail = '';
  const keep = (chunk) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const spawnFailed = new Promise((_, reject) => child.once('error', reject));
  spawnFailed.catch(() => undefined);
  if (child.pid === undefined) await spawnFailed;
  const pid = child.pid;
  const pidGuard = cleanup.addPid(pid);
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(pid, 'SIGTERM');
        let timer;
        const graceOver = new Promise((r) => (timer = setTimeout(() => r('timeout'), STOP_GRACE_MS)));
        const outcome = await Promise.race([exited.then(() => 'exited'), graceOver]);
        clearTimeout(timer);
        if (outcome === 'timeout') {
          process.kill(pid, 'SIGKILL');
          await exited;
        }
      }
      pidGuard.done();
    })();
    return stopping;
  };
  const task = cleanup.add(`apiserver pid ${pid}`, stop);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, readyTimeoutMs, () => child.exitCode === null && child.signalCode === null);
  } catch (err) {
    await stop();
    task.done();
    throw new Error(`${err.message}\n--- apiserver output (tail) ---\n${tail}`);
  }
  return {
    url,
    pid,
    output: () => tail,
    rssKb: () => readRssKb(pid),
    /** Asks the process for a full GC (see gc-on-signal.js); it runs asynchronously, so wait a little after. */
    requestGc: () => process.kill(pid, 'SIGUSR2'),
    stop: async () => {
      await stop();
      task.done();
    },
  };
}

/** Resident set size of a process in KiB, from /proc/<pid>/status (VmRSS). */
function readRssKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]);
}

module.exports = { startApiServerProcess, readRssKb };
