'use strict';
/**
 * pod-startup: a 100-replica Deployment on 3 nodes (process runtime), every component its own process
 * on etcd. Per pod: from its creation (the ADDED event a watch delivers) to Running (the first watch
 * event with phase Running), p50 and p99.
 *
 * Baseline, in the same run, on the same cluster: the same pods POSTed directly with spec.nodeName set
 * (no deployment or ReplicaSet controller, no scheduler), each at the moment (relative to the first) its
 * counterpart of the Deployment phase was created, so the nodes get the same load at the same times and
 * what remains is the apiserver, the watch and the node agents with their runtimes; the chain's extra
 * cost (scheduling, binding, the controllers beside it) shows as the ratio. Two more phases bring `--serial` pods up one at a time (bound
 * by hand; a Deployment scaled up by one), the path's latency with no queue anywhere.
 * The four phases repeat `--reps` times; each starts on an empty cluster (the previous phase's pods are
 * deleted and gone). Target (DESIGN.md): p50 <= 300 ms, p99 <= 1 s for the 100-replica Deployment.
 */
const http = require('node:http');
const { startCluster } = require('./lib/pod-startup-cluster');
const { phases } = require('./lib/pod-startup-phases');
const { PodTimeline } = require('./lib/pod-startup-watch');
const c = require('./lib/common');

const DEFAULTS = {
  pods: 100,
  nodes: 3,
  reps: 3,
  // Pods brought up one at a time (bound by hand, then through a Deployment scaled up by one): the
  // latency of the path itself, with no queue in front of any component.
  serial: 10,
  // Sockets to the apiserver for the bench's own requests.
  concurrency: 64,
  // Unmeasured pods per node first, so no phase pays for cold code paths.
  warmup: 3,
  'timeout-s': 180,
};
const TARGET = { p50: 300, p99: 1000 };


async function main(argv) {
  await c.runBenchmark(async (cleanup) => {
    const o = c.parseFlags(argv, DEFAULTS);
    const cluster = await startCluster(cleanup, { nodes: o.nodes });
    const url = cluster.url;
    const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
    cleanup.add('http agent', () => agent.destroy());
    const timeline = new PodTimeline(url);
    await timeline.start();
    cleanup.add('pod watch', () => timeline.stop());
    const nodeNames = cluster.nodes.map((n) => n.name);

    const ways = phases({ url, agent, timeline, nodeNames, timeoutMs: o['timeout-s'] * 1000 });

    c.log(`warm-up: ${o.warmup * o.nodes} pods`);
    await ways.bound.run('warmup', o.warmup * o.nodes);
    await ways.bound.teardown('warmup', o.warmup * o.nodes);

    const measured = [];
    const measure = async (kind, rep, count, offsetsMs) => {
      const ns = `${kind.toLowerCase()}-${rep}`;
      const cpu0 = cpuOf(cluster.pids());
      c.log(`${ns}: ${count} pods`);
      const allRunningMs = await ways[kind].run(ns, count, offsetsMs);
      const cpu = diff(cpuOf(cluster.pids()), cpu0);
      const pods = timeline.inNamespace(ns);
      const latencies = pods.map((t) => t.running - t.added);
      const toBound = pods.map((t) => t.bound - t.added);
      const perNode = countBy(pods.map((t) => t.node));
      const phase = {
        kind,
        rep,
        pods: pods.length,
        p50: c.round(c.percentile(latencies, 50), 1),
        p90: c.round(c.percentile(latencies, 90), 1),
        p99: c.round(c.percentile(latencies, 99), 1),
        max: c.round(Math.max(...latencies), 1),
        boundP50: c.round(c.percentile(toBound, 50), 1),
        allRunningS: c.round(allRunningMs / 1000, 2),
        podsPerNode: perNode,
        cpuMsPerPod: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, c.round(v / count, 2)])),
        loadAvg1m: c.loadAvg(),
      };
      measured.push(phase);
      c.log(`${ns}: p50 ${phase.p50} ms, p99 ${phase.p99} ms, all Running after ${phase.allRunningS} s`);
      await ways[kind].teardown(ns, count);
      return pods;
    };
    for (let rep = 1; rep <= o.reps; rep++) {
      await measure('boundSerial', rep, o.serial);
      await measure('deploymentSerial', rep, o.serial);
      const deployed = await measure('deployment', rep, o.pods);
      // When each pod of the Deployment appeared, relative to the first.
      const first = Math.min(...deployed.map((t) => t.added));
      await measure('bound', rep, o.pods, deployed.map((t) => t.added - first).sort((a, b) => a - b));
    }
    report(summarize(o, measured));
  });
}

const LABELS = {
  boundSerial: 'bound by hand, one at a time',
  deploymentSerial: 'Deployment scaled +1, one at a time',
  bound: 'bound by hand, same creation times (baseline)',
  deployment: 'Deployment of all (measured)',
};

function summarize(o, phases) {
  const med = (kind, field) => c.round(c.median(phases.filter((p) => p.kind === kind).map((p) => p[field])), 1);
  const figures = (kind) => ({ p50: med(kind, 'p50'), p99: med(kind, 'p99'), allRunningS: med(kind, 'allRunningS') });
  const deployment = figures('deployment');
  const baseline = figures('bound');
  const serial = { deployment: figures('deploymentSerial'), bound: figures('boundSerial') };
  return {
    benchmark: 'pod-startup',
    pods: o.pods,
    nodes: o.nodes,
    reps: o.reps,
    serialPods: o.serial,
    deployment,
    baseline,
    ratioP50: c.round(deployment.p50 / baseline.p50, 2),
    ratioP99: c.round(deployment.p99 / baseline.p99, 2),
    serial,
    serialRatioP50: c.round(serial.deployment.p50 / serial.bound.p50, 2),
    target: { p50Ms: TARGET.p50, p99Ms: TARGET.p99 },
    pass: { p50: deployment.p50 <= TARGET.p50, p99: deployment.p99 <= TARGET.p99 },
    phases,
  };
}

function report(r) {
  c.printTable(
    `pod-startup: pods on ${r.nodes} nodes (process runtime), creation -> Running as a watch sees it (ms)`,
    ['phase', 'pods', 'p50', 'p90', 'p99', 'max', 'to bound p50', 'all Running s', 'CPU ms/pod api / sched / cm / agents / runtimes / etcd', 'load'],
    r.phases.map((p) => [
      `${LABELS[p.kind]} #${p.rep}`,
      p.pods,
      p.p50,
      p.p90,
      p.p99,
      p.max,
      p.boundP50,
      p.allRunningS,
      ['apiserver', 'scheduler', 'controller-manager', 'agents', 'runtimes', 'etcd'].map((k) => p.cpuMsPerPod[k]).join(' / '),
      p.loadAvg1m,
    ]),
  );
  process.stdout.write(
    `\nmedians over ${r.reps} reps: ${r.pods}-replica Deployment p50 ${r.deployment.p50} ms, p99 ${r.deployment.p99} ms; ` +
      `baseline (the same pods bound by hand, created at the same moments) p50 ${r.baseline.p50} ms, p99 ${r.baseline.p99} ms; ratio p50 ${r.ratioP50}, p99 ${r.ratioP99}\n` +
      `one pod at a time: Deployment p50 ${r.serial.deployment.p50} ms vs bound by hand ${r.serial.bound.p50} ms (ratio ${r.serialRatioP50})\n` +
      `target p50 <= ${r.target.p50Ms} ms: ${r.pass.p50 ? 'PASS' : 'MISS'}; p99 <= ${r.target.p99Ms} ms: ${r.pass.p99 ? 'PASS' : 'MISS'}\n`,
  );
  c.printBenchJson(r);
}

function countBy(keys) {
  const out = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort());
}

/** CPU ms so far of each group of processes (summed), read from /proc. */
function cpuOf(pidGroups) {
  const out = {};
  for (const [k, pids] of Object.entries(pidGroups)) out[k] = pids.reduce((sum, pid) => sum + safeCpu(pid), 0);
  return out;
}

function safeCpu(pid) {
  try {
    return c.cpuMs(pid);
  } catch {
    return 0;
  }
}

function diff(after, before) {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)]));
}

module.exports = { main, cpuOf, diff };
if (require.main === module) main(process.argv.slice(2));
