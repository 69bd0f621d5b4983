/**
 * Host process helpers. Containers run detached in their own session, so their process group id is
 * their pid and signals go to the whole group (a shell's children die with it). A pid alone is not an
 * identity after a runtime restart (pids get reused), so a process is recognized by its pid AND its
 * start time from /proc/<pid>/stat.
 */
import * as fs from 'node:fs';

interface ProcStat {
  state: string;
  startTime: string;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces: fields are counted after ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); field 22 (starttime, clock ticks since boot) is rest[19].
  return { state: rest[0], startTime: rest[19] };
}

/** Start time of a live process ('' if it is gone). */
export function processStartTime(pid: number): string {
  return readStat(pid)?.startTime ?? '';
}

/** True while the process with this pid and start time exists and is not a zombie. */
export function isProcessAlive(pid: number, startTime: string): boolean {
  if (pid <= 0) return false;
  const stat = readStat(pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return startTime === '' || stat.startTime === startTime;
}

/** Signals the process group led by `pid`; a group that is already gone is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  if (pid <= 0) return;
  try {
    process.kill(-pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}
