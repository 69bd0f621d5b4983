/**
 * Turns a container's raw stdout/stderr files into its CRI log file. The container writes straight
 * into files (not pipes), so it keeps running, and keeps its output, while the runtime restarts; the
 * runtime copies what is new into the CRI log as `<RFC3339Nano> <stream> <F|P> <text>` lines.
 * Lines are stamped when the runtime reads them (it polls every few hundred milliseconds).
 *
 * Progress is an offset per stream that only moves past complete lines, persisted with the container,
 * so after a restart copying resumes where it stopped. A line longer than MAX_LINE is cut into P
 * (partial) records ending with an F record, as the kubelet's CRI readers expect.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rfc3339Nano } from '@tinykube/api';

export type StreamName = 'stdout' | 'stderr';
export type LogOffsets = Record<StreamName, number>;

export const MAX_LINE = 16 * 1024;
const MAX_READ = 4 * 1024 * 1024;
const STREAMS: StreamName[] = ['stdout', 'stderr'];

/** RFC3339 with nine fraction digits, e.g. 2024-05-01T10:00:00.123000000Z. */
export function criTimestamp(ms: number = Date.now()): string {
  return rfc3339Nano(ms);
}

export function criLogLine(stream: StreamName, tag: 'F' | 'P', text: string, ms?: number): string {
  return `${criTimestamp(ms)} ${stream} ${tag} ${text}\n`;
}

export interface CriLogRecord {
  /** The timestamp as written (RFC3339Nano). */
  time: string;
  stream: StreamName;
  /** False for a partial (P) record: the line continues in the next record of the same stream. */
  complete: boolean;
  text: string;
}

/** Parses one line of a CRI log file (without its newline); undefined when it is not one. */
export function parseCriLogLine(line: string): CriLogRecord | undefined {
  const m = /^(\S+) (stdout|stderr) ([FP]) ?(.*)$/s.exec(line);
  if (!m) return undefined;
  return { time: m[1], stream: m[2] as StreamName, complete: m[3] === 'F', text: m[4] };
}

export class CriLogCopier {
  private logFd: number | undefined;

  /**
   * @param rawDir directory holding the `stdout` and `stderr` files the process writes
   * @param logPath the CRI log file ('' means: keep raw output only)
   */
  constructor(
    private readonly rawDir: string,
    private readonly logPath: string,
    readonly offsets: LogOffsets = { stdout: 0, stderr: 0 },
  ) {}

  static rawPath(rawDir: string, stream: StreamName): string {
    return path.join(rawDir, stream);
  }

  /**
   * Copies complete new lines; with `final` (the process is gone) also the unterminated rest.
   * Returns true when something was copied (the caller then persists `offsets`).
   */
  copy(final = false): boolean {
    if (!this.logPath) return false;
    let copied = false;
    for (const stream of STREAMS) {
      let data: Buffer;
      try {
        data = readFrom(CriLogCopier.rawPath(this.rawDir, stream), this.offsets[stream]);
      } catch {
        continue; // not created yet, or removed with the container
      }
      if (data.length === 0) continue;
      const out: string[] = [];
      let start = 0;
      for (;;) {
        const nl = data.indexOf(0x0a, start);
        const end = nl === -1 ? data.length : nl;
        if (end - start > MAX_LINE) {
          out.push(criLogLine(stream, 'P', data.subarray(start, start + MAX_LINE).toString('utf8')));
          start += MAX_LINE;
          continue;
        }
        if (nl === -1) {
          if (final && start < data.length) {
            out.push(criLogLine(stream, 'F', data.subarray(start).toString('utf8')));
            start = data.length;
          }
          break;
        }
        out.push(criLogLine(stream, 'F', data.subarray(start, nl).toString('utf8')));
        start = nl + 1;
      }
      if (out.length > 0) {
        this.append(out.join(''));
        this.offsets[stream] += start;
        copied = true;
      }
    }
    return copied;
  }

  /** After log rotation (the file was renamed away): the next write creates a new file. */
  reopen(): void {
    this.close();
  }

  close(): void {
    if (this.logFd !== undefined) fs.closeSync(this.logFd);
    this.logFd = undefined;
  }

  private append(text: string): void {
    if (this.logFd === undefined) {
      fs.mkdirSync(path.dirname(this.logPath), { recursive: true });
      this.logFd = fs.openSync(this.logPath, 'a');
    }
    fs.writeSync(this.logFd, text);
  }
}

function readFrom(file: string, offset: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size <= offset) return Buffer.alloc(0);
    // Bounded per pass so a chatty container cannot make the runtime allocate its whole output at once.
    const buf = Buffer.alloc(Math.min(size - offset, MAX_READ));
    const n = fs.readSync(fd, buf, 0, buf.length, offset);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}
