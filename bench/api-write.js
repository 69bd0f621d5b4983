'use strict';
/**
 * api-write: pod creates/s through the apiserver on etcd, against raw etcd3 puts of the same bytes.
 *
 * One real etcd serves both phases. The baseline puts the exact bytes the apiserver stores for a pod
 * (read back from etcd after one calibration create) under a prefix no apiserver watches; the measured
 * phase POSTs pods with distinct names over keep-alive HTTP. Both keep `--concurrency` operations in
 * flight; phases alternate `--reps` times so drift on a noisy machine hits both alike.
 * Target: median apiserver ops/s >= 0.5 x median raw ops/s.
 */
const http = require('node:http');
const { Etcd3 } = require('etcd3');
const { startApiServer, EtcdStorage } = require('@tinykube/apiserver');
const { startEtcd } = require('@tinykube/testing');
const { startApiServerProcess } = require('./lib/apiserver-process');
const { request } = require('./lib/http');
const { benchPod, PODS_PATH } = require('./lib/pods');
const c = require('./lib/common');

const DEFAULTS = {
  ops: 3000,
  reps: 3,
  concurrency: 64,
  warmup: 300,
  // inproc: startApiServer in this process (as the brief for this bench asks);
  // child: tinykube-apiserver as its own process, as it runs in a cluster.
  apiserver: 'inproc',
  // With --apiserver child: extra node flags for it, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  'apiserver-node-args': '',
};
const TARGET_RATIO = 0.5;

async function main(argv) {
  await c.runBenchmark(async (cleanup) => {
    const o = c.parseFlags(argv, DEFAULTS);
    if (o.apiserver !== 'inproc' && o.apiserver !== 'child') throw new c.UsageError('--apiserver must be inproc or child');
    const run = c.runId();

    c.log('starting etcd');
    const etcd = await startEtcd();
    cleanup.add('etcd', () => etcd.stop());

    const raw = new Etcd3({ hosts: [etcd.endpoint] });
    cleanup.add('etcd3 client', () => raw.close());

    c.log(`starting apiserver (${o.apiserver}) on etcd ${etcd.endpoint}`);
    const api = await startApi(o, etcd.endpoint, cleanup);
    const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
    cleanup.add('http agent', () => agent.destroy());

    // Calibration: the bytes a pod create really stores (defaults, uid, timestamps included).
    const calName = `bench-${run}-calibrate`;
    const postedBytes = Buffer.byteLength(JSON.stringify(benchPod(calName)));
    await createPod(api.url, agent, calName);
    const stored = await raw.get(`/registry/pods/default/${calName}`).buffer();
    if (!stored) throw new Error('calibration pod not found in etcd under /registry/pods/default/');
    c.log(`pod JSON: ${postedBytes} bytes posted, ${stored.length} bytes stored`);

    const rawOp = (tag) => (i) => raw.put(`/bench-raw/pods/default/bench-${run}-${tag}-${i}`).value(stored).exec();
    const apiOp = (tag) => (i) => createPod(api.url, agent, `bench-${run}-${tag}-${i}`);

    c.log(`warm-up: ${o.warmup} ops of each`);
    await c.runConcurrent(o.warmup, o.concurrency, rawOp('warm'));
    await c.runConcurrent(o.warmup, o.concurrency, apiOp('warm'));

    // CPU per process per phase shows which one is the bottleneck (on 2 cores, ~100% of one is a wall).
    const pids = { etcd: etcd.pid, bench: process.pid, ...(api.pid ? { apiserver: api.pid } : {}) };
    const phases = { raw: [], api: [] };
    for (let rep = 1; rep <= o.reps; rep++) {
      for (const [kind, op] of [['raw', rawOp], ['api', apiOp]]) {
        const cpuBefore = cpuOf(pids);
        const r = await c.runConcurrent(o.ops, o.concurrency, op(`r${rep}`));
        const cpuAfter = cpuOf(pids);
        r.cpuMs = Object.fromEntries(Object.keys(pids).map((k) => [k, cpuAfter[k] - cpuBefore[k]]));
        phases[kind].push(r);
        c.log(`rep ${rep} ${kind}: ${r.opsPerSec.toFixed(0)} ops/s, p99 ${c.percentile(r.latencies, 99).toFixed(1)} ms`);
      }
    }

    // Nothing may be lost: every create answered 201, so every pod must be in etcd.
    const expected = 1 + o.warmup + o.reps * o.ops;
    const count = await raw.getAll().prefix(`/registry/pods/default/bench-${run}-`).count();
    if (count !== expected) throw new Error(`expected ${expected} pods in etcd, found ${count}`);

    report(o, { postedBytes, storedBytes: stored.length, phases, loadAvg: c.loadAvg() });
  });
}

async function startApi(o, endpoint, cleanup) {
  if (o.apiserver === 'child') {
    return startApiServerProcess({ cleanup, etcdEndpoint: endpoint, nodeArgs: o['apiserver-node-args'].split(' ').filter(Boolean) });
  }
  // The default logger reads LOG_LEVEL; per-request logs would measure pino, not the apiserver.
  process.env.LOG_LEVEL ??= 'warn';
  const storage = new EtcdStorage({ endpoints: [endpoint] });
  cleanup.add('etcd storage', () => storage.close());
  const server = await startApiServer({ storage, port: 0, bindAddress: '127.0.0.1' });
  cleanup.add('apiserver', () => server.close());
  return server;
}

function cpuOf(pids) {
  return Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, c.cpuMs(pid)]));
}

function createPod(url, agent, name) {
  return request(url, { method: 'POST', path: PODS_PATH, body: benchPod(name), agent, expect: 201 });
}

function summarize(runs) {
  const latencies = runs.flatMap((r) => r.latencies);
  const wallMs = runs.reduce((a, r) => a + r.elapsedMs, 0);
  const ops = runs.reduce((a, r) => a + r.latencies.length, 0);
  const cpu = {};
  for (const proc of Object.keys(runs[0].cpuMs)) {
    const ms = runs.reduce((a, r) => a + r.cpuMs[proc], 0);
    cpu[proc] = { msPerOp: c.round(ms / ops, 3), percentOfOneCore: c.round((100 * ms) / wallMs, 0) };
  }
  return {
    cpu,
    opsPerSecMedian: c.round(c.median(runs.map((r) => r.opsPerSec)), 1),
    opsPerSecPerRep: runs.map((r) => c.round(r.opsPerSec, 1)),
    latencyP50Ms: c.round(c.percentile(latencies, 50)),
    latencyP99Ms: c.round(c.percentile(latencies, 99)),
  };
}

function report(o, { postedBytes, storedBytes, phases, loadAvg }) {
  const raw = summarize(phases.raw);
  const api = summarize(phases.api);
  const ratio = api.opsPerSecMedian / raw.opsPerSecMedian;
  const repRows = phases.raw.map((r, i) => [
    `rep ${i + 1}`,
    r.opsPerSec.toFixed(0),
    phases.api[i].opsPerSec.toFixed(0),
    (phases.api[i].opsPerSec / r.opsPerSec).toFixed(3),
  ]);
  c.printTable(`api-write: ${o.ops} ops x ${o.reps} reps, ${o.concurrency} in flight, pod ${postedBytes} B posted / ${storedBytes} B stored, apiserver ${o.apiserver}`, ['', 'raw etcd ops/s', 'apiserver ops/s', 'ratio'], repRows);
  c.printTable('summary', ['figure', 'raw etcd3 put', 'apiserver POST'], [
    ['ops/s (median of reps)', raw.opsPerSecMedian, api.opsPerSecMedian],
    ['latency p50 (ms)', raw.latencyP50Ms, api.latencyP50Ms],
    ['latency p99 (ms)', raw.latencyP99Ms, api.latencyP99Ms],
    ...Object.keys(api.cpu).flatMap((proc) => [
      [`${proc} CPU ms/op`, raw.cpu[proc].msPerOp, api.cpu[proc].msPerOp],
      [`${proc} CPU % of one core`, raw.cpu[proc].percentOfOneCore, api.cpu[proc].percentOfOneCore],
    ]),
  ]);
  if (o.apiserver === 'inproc') process.stdout.write('(inproc: the bench row is the load generator and the apiserver together)\n');
  const pass = ratio >= TARGET_RATIO;
  process.stdout.write(`\nratio apiserver/raw = ${ratio.toFixed(3)} (target >= ${TARGET_RATIO}): ${pass ? 'PASS' : 'MISS'}\n`);
  c.printBenchJson({
    benchmark: 'api-write',
    ops: o.ops,
    reps: o.reps,
    concurrency: o.concurrency,
    apiserver: o.apiserver,
    podBytesPosted: postedBytes,
    podBytesStored: storedBytes,
    raw,
    api,
    ratio: c.round(ratio, 3),
    target: TARGET_RATIO,
    pass,
    loadAvg1m: loadAvg,
  });
}

module.exports = { main };
if (require.main === module) main(process.argv.slice(2));
