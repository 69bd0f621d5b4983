'use strict';
/**
 * watch-fanout: one write delivered to 1000 concurrent pod watchers, and what each watcher costs.
 *
 * The apiserver runs as its own process so its RSS is its own. In one run:
 *  - idle RSS of the freshly started apiserver;
 *  - baseline: delivery latency of `--writes` pod creates to ONE watcher;
 *  - RSS before and after opening `--watchers` watches -> KB per watcher (target <= 50);
 *  - delivery latency of `--writes` creates to all watchers, from just before each POST to each
 *    watcher's arrival (target p99 <= 100 ms). Writes go one at a time: the next starts only after
 *    every watcher has the previous one, so deliveries never overlap.
 */
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { startEtcd } = require('@tinykube/testing');
const { startApiServerProcess } = require('./lib/apiserver-process');
const { getJson, request } = require('./lib/http');
const { benchPod, PODS_PATH } = require('./lib/pods');
const { WatcherSet } = require('./lib/watchers');
const c = require('./lib/common');

const DEFAULTS = {
  watchers: 1000,
  writes: 50,
  storage: 'etcd',
  // Watches connecting at once: a 2-core machine answers a burst of 1000 connects slowly but
  // a listen backlog overflow would show up as connect errors, not as a figure.
  'open-batch': 100,
  // Pause after opening watchers (and before each RSS reading) so lazy allocation settles.
  'settle-ms': 2000,
  // Quiet gap between writes, after the previous one reached every watcher.
  'gap-ms': 20,
  'delivery-timeout-ms': 10000,
  warmup: 10,
  // Extra node flags for the apiserver process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  'apiserver-node-args': '',
};
const TARGET_P99_MS = 100;
const TARGET_KB_PER_WATCHER = 50;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main(argv) {
  await c.runBenchmark(async (cleanup) => {
    const o = c.parseFlags(argv, DEFAULTS);
    if (o.storage !== 'etcd' && o.storage !== 'memory') throw new c.UsageError('--storage must be etcd or memory');
    const run = c.runId();

    let etcdEndpoint;
    if (o.storage === 'etcd') {
      c.log('starting etcd');
      const etcd = await startEtcd();
      cleanup.add('etcd', () => etcd.stop());
      etcdEndpoint = etcd.endpoint;
    }
    c.log(`starting apiserver process (${o.storage} storage)`);
    const nodeArgs = o['apiserver-node-args'].split(' ').filter(Boolean);
    const api = await startApiServerProcess({ cleanup, etcdEndpoint, nodeArgs });
    await sleep(o['settle-ms']);
    const rssIdleFreshKb = await sampleRss(api);
    c.log(`apiserver pid ${api.pid} at ${api.url}, idle RSS ${rssIdleFreshKb} KB`);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    cleanup.add('http agent', () => agent.destroy());
    const writer = { url: api.url, agent, run };

    // Warm-up and baseline: one watcher, same writes.
    const one = new WatcherSet(api.url);
    cleanup.add('baseline watcher', () => one.closeAll());
    await one.open(1, await listRv(writer), 1);
    await timedWrites(writer, one, o.warmup, 'warm', o);
    c.log(`baseline: ${o.writes} writes to 1 watcher`);
    const baseline = await timedWrites(writer, one, o.writes, 'base', o);
    one.closeAll();

    await sleep(o['settle-ms']);
    const rssBeforeKb = await sampleRss(api);
    const many = new WatcherSet(api.url);
    cleanup.add('watchers', () => many.closeAll());
    const t0 = performance.now();
    await many.open(o.watchers, await listRv(writer), o['open-batch']);
    const openMs = performance.now() - t0;
    c.log(`${o.watchers} watchers open in ${openMs.toFixed(0)} ms`);
    await sleep(o['settle-ms']);
    const rssAfterKb = await sampleRss(api);

    c.log(`fan-out: ${o.writes} writes to ${o.watchers} watchers`);
    const cpuBefore = { apiserver: c.cpuMs(api.pid), bench: c.cpuMs(process.pid) };
    const fanout = await timedWrites(writer, many, o.writes, 'fan', o);
    // CPU per write split by process: the apiserver's is the fan-out cost, the bench's is the 1000 readers.
    const cpuPerWriteMs = {
      apiserver: c.round((c.cpuMs(api.pid) - cpuBefore.apiserver) / o.writes, 1),
      bench: c.round((c.cpuMs(process.pid) - cpuBefore.bench) / o.writes, 1),
    };
    const rssEndKb = await sampleRss(api);
    many.closeAll();

    report(o, { rssIdleFreshKb, rssBeforeKb, rssAfterKb, rssEndKb, openMs, baseline, fanout, cpuPerWriteMs, loadAvg: c.loadAvg() });
  });
}

async function listRv(writer) {
  const list = await getJson(writer.url, `${PODS_PATH}?limit=1`, writer.agent);
  return list.metadata.resourceVersion;
}

/** Median of a few VmRSS readings after a forced full GC, so garbage not yet collected does not count. */
async function sampleRss(api) {
  api.requestGc();
  await sleep(500);
  const samples = [];
  for (let i = 0; i < 5; i++) {
    samples.push(api.rssKb());
    await sleep(100);
  }
  return c.median(samples);
}

/**
 * Creates `count` pods one at a time; for each, waits until every watcher in `set` has its ADDED event.
 * Returns every delivery latency, the per-write time until the LAST watcher had it, and POST latencies.
 */
async function timedWrites(writer, set, count, tag, o) {
  const deliveries = [];
  const lastPerWrite = [];
  const postMs = [];
  for (let k = 0; k < count; k++) {
    const name = `fan-${writer.run}-${tag}-w${set.size}-${k}`;
    const body = JSON.stringify(benchPod(name));
    const delivered = set.expect(name, `${tag}-${k}`, o['delivery-timeout-ms']);
    delivered.catch(() => undefined);
    const start = performance.now();
    await request(writer.url, { method: 'POST', path: PODS_PATH, body, agent: writer.agent, expect: 201 });
    postMs.push(performance.now() - start);
    const { arrivals, sample } = await delivered;
    // Checked off the clock: the line that matched by name must be a well-formed ADDED of that pod.
    const ev = JSON.parse(sample);
    if (ev.type !== 'ADDED' || ev.object.metadata.name !== name) throw new Error(`unexpected event for ${name}: ${sample.slice(0, 200)}`);
    let last = 0;
    for (const t of arrivals) {
      const d = t - start;
      deliveries.push(d);
      if (d > last) last = d;
    }
    lastPerWrite.push(last);
    await sleep(o['gap-ms']);
  }
  return { deliveries, lastPerWrite, postMs };
}

function latencyFigures(r) {
  return {
    deliveries: r.deliveries.length,
    p50Ms: c.round(c.percentile(r.deliveries, 50)),
    p99Ms: c.round(c.percentile(r.deliveries, 99)),
    maxMs: c.round(Math.max(...r.deliveries)),
    allWatchersP50Ms: c.round(c.percentile(r.lastPerWrite, 50)),
    allWatchersMaxMs: c.round(Math.max(...r.lastPerWrite)),
    postP50Ms: c.round(c.percentile(r.postMs, 50)),
  };
}

function report(o, m) {
  const base = latencyFigures(m.baseline);
  const fan = latencyFigures(m.fanout);
  const kbPerWatcher = (m.rssAfterKb - m.rssBeforeKb) / o.watchers;
  const latencyPass = fan.p99Ms <= TARGET_P99_MS;
  const memoryPass = kbPerWatcher <= TARGET_KB_PER_WATCHER;
  c.printTable(`watch-fanout: ${o.writes} pod creates, ${o.storage} storage`, ['delivery latency (ms)', '1 watcher', `${o.watchers} watchers`, 'ratio'], [
    ['p50', base.p50Ms, fan.p50Ms, (fan.p50Ms / base.p50Ms).toFixed(1)],
    ['p99', base.p99Ms, fan.p99Ms, (fan.p99Ms / base.p99Ms).toFixed(1)],
    ['max', base.maxMs, fan.maxMs, (fan.maxMs / base.maxMs).toFixed(1)],
    ['last watcher, p50 per write', base.allWatchersP50Ms, fan.allWatchersP50Ms, ''],
    ['POST response p50', base.postP50Ms, fan.postP50Ms, ''],
    ['deliveries measured', base.deliveries, fan.deliveries, ''],
  ]);
  c.printTable('CPU per fan-out write (ms, gap included)', ['process', 'CPU'], [
    ['apiserver', m.cpuPerWriteMs.apiserver],
    ['bench (writer + all watch readers)', m.cpuPerWriteMs.bench],
  ]);
  c.printTable('apiserver RSS (KB)', ['when', 'VmRSS'], [
    ['fresh, idle', m.rssIdleFreshKb],
    ['before watchers', m.rssBeforeKb],
    [`with ${o.watchers} watchers`, m.rssAfterKb],
    ['after the fan-out writes', m.rssEndKb],
    ['per watcher', kbPerWatcher.toFixed(1)],
  ]);
  process.stdout.write(
    `\nfan-out p99 ${fan.p99Ms} ms (target <= ${TARGET_P99_MS}): ${latencyPass ? 'PASS' : 'MISS'}; ` +
      `${kbPerWatcher.toFixed(1)} KB per watcher (target <= ${TARGET_KB_PER_WATCHER}): ${memoryPass ? 'PASS' : 'MISS'}; ` +
      `${o.watchers} watchers opened in ${m.openMs.toFixed(0)} ms\n`,
  );
  c.printBenchJson({
    benchmark: 'watch-fanout',
    storage: o.storage,
    watchers: o.watchers,
    writes: o.writes,
    baseline1Watcher: base,
    fanout: fan,
    p99Ratio: c.round(fan.p99Ms / base.p99Ms, 2),
    rssIdleFreshKb: m.rssIdleFreshKb,
    rssBeforeKb: m.rssBeforeKb,
    rssAfterKb: m.rssAfterKb,
    rssEndKb: m.rssEndKb,
    kbPerWatcher: c.round(kbPerWatcher, 1),
    openWatchersMs: c.round(m.openMs, 0),
    cpuPerWriteMs: m.cpuPerWriteMs,
    loadAvg1m: m.loadAvg,
    targets: { p99Ms: TARGET_P99_MS, kbPerWatcher: TARGET_KB_PER_WATCHER },
    pass: { latency: latencyPass, memory: memoryPass },
  });
}

module.exports = { main };
if (require.main === module) main(process.argv.slice(2));
