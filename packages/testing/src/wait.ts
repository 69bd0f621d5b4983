/** waitFor gave up: carries what was awaited and the last error the probe threw, if any. */
export class WaitTimeoutError extends Error {
  constructor(
    readonly description: string,
    readonly timeoutMs: number,
    readonly lastError?: unknown,
  ) {
    super(
      `timed out after ${timeoutMs} ms waiting for ${description}` +
        (lastError === undefined ? '' : `; last error: ${describeError(lastError)}`),
    );
    this.name = 'WaitTimeoutError';
  }
}

export interface WaitOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Pause between probes (default 50 ms). */
  intervalMs?: number;
  /** What is awaited, for the timeout message. */
  description?: string;
}

type Probe<T> = () => Promise<T | undefined | false> | T | undefined | false;

/**
 * Polls `fn` until it returns something other than `undefined` or `false`, and returns that. A probe that
 * throws counts as "not yet" (its error is kept for the timeout message), because the thing awaited is
 * often a server that is still starting. Tests use this instead of fixed sleeps.
 */
export async function waitFor<T>(fn: Probe<T>, opts: WaitOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 50;
  const description = opts.description ?? 'condition';
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await withinDeadline(fn, deadline - Date.now());
      if (result !== undefined && result !== false) return result;
    } catch (err) {
      if (err === probeTimedOut) throw new WaitTimeoutError(description, timeoutMs, lastError);
      lastError = err;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new WaitTimeoutError(description, timeoutMs, lastError);
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, remaining)));
  }
}

const probeTimedOut = Symbol('probe timed out');

/** Runs one probe, but never waits for it past the deadline (a hung probe must not hang the test). */
async function withinDeadline<T>(fn: Probe<T>, remainingMs: number): Promise<T | undefined | false> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(probeTimedOut), Math.max(remainingMs, 0));
  });
  try {
    return await Promise.race([Promise.resolve().then(fn), expired]);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
