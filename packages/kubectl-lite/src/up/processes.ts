/**
 * The component processes `up` starts: each a `node <bin>` child with its output in a log file, stopped
 * with SIGTERM and, after a deadline, SIGKILL. Nothing here knows which component it runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  running(): boolean;
  stop(graceMs?: number): Promise<void>;
}

/** The bin of a workspace package, found through Node's resolution so `up` works from any directory. */
export function binPath(pkg: string, bin: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', `${bin}.js`);
}

export function startProcess(name: string, script: string, args: string[], logFile: string): ManagedProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child: ChildProcess = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      log.end();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const pid = child.pid;
  return {
    name,
    pid,
    logFile,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls until `probe` is truthy; fails with `what` (and the process's log file) after the deadline. */
export async function waitUntil(probe: () => Promise<boolean> | boolean, what: string, timeoutMs: number, proc?: ManagedProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    if (proc && !proc.running()) throw new Error(`${proc.name} exited while waiting for ${what}; see ${proc.logFile}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${proc ? `; see ${proc.logFile}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
