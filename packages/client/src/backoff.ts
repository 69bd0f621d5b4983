/** Exponential back-off with jitter for reconnects and retries (not for the work queue, which has its own). */
export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** 0.1 spreads each delay over [d, 1.1 d), so many clients do not retry in step. */
  jitter?: number;
  /** After this long without a failure the delay starts from initialMs again. */
  resetAfterMs?: number;
  random?: () => number;
}

export class Backoff {
  private readonly opts: Required<BackoffOptions>;
  private currentMs = 0;
  private lastFailureAt: number | undefined;

  constructor(opts: BackoffOptions = {}) {
    this.opts = {
      initialMs: opts.initialMs ?? 800,
      maxMs: opts.maxMs ?? 30_000,
      factor: opts.factor ?? 2,
      jitter: opts.jitter ?? 0.1,
      resetAfterMs: opts.resetAfterMs ?? 120_000,
      random: opts.random ?? Math.random,
    };
  }

  /** The delay before the next attempt, given the time now; each call counts as one more failure. */
  next(now: number): number {
    const { initialMs, maxMs, factor, jitter, resetAfterMs, random } = this.opts;
    if (this.lastFailureAt !== undefined && now - this.lastFailureAt > resetAfterMs) this.currentMs = 0;
    this.currentMs = this.currentMs === 0 ? initialMs : Math.min(this.currentMs * factor, maxMs);
    this.lastFailureAt = now;
    return this.currentMs * (1 + jitter * random());
  }

  reset(): void {
    this.currentMs = 0;
    this.lastFailureAt = undefined;
  }
}
