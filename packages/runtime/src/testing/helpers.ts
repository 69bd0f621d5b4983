/** Small helpers for this package's tests (the shared @tinykube/testing is not a dependency here). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Polls `fn` until it returns something other than undefined/false, or fails after the deadline. */
export async function eventually<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tinykube-${prefix}-`));
}

/** Unix socket paths are limited to ~107 bytes: keep them short and in the temp dir. */
export function socketIn(dir: string, name = 'cri.sock'): string {
  return `unix://${path.join(dir, name)}`;
}

export function readIfExists(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
