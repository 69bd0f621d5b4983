/**
 * Reading CRI log files (`<RFC3339Nano> <stdout|stderr> <F|P> <text>` per line): partial records
 * joined into whole lines, then the kubelet's options: sinceTime, tailLines, timestamps, limitBytes.
 */
export interface LogLine {
  timestamp: string;
  timeMs: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface LogReadOptions {
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  /** Only lines logged at or after this time (ms since the epoch). */
  sinceMs?: number;
}

/**
 * Turns complete records into log lines; `pending` carries a P(artial) record's text into the next
 * call, so a stream read in chunks joins partials correctly.
 */
export class CriLogParser {
  private pending = new Map<string, string>();

  parse(records: string[]): LogLine[] {
    const out: LogLine[] = [];
    for (const record of records) {
      const m = /^(\S+) (stdout|stderr) ([FP])(?: (.*))?$/s.exec(record);
      if (!m) continue;
      const [, timestamp, stream, tag, text = ''] = m;
      const joined = (this.pending.get(stream) ?? '') + text;
      if (tag === 'P') {
        this.pending.set(stream, joined);
        continue;
      }
      this.pending.delete(stream);
      out.push({ timestamp, timeMs: Date.parse(timestamp), stream: stream as LogLine['stream'], text: joined });
    }
    return out;
  }
}

/** Splits a chunk into complete records (ending in a newline) and the unfinished rest. */
export function splitRecords(data: string): { records: string[]; rest: string } {
  const end = data.lastIndexOf('\n');
  if (end < 0) return { records: [], rest: data };
  return { records: data.slice(0, end).split('\n'), rest: data.slice(end + 1) };
}

export function formatLine(line: LogLine, timestamps: boolean): string {
  return timestamps ? `${line.timestamp} ${line.text}\n` : `${line.text}\n`;
}

/** The lines of a whole log that the options select, formatted. */
export function selectLines(lines: LogLine[], opts: LogReadOptions): string[] {
  let chosen = opts.sinceMs === undefined ? lines : lines.filter((l) => l.timeMs >= opts.sinceMs!);
  if (opts.tailLines !== undefined) chosen = opts.tailLines === 0 ? [] : chosen.slice(-opts.tailLines);
  return chosen.map((l) => formatLine(l, opts.timestamps));
}
