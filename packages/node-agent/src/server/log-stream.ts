/**
 * Streams one container's CRI log file to an HTTP response: what is there now (after the options),
 * then, with follow, new lines as they are written, until the container stops running or the client
 * goes away. The file is polled rather than watched: simple, and the same on every filesystem.
 */
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { CriLogParser, formatLine, selectLines, splitRecords, type LogReadOptions } from './cri-log';

export interface FollowOptions extends LogReadOptions {
  follow: boolean;
  /** Still running? Asked whenever the file stops growing; a false ends a follow. */
  isRunning: () => Promise<boolean>;
  pollMs?: number;
  signal: AbortSignal;
}

export async function streamLog(path: string, res: ServerResponse, opts: FollowOptions): Promise<void> {
  const parser = new CriLogParser();
  let budget = opts.limitBytes ?? Infinity;
  const write = (text: string): boolean => {
    if (budget <= 0) return false;
    const buf = Buffer.from(text, 'utf8');
    const part = buf.length > budget ? buf.subarray(0, budget) : buf;
    budget -= part.length;
    res.write(part);
    return budget > 0;
  };

  const file = await open(path, 'r').catch(() => undefined);
  let offset = 0;
  let rest = '';
  const readNew = async (): Promise<string[]> => {
    if (!file) return [];
    const chunks: Buffer[] = [];
    for (;;) {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await file.read(buf, 0, buf.length, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      chunks.push(buf.subarray(0, bytesRead));
    }
    const split = splitRecords(rest + Buffer.concat(chunks).toString('utf8'));
    rest = split.rest;
    return split.records;
  };

  try {
    const first = parser.parse(await readNew());
    for (const text of selectLines(first, opts)) if (!write(text)) return;
    if (!opts.follow) return;
    const pollMs = opts.pollMs ?? 200;
    let quietSince = Date.now();
    while (!opts.signal.aborted) {
      const lines = parser.parse(await readNew());
      if (lines.length > 0) {
        quietSince = Date.now();
        for (const line of lines) if (!write(formatLine(line, opts.timestamps))) return;
        continue;
      }
      // The file is quiet: end the follow once the container has stopped (after one last read).
      if (Date.now() - quietSince >= pollMs && !(await opts.isRunning())) {
        for (const line of parser.parse(await readNew())) if (!write(formatLine(line, opts.timestamps))) return;
        return;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        opts.signal.addEventListener('abort', () => {
          clearTimeout(t);
          resolve();
        }, { once: true });
      });
    }
  } finally {
    await file?.close();
  }
}
