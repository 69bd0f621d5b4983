/**
 * CrashLoopBackOff: the delay before a failed container may start again. Kubernetes' rule, per
 * container: the first restart is immediate and sets the delay to the base; while fewer than `delay`
 * ms have passed since the container last finished, it waits ("back-off 10s restarting failed
 * container"); each restart doubles the delay up to the cap; a container that ran long enough (the
 * reset window, 10 minutes by default) starts again from the base.
 */
export interface CrashBackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** A gap this long between two restart decisions forgets the accumulated delay. */
  resetAfterMs?: number;
}

export const DEFAULT_CRASH_BACKOFF: Required<CrashBackoffOptions> = { baseMs: 10_000, maxMs: 300_000, resetAfterMs: 600_000 };

interface Entry {
  delayMs: number;
  /** When the last restart decision was taken (the finish time of the container it restarted). */
  lastUpdateMs: number;
}

export type RestartDecision = { kind: 'restart' } | { kind: 'wait'; delayMs: number; remainingMs: number };

export class CrashBackoff {
  private readonly opts: Required<CrashBackoffOptions>;
  private readonly entries = new Map<string, Entry>();

  constructor(opts: CrashBackoffOptions = {}) {
    this.opts = { ...DEFAULT_CRASH_BACKOFF, ...opts };
  }

  /**
   * May the container (key) that finished at `finishedAtMs` start again at `nowMs`? A 'restart'
   * answer is taken as the restart happening: the delay grows for next time.
   */
  decide(key: string, finishedAtMs: number, nowMs: number): RestartDecision {
    const entry = this.entries.get(key);
    if (entry && finishedAtMs - entry.lastUpdateMs > this.opts.resetAfterMs) this.entries.delete(key);
    const current = this.entries.get(key);
    if (current) {
      const elapsed = nowMs - finishedAtMs;
      if (elapsed < current.delayMs) return { kind: 'wait', delayMs: current.delayMs, remainingMs: current.delayMs - elapsed };
      this.entries.set(key, { delayMs: Math.min(current.delayMs * 2, this.opts.maxMs), lastUpdateMs: finishedAtMs });
    } else {
      this.entries.set(key, { delayMs: this.opts.baseMs, lastUpdateMs: finishedAtMs });
    }
    return { kind: 'restart' };
  }

  /** Forgets every key with this prefix (a pod's containers when the pod goes). */
  forgetPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
