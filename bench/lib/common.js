'use strict';
/**
 * Helpers shared by the benchmarks: flags, statistics, the figures table and the BENCH_JSON line,
 * a cleanup registry that also runs on Ctrl-C, and the concurrency driver.
 */
const { readFileSync } = require('node:fs');
const os = require('node:os');
const { performance } = require('node:perf_hooks');

/**
 * Flags as `--name value` or `--name=value`; each falls back to env BENCH_<NAME> (dashes -> underscores),
 * then to the default. Numbers are parsed when the default is a number.
 */
function parseFlags(argv, defaults) {
  const given = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!(name in defaults)) throw new UsageError(`unknown flag --${name} (known: ${Object.keys(defaults).map((k) => '--' + k).join(', ')})`);
    let value;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (typeof defaults[name] === 'boolean') value = 'true';
    else if (i + 1 < argv.length) value = argv[++i];
    else throw new UsageError(`--${name} needs a value`);
    given[name] = value;
  }
  const out = {};
  for (const [name, def] of Object.entries(defaults)) {
    const envName = 'BENCH_' + name.toUpperCase().replace(/-/g, '_');
    const raw = given[name] ?? process.env[envName];
    out[name] = raw === undefined ? def : coerce(name, raw, def);
  }
  return out;
}

function coerce(name, raw, def) {
  if (typeof def === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got "${raw}"`);
    return n;
  }
  if (typeof def === 'boolean') return raw === 'true' || raw === '1';
  return raw;
}

class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Nearest-rank percentile of an unsorted array (p in 0..100). */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

function median(values) {
  return percentile(values, 50);
}

function round(n, digits = 2) {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Prints rows (arrays of cells) as an aligned text table. */
function printTable(title, header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`\n${title}\n${line(all[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of all.slice(1)) process.stdout.write(line(r) + '\n');
}

function printBenchJson(figures) {
  process.stdout.write('BENCH_JSON ' + JSON.stringify(figures) + '\n');
}

function log(msg) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

/**
 * Cleanup registry: everything a benchmark starts registers how to stop it; `runAll` stops them in
 * reverse order. `syncKill` entries also run from the process 'exit' event, which cannot await, so a
 * crash or Ctrl-C still leaves no child process behind.
 */
class Cleanup {
  constructor() {
    this.tasks = [];
    this.syncKills = new Map();
    this.running = undefined;
    process.on('exit', () => {
      for (const kill of this.syncKills.values()) {
        try {
          kill();
        } catch {
          // the process is already gone
        }
      }
    });
  }

  /** Adds an async stop function; returns a handle whose `done()` removes it after a normal stop. */
  add(name, stop) {
    const task = { name, stop };
    this.tasks.push(task);
    return { done: () => (this.tasks = this.tasks.filter((t) => t !== task)) };
  }

  /** Registers a pid to SIGKILL synchronously if the bench exits without stopping it. */
  addPid(pid) {
    this.syncKills.set(pid, () => process.kill(pid, 'SIGKILL'));
    return { done: () => this.syncKills.delete(pid) };
  }

  runAll() {
    this.running ??= (async () => {
      for (const task of this.tasks.reverse()) {
        try {
          await withTimeout(Promise.resolve().then(task.stop), 15_000, `stopping ${task.name}`);
        } catch (err) {
          log(`cleanup of ${task.name} failed: ${err && err.message ? err.message : err}`);
        }
      }
      this.tasks = [];
    })();
    return this.running;
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs a benchmark body with a Cleanup, stopping everything on success, error or SIGINT/SIGTERM.
 * Exit codes: 0 ok, 1 failure, 2 usage error, 130/143 interrupted.
 */
async function runBenchmark(body) {
  const cleanup = new Cleanup();
  let interrupted = false;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      log(`${signal}: cleaning up`);
      cleanup.runAll().finally(() => process.exit(code));
    });
  }
  try {
    await body(cleanup);
    process.exitCode = 0;
  } catch (err) {
    // After Ctrl-C the body fails as its processes go away; that failure is not news.
    if (interrupted) return;
    if (err instanceof UsageError) {
      process.stderr.write(`usage error: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`benchmark failed: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 1;
    }
  } finally {
    await cleanup.runAll();
  }
  // Keep-alive sockets or a lingering gRPC channel must not keep a finished benchmark alive.
  setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
}

/**
 * Runs `total` operations with `concurrency` in flight at any moment; `op(i)` returns a promise.
 * Resolves to the wall time and each op's latency in ms. The first error stops the run.
 */
async function runConcurrent(total, concurrency, op) {
  const latencies = new Float64Array(total);
  let next = 0;
  let failed;
  const worker = async () => {
    while (failed === undefined && next < total) {
      const i = next++;
      const t0 = performance.now();
      try {
        await op(i);
      } catch (err) {
        failed ??= err;
        return;
      }
      latencies[i] = performance.now() - t0;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const elapsedMs = performance.now() - start;
  if (failed !== undefined) throw failed;
  return { elapsedMs, latencies: Array.from(latencies), opsPerSec: (total / elapsedMs) * 1000 };
}

/**
 * CPU time (user + system, ms) a process has used so far: /proc/<pid>/stat fields 14 and 15, in clock
 * ticks (USER_HZ, 100 on Linux). For this process, process.cpuUsage() is finer.
 */
function cpuMs(pid) {
  if (pid === process.pid) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}
const USER_HZ = 100;

/** The 1-minute load average, printed with the figures: other work on a 2-core machine skews them. */
function loadAvg() {
  return round(os.loadavg()[0], 2);
}

/** A short random suffix so names from two runs against one store never clash. */
function runId() {
  return Math.random().toString(36).slice(2, 7);
}

module.exports = {
  Cleanup,
  UsageError,
  cpuMs,
  loadAvg,
  log,
  median,
  parseFlags,
  percentile,
  printBenchJson,
  printTable,
  round,
  runBenchmark,
  runConcurrent,
  runId,
  withTimeout,
};
