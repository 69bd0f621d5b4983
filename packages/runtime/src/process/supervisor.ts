/**
 * Runs container processes and notices when they end. A process is started detached (own session and
 * process group, output straight into files) so it outlives the runtime; while the runtime runs, its own
 * children report their exit status, and processes adopted after a restart are polled by pid + start
 * time (their exit status went to whoever reaped them, so it is reported as unknown, or as the signal
 * the runtime sent). The same poll copies new output into the CRI logs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type { Logger } from 'pino';
import { CriError, GrpcStatus } from '../cri/errors';
import { exitReason, nowNs, signalExitCode } from '../cri/records';
import type { LaunchSpec } from './command';
import { CriLogCopier } from './cri-log';
import { isProcessAlive, processStartTime, signalGroup } from './procs';
import type { ProcessContainerRecord, StateStore } from './store';

/** What containerd reports for an exit it could not observe. */
export const UNKNOWN_EXIT_CODE = 255;
export const UNKNOWN_EXIT_REASON = 'Unknown';
/** How long to wait for a process to vanish after SIGKILL before calling the stop a failure. */
const KILL_WAIT_MS = 10_000;

interface Running {
  record: ProcessContainerRecord;
  copier: CriLogCopier;
  /** True for a process found alive after a restart: not our child, so no exit event. */
  adopted: boolean;
  exited: Promise<void>;
  markExited: () => void;
}

export class Supervisor {
  private readonly running = new Map<string, Running>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly store: StateStore,
    pollIntervalMs: number,
    private readonly logger?: Logger,
  ) {
    this.timer = setInterval(() => this.poll(), pollIntervalMs);
    this.timer.unref();
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Starts the process; on failure records a StartError exit (as containerd does) and throws. */
  async launch(record: ProcessContainerRecord, spec: LaunchSpec): Promise<void> {
    const rawDir = this.store.containerStateDir(record.id);
    fs.mkdirSync(rawDir, { recursive: true });
    const out = fs.openSync(CriLogCopier.rawPath(rawDir, 'stdout'), 'a');
    const err = fs.openSync(CriLogCopier.rawPath(rawDir, 'stderr'), 'a');
    let child: ChildProcess;
    try {
      child = await spawnDetached(spec, out, err);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      Object.assign(record, { state: 'CONTAINER_EXITED', exitCode: 128, reason: 'StartError', message, startedAt: 0, finishedAt: nowNs() });
      this.store.saveContainer(record);
      throw new CriError(GrpcStatus.UNKNOWN, `failed to start container ${record.id}: ${message}`, { method: 'startContainer' });
    } finally {
      fs.closeSync(out);
      fs.closeSync(err);
    }
    const pid = child.pid ?? 0;
    Object.assign(record, { pid, pidStartTime: processStartTime(pid), state: 'CONTAINER_RUNNING', startedAt: nowNs() });
    this.store.saveContainer(record);
    const entry = this.track(record, false);
    child.on('exit', (code, signal) => {
      const exitCode = code ?? signalExitCode(signal ?? 'SIGKILL');
      this.finish(entry, exitCode, exitReason(exitCode), '');
    });
    // The runtime may exit (or restart) while the container runs on.
    child.unref();
  }

  /**
   * After a restart: keeps watching a container recorded as running if its process still exists,
   * else records that it exited while nobody watched.
   */
  adopt(record: ProcessContainerRecord): void {
    const entry = this.track(record, true);
    if (!isProcessAlive(record.pid, record.pidStartTime)) this.finishUnobserved(entry);
  }

  /** SIGTERM, up to `timeoutSec` for the process to go, then SIGKILL. Resolves once it has exited. */
  async stop(id: string, timeoutSec: number): Promise<void> {
    const entry = this.running.get(id);
    if (!entry) return;
    if (timeoutSec > 0) {
      this.send(entry, 'SIGTERM');
      if (await this.waitExit(entry, timeoutSec * 1000)) return;
    }
    this.send(entry, 'SIGKILL');
    if (!(await this.waitExit(entry, KILL_WAIT_MS))) {
      throw new CriError(GrpcStatus.UNKNOWN, `container ${id} (pid ${entry.record.pid}) did not exit after SIGKILL`, { method: 'stopContainer' });
    }
  }

  reopenLog(id: string): boolean {
    const entry = this.running.get(id);
    entry?.copier.reopen();
    return entry !== undefined;
  }

  /** Stops watching; processes keep running and a later runtime on the same root adopts them. */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const entry of this.running.values()) entry.copier.close();
    this.running.clear();
  }

  private track(record: ProcessContainerRecord, adopted: boolean): Running {
    let markExited = () => {};
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    const copier = new CriLogCopier(this.store.containerStateDir(record.id), record.logPath, record.logOffsets);
    const entry: Running = { record, copier, adopted, exited, markExited };
    this.running.set(record.id, entry);
    return entry;
  }

  private send(entry: Running, signal: NodeJS.Signals): void {
    entry.record.lastSignal = signal;
    this.store.saveContainer(entry.record);
    signalGroup(entry.record.pid, signal);
  }

  private async waitExit(entry: Running, ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const done = await Promise.race([entry.exited.then(() => true), timedOut]);
    clearTimeout(timer);
    return done;
  }

  private poll(): void {
    for (const entry of [...this.running.values()]) {
      try {
        if (entry.copier.copy()) this.store.saveContainer(entry.record);
        if (entry.adopted && !isProcessAlive(entry.record.pid, entry.record.pidStartTime)) this.finishUnobserved(entry);
      } catch (err) {
        this.logger?.warn({ err, containerId: entry.record.id }, 'watching container failed');
      }
    }
  }

  private finishUnobserved(entry: Running): void {
    const signal = entry.record.lastSignal;
    if (signal) {
      const code = signalExitCode(signal);
      this.finish(entry, code, exitReason(code), `exited after ${signal}; exit status not observed`);
    } else {
      this.finish(entry, UNKNOWN_EXIT_CODE, UNKNOWN_EXIT_REASON, 'the process ended while tinykube-runtime was not watching; its exit status is unknown');
    }
  }

  private finish(entry: Running, exitCode: number, reason: string, message: string): void {
    if (this.closed || this.running.get(entry.record.id) !== entry) return;
    this.running.delete(entry.record.id);
    const record = entry.record;
    // Like a container's PID namespace ending with its init: nothing the process left behind survives it.
    signalGroup(record.pid, 'SIGKILL');
    try {
      entry.copier.copy(true);
    } finally {
      entry.copier.close();
    }
    Object.assign(record, { state: 'CONTAINER_EXITED', exitCode, reason, message, finishedAt: nowNs() });
    this.store.saveContainer(record);
    entry.markExited();
  }
}

function spawnDetached(spec: LaunchSpec, out: number, err: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(spec.argv[0], spec.argv.slice(1), { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', out, err] });
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}
