'use strict';
/**
 * scheduler: pods/s placed and bound by tinykube-scheduler on 5000 hollow nodes, through the apiserver
 * on etcd, against the same run's raw binding ceiling.
 *
 * One etcd, one apiserver process (its CPU is its own). Setup: `--nodes` plain Node objects (Ready, 32
 * cpu / 128Gi / 110 pods). Baseline: `--pods` pending pods that no scheduler owns are bound straight
 * through POST pods/<name>/binding by this process, node i mod N, `--concurrency` in flight: the
 * apiserver's binding throughput with no scheduling logic at all. Measured: another `--pods` pending
 * pods, then the scheduler is started in this process (compiled lib/); the clock runs from its caches
 * being synced to its last successful binding. The baseline's pods stay bound, so the scheduler also
 * works around 2 existing pods per node.
 * Target: >= 1000 pods/s (DESIGN.md); the ratio to the ceiling shows the scheduler's own cost.
 */
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { startEtcd } = require('@tinykube/testing');
const { startApiServerProcess } = require('./lib/apiserver-process');
const { request, getJson } = require('./lib/http');
const { hollowNode, schedulerPod } = require('./lib/scheduler-objects');
const c = require('./lib/common');

const { startScheduler, defaultConfig } = require('@tinykube/scheduler');

const DEFAULTS = {
  nodes: 5000,
  pods: 10000,
  // Writes in flight for setup and the baseline; also the scheduler's parallel bindings.
  concurrency: 64,
  owners: 20,
  // 'adaptive' (Kubernetes' default: 10% at 5000 nodes) or 1-100.
  'percentage-of-nodes-to-score': 'adaptive',
  // Scheduled events on (as kube-scheduler does) or off.
  'scheduled-events': true,
  'apiserver-node-args': '',
  'timeout-s': 600,
};
const TARGET_PODS_PER_SEC = 1000;
const PODS = '/api/v1/namespaces/default/pods';

async function main(argv) {
  await c.runBenchmark(async (cleanup) => {
    const o = c.parseFlags(argv, DEFAULTS);
    const pct = o['percentage-of-nodes-to-score'] === 'adaptive' ? 0 : Number(o['percentage-of-nodes-to-score']);
    if (!Number.isInteger(pct) || pct < 0 || pct > 100) throw new c.UsageError('--percentage-of-nodes-to-score must be adaptive or an integer 1-100');
    const run = c.runId();
    c.log('starting etcd');
    const etcd = await startEtcd();
    cleanup.add('etcd', () => etcd.stop());
    c.log('starting apiserver');
    const api = await startApiServerProcess({ cleanup, etcdEndpoint: etcd.endpoint, nodeArgs: o['apiserver-node-args'].split(' ').filter(Boolean) });
    const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
    cleanup.add('http agent', () => agent.destroy());
    const pids = { apiserver: api.pid, etcd: etcd.pid, bench: process.pid };

    c.log(`creating ${o.nodes} hollow nodes`);
    const nodeNames = Array.from({ length: o.nodes }, (_, i) => `hollow-${run}-${String(i).padStart(5, '0')}`);
    const nodesCreated = await c.runConcurrent(o.nodes, o.concurrency, (i) =>
      request(api.url, { method: 'POST', path: '/api/v1/nodes', body: hollowNode(nodeNames[i], `zone-${i % 3}`), agent, expect: 201 }),
    );
    c.log(`nodes: ${nodesCreated.opsPerSec.toFixed(0)}/s`);

    // Baseline: pending pods bound by hand, no scheduling logic.
    const baseName = (i) => `base-${run}-${i}`;
    c.log(`baseline: creating ${o.pods} pending pods`);
    await c.runConcurrent(o.pods, o.concurrency, (i) => request(api.url, { method: 'POST', path: PODS, body: schedulerPod(baseName(i), 'bench-nobody', i % o.owners), agent, expect: 201 }));
    c.log(`baseline: binding ${o.pods} pods, ${o.concurrency} in flight`);
    const baseCpu0 = cpuOf(pids);
    const baseline = await c.runConcurrent(o.pods, o.concurrency, (i) =>
      request(api.url, {
        method: 'POST',
        path: `${PODS}/${baseName(i)}/binding`,
        body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: baseName(i) }, target: { apiVersion: 'v1', kind: 'Node', name: nodeNames[i % o.nodes] } },
        agent,
        expect: 201,
      }),
    );
    const baseCpu = diff(cpuOf(pids), baseCpu0);
    c.log(`baseline: ${baseline.opsPerSec.toFixed(0)} bindings/s`);

    // Measured: the scheduler places the same number of pending pods.
    const schedName = (i) => `sched-${run}-${i}`;
    c.log(`scheduler: creating ${o.pods} pending pods`);
    await c.runConcurrent(o.pods, o.concurrency, (i) => request(api.url, { method: 'POST', path: PODS, body: schedulerPod(schedName(i), 'default-scheduler', i % o.owners), agent, expect: 201 }));
    const config = { ...defaultConfig(), percentageOfNodesToScore: pct };
    c.log(`scheduler: starting (percentageOfNodesToScore ${config.percentageOfNodesToScore}, scheduled events ${o['scheduled-events'] ? 'on' : 'off'})`);
    const tStart = performance.now();
    const sched = await startScheduler({ server: api.url, config, parallelBindings: o.concurrency, recordScheduledEvents: o['scheduled-events'] });
    cleanup.add('scheduler', () => sched.stop());
    await sched.waitForCacheSync();
    const t0 = performance.now();
    const cpu0 = cpuOf(pids);
    c.log(`scheduler: caches synced in ${((t0 - tStart) / 1000).toFixed(1)} s; scheduling`);
    const deadline = Date.now() + o['timeout-s'] * 1000;
    let last = 0;
    for (;;) {
      const n = sched.counts();
      if (n.scheduled >= o.pods) break;
      if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(n)} after ${o['timeout-s']} s`);
      if (n.scheduled - last >= 2000) {
        c.log(`scheduler: ${n.scheduled} bound`);
        last = n.scheduled;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const t1 = performance.now();
    const schedCpu = diff(cpuOf(pids), cpu0);
    const counts = sched.counts();
    const queues = sched.scheduler.queue.lengths();
    await sched.stop();

    c.log('verifying placements');
    const perNode = new Map();
    let bound = 0;
    for (const p of await listAllPods(api.url, agent)) {
      if (!p.metadata.name.startsWith(`sched-${run}-`) || !p.spec.nodeName) continue;
      bound++;
      perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    }
    if (bound !== o.pods) throw new Error(`expected ${o.pods} scheduled pods bound, found ${bound}`);
    const spread = [...perNode.values()];

    const seconds = (t1 - t0) / 1000;
    const podsPerSec = o.pods / seconds;
    const ratio = podsPerSec / baseline.opsPerSec;
    const perPod = (cpu, n) => Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, c.round(v / n, 3)]));
    const result = {
      benchmark: 'scheduler',
      nodes: o.nodes,
      pods: o.pods,
      concurrency: o.concurrency,
      percentageOfNodesToScore: config.percentageOfNodesToScore,
      scheduledEvents: o['scheduled-events'],
      baselineBindingsPerSec: c.round(baseline.opsPerSec, 1),
      baselineP50Ms: c.round(c.percentile(baseline.latencies, 50)),
      baselineP99Ms: c.round(c.percentile(baseline.latencies, 99)),
      schedulerPodsPerSec: c.round(podsPerSec, 1),
      schedulerSeconds: c.round(seconds, 2),
      cacheSyncSeconds: c.round((t0 - tStart) / 1000, 2),
      ratio: c.round(ratio, 3),
      cpuMsPerPod: { baseline: perPod(baseCpu, o.pods), scheduler: perPod(schedCpu, o.pods) },
      attempts: counts,
      queuesAtEnd: queues,
      podsPerNode: { min: perNode.size < o.nodes ? 0 : Math.min(...spread), max: Math.max(...spread), nodesUsed: perNode.size },
      target: TARGET_PODS_PER_SEC,
      pass: podsPerSec >= TARGET_PODS_PER_SEC,
      loadAvg1m: c.loadAvg(),
    };
    report(result);
  });
}

/** Pages through the pods (an unpaginated list of 20000 pods is more than etcd's 4 MiB gRPC reply limit). */
async function listAllPods(url, agent) {
  const items = [];
  let token = '';
  do {
    const page = await getJson(url, `${PODS}?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`, agent);
    items.push(...page.items);
    token = page.metadata.continue ?? '';
  } while (token);
  return items;
}

function cpuOf(pids) {
  return Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, c.cpuMs(pid)]));
}

function diff(after, before) {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
}

function report(r) {
  c.printTable(`scheduler: ${r.nodes} hollow nodes, ${r.pods} pods, ${r.concurrency} bindings in flight, percentageOfNodesToScore ${r.percentageOfNodesToScore}, Scheduled events ${r.scheduledEvents ? 'on' : 'off'}`, ['figure', 'raw binding (baseline)', 'scheduler'], [
    ['pods/s', r.baselineBindingsPerSec, r.schedulerPodsPerSec],
    ['apiserver CPU ms/pod', r.cpuMsPerPod.baseline.apiserver, r.cpuMsPerPod.scheduler.apiserver],
    ['etcd CPU ms/pod', r.cpuMsPerPod.baseline.etcd, r.cpuMsPerPod.scheduler.etcd],
    ['bench process CPU ms/pod', r.cpuMsPerPod.baseline.bench, r.cpuMsPerPod.scheduler.bench],
  ]);
  process.stdout.write(
    `\nscheduler/raw ratio ${r.ratio.toFixed(3)}; scheduling took ${r.schedulerSeconds} s after a ${r.cacheSyncSeconds} s cache sync; ` +
      `pods per node ${r.podsPerNode.min}-${r.podsPerNode.max} (${r.podsPerNode.nodesUsed} of ${r.nodes} nodes used)\n` +
      `target >= ${r.target} pods/s: ${r.pass ? 'PASS' : 'MISS'}\n`,
  );
  c.printBenchJson(r);
}

module.exports = { main };
if (require.main === module) main(process.argv.slice(2));
