import { ChildProcess, spawn } from 'node:child_process';
import { accessSync, closeSync, constants as fsConstants, openSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { freePort } from './ports';
import { makeTempDir } from './tempdir';
import { waitFor, WaitTimeoutError } from './wait';

export interface StartEtcdOptions {
  /** The etcd binary: a path, or a name looked up on PATH (default `etcd`). */
  binary?: string;
  /** How long etcd may take to report healthy (default 20 s). */
  startTimeoutMs?: number;
  /** Extra command-line flags, e.g. `['--auto-compaction-retention=1']`. */
  extraArgs?: string[];
}

export interface EtcdHandle {
  /** Client URL, e.g. `http://127.0.0.1:40123`; pass it as `--etcd-servers` / EtcdStorage endpoints. */
  endpoint: string;
  clientPort: number;
  dataDir: string;
  /** etcd's own log (deleted by stop()). */
  logFile: string;
  pid: number;
  /** SIGTERM, then SIGKILL after a deadline; removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

export class EtcdNotFoundError extends Error {
  constructor(readonly binary: string) {
    super(`etcd not found: run scripts/install-system-deps.sh (looked for "${binary}" on PATH)`);
    this.name = 'EtcdNotFoundError';
  }
}

export class EtcdStartError extends Error {
  constructor(message: string, readonly log: string) {
    super(`${message}\n--- etcd log (tail) ---\n${log}`);
    this.name = 'EtcdStartError';
  }
}

const STOP_GRACE_MS = 5_000;
const PORT_CLASH_ATTEMPTS = 3;

/** Every etcd this process started and has not stopped yet, so an abnormal exit can still clean up. */
const running = new Map<number, { child: ChildProcess; dir: string }>();

/**
 * Starts a single-member etcd on free loopback ports with a fresh data dir, and resolves once its /health
 * endpoint says healthy. Like envtest: every test suite gets its own throwaway etcd.
 */
export async function startEtcd(opts: StartEtcdOptions = {}): Promise<EtcdHandle> {
  const binary = resolveBinary(opts.binary ?? 'etcd');
  installExitGuard();
  let lastError: unknown;
  // The ports are free when picked but another process may grab them before etcd binds; retry then.
  for (let attempt = 1; attempt <= PORT_CLASH_ATTEMPTS; attempt++) {
    try {
      return await startOnce(binary, opts);
    } catch (err) {
      lastError = err;
      if (!(err instanceof EtcdStartError && /address already in use/i.test(err.log))) throw err;
    }
  }
  throw lastError;
}

async function startOnce(binary: string, opts: StartEtcdOptions): Promise<EtcdHandle> {
  const dir = await makeTempDir('tinykube-etcd-');
  const [clientPort, peerPort] = await distinctFreePorts();
  const clientUrl = `http://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  const name = `tinykube-${clientPort}`;
  const dataDir = join(dir.path, 'data');
  const logFile = join(dir.path, 'etcd.log');
  const args = [
    `--name=${name}`,
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${clientUrl}`,
    `--advertise-client-urls=${clientUrl}`,
    `--listen-peer-urls=${peerUrl}`,
    `--initial-advertise-peer-urls=${peerUrl}`,
    `--initial-cluster=${name}=${peerUrl}`,
    '--initial-cluster-state=new',
    '--logger=zap',
    '--log-outputs=stderr',
    ...(opts.extraArgs ?? []),
  ];
  // The log goes straight to a file (no pipe), so a chatty etcd can never block on a full pipe and
  // the test process keeps no stream open to it.
  const logFd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(binary, args, { stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  if (child.pid === undefined) {
    const err = await spawnError;
    await dir.cleanup();
    throw new EtcdStartError(`could not spawn ${binary}: ${err.message}`, readTail(logFile));
  }
  const pid = child.pid;
  running.set(pid, { child, dir: dir.path });
  // A forgotten stop() must not keep the test process alive; the exit guard still kills etcd then.
  child.unref();

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= terminate(child, exited).finally(() => {
      running.delete(pid);
      return dir.cleanup();
    });
    return stopped;
  };

  try {
    await waitHealthy(clientUrl, child, opts.startTimeoutMs ?? 20_000);
  } catch (err) {
    const log = readTail(logFile);
    await stop();
    const reason = err instanceof Error ? err.message : String(err);
    throw new EtcdStartError(`etcd on ${clientUrl} did not become healthy: ${reason}`, log);
  }
  return { endpoint: clientUrl, clientPort, dataDir, logFile, pid, stop };
}

async function waitHealthy(clientUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new ExitedEarly(child.exitCode, child.signalCode);
        }
        const res = await fetch(`${clientUrl}/health`, { signal: AbortSignal.timeout(2_000) });
        const body: unknown = await res.json();
        return res.ok && isHealthy(body);
      },
      { timeoutMs, intervalMs: 50, description: `etcd /health at ${clientUrl}` },
    );
  } catch (err) {
    if (err instanceof WaitTimeoutError && err.lastError instanceof ExitedEarly) throw err.lastError;
    throw err;
  }
}

class ExitedEarly extends Error {
  constructor(code: number | null, signal: NodeJS.Signals | null) {
    super(`etcd exited early (code ${code}, signal ${signal})`);
  }
}

function isHealthy(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { health?: unknown }).health === 'true';
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_GRACE_MS);
  });
  const outcome = await Promise.race([exited.then(() => 'exited' as const), graceOver]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

async function distinctFreePorts(): Promise<[number, number]> {
  const first = await freePort();
  let second = await freePort();
  while (second === first) second = await freePort();
  return [first, second];
}

function resolveBinary(binary: string): string {
  const candidates = binary.includes('/')
    ? [binary]
    : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, binary));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  throw new EtcdNotFoundError(binary);
}

function readTail(file: string, maxChars = 4_000): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length > maxChars ? text.slice(-maxChars) : text;
  } catch {
    return '(no log)';
  }
}

let guardInstalled = false;

/**
 * A test process that dies abnormally (uncaught error, process.exit, Ctrl-C, jest killing a worker)
 * must not leave etcd servers or their data dirs behind. 'exit' handlers must be synchronous, so this
 * sends SIGKILL and removes the dirs with rmSync.
 * For signals we only step in when nobody else handles them, and then re-raise the signal so the
 * process still ends the way it would have.
 */
function installExitGuard(): void {
  if (guardInstalled) return;
  guardInstalled = true;
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    if (process.listenerCount(signal) > 0) continue;
    const onSignal = (): void => {
      killAllSync();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function killAllSync(): void {
  for (const { child, dir } of running.values()) {
    try {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // already gone; nothing more can be done from an exiting process
    }
  }
  running.clear();
}
