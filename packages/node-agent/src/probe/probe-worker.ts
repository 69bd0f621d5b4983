/**
 * One probe of one container instance, run on its schedule: nothing before initialDelaySeconds after
 * the container started, then every periodSeconds; the published result flips only after
 * successThreshold successes or failureThreshold failures in a row. Readiness starts as failure,
 * liveness as success, startup as "not yet". A liveness or startup failure ends the worker: the
 * container is about to be killed, and its next instance gets new workers.
 */
import type { Probe } from '@tinykube/api';
import type { Clock } from '@tinykube/client';
import type { ProbeOutcome } from './run-probe';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export const PROBE_EVENT_NAMES: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export interface ProbeWorkerOptions {
  kind: ProbeKind;
  probe: Probe;
  /** When the container instance started (ms since the epoch). */
  startedAtMs: number;
  clock: Clock;
  attempt: () => Promise<ProbeOutcome>;
  /** Liveness and readiness wait for the startup probe to succeed. */
  mayRun: () => boolean;
  /** A failed attempt (for Unhealthy events), whether or not the result flips. */
  onFailedAttempt: (output: string) => void;
  /** The published result changed. */
  onResult: (ok: boolean) => void;
}

export class ProbeWorker {
  private ok: boolean;
  private successes = 0;
  private failures = 0;
  private cancelTimer: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly opts: ProbeWorkerOptions) {
    this.ok = opts.kind === 'liveness';
  }

  get result(): boolean {
    return this.ok;
  }

  start(): void {
    const delayMs = this.opts.startedAtMs + (this.opts.probe.initialDelaySeconds ?? 0) * 1000 - this.opts.clock.now();
    this.schedule(Math.max(0, delayMs));
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancelTimer = this.opts.clock.setTimer(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    const periodMs = (this.opts.probe.periodSeconds ?? 10) * 1000;
    if (!this.opts.mayRun()) {
      this.schedule(periodMs);
      return;
    }
    const outcome = await this.opts.attempt();
    if (this.stopped) return;
    if (outcome.result === 'success') {
      this.failures = 0;
      this.successes++;
      // Liveness and startup need one success (Kubernetes forces successThreshold 1 for them).
      const needed = this.opts.kind === 'readiness' ? (this.opts.probe.successThreshold ?? 1) : 1;
      if (!this.ok && this.successes >= needed) this.flip(true);
      // A startup probe that succeeded has done its job.
      if (this.opts.kind === 'startup' && this.ok) return;
    } else {
      this.successes = 0;
      this.failures++;
      this.opts.onFailedAttempt(outcome.output);
      if (this.ok !== false || this.opts.kind !== 'readiness') {
        if (this.failures >= (this.opts.probe.failureThreshold ?? 3)) {
          if (this.opts.kind === 'readiness') this.flip(false);
          else {
            this.ok = false;
            this.opts.onResult(false);
            return;
          }
        }
      }
    }
    this.schedule(periodMs);
  }

  private flip(ok: boolean): void {
    this.ok = ok;
    this.opts.onResult(ok);
  }
}
