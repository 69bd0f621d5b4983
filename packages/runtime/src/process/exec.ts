/**
 * ExecSync for the process driver: the command runs on the host with the container's environment,
 * working directory and mount path rewriting, and its output is captured (capped like containerd's).
 */
import { spawn } from 'node:child_process';
import { DeadlineExceededError, CriError, GrpcStatus } from '../cri/errors';
import type { ExecSyncResponse } from '../cri/types';
import type { LaunchSpec } from './command';
import { signalExitCode } from '../cri/records';

const MAX_OUTPUT = 16 * 1024 * 1024;

export function execSyncProcess(spec: LaunchSpec, timeoutSec: number): Promise<ExecSyncResponse> {
  return new Promise((resolve, reject) => {
    const child = spawn(spec.argv[0], spec.argv.slice(1), { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sizes = { out: 0, err: 0 };
    const collect = (into: Buffer[], key: 'out' | 'err') => (chunk: Buffer) => {
      if (sizes[key] >= MAX_OUTPUT) return;
      const part = chunk.subarray(0, MAX_OUTPUT - sizes[key]);
      sizes[key] += part.length;
      into.push(part);
    };
    child.stdout.on('data', collect(out, 'out'));
    child.stderr.on('data', collect(err, 'err'));
    let timedOut = false;
    const timer =
      timeoutSec > 0
        ? setTimeout(() => {
            timedOut = true;
            try {
              if (child.pid) process.kill(-child.pid, 'SIGKILL');
            } catch {
              // already gone
            }
          }, timeoutSec * 1000)
        : undefined;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(new CriError(GrpcStatus.UNKNOWN, `failed to exec in container: ${e.message}`, { method: 'execSync' }));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (timedOut) {
        reject(new DeadlineExceededError(`command ${JSON.stringify(spec.argv)} timed out after ${timeoutSec}s`, { method: 'execSync' }));
        return;
      }
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), exitCode: code ?? signalExitCode(signal ?? 'SIGKILL') });
    });
  });
}
