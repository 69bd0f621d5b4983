/**
 * The scheduler's Prometheus metrics, named as kube-scheduler names them. Each scheduler gets its own
 * registry, so several can run in one process (tests, `kubectl-lite up`) without clashing.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueueName } from './queue/scheduling-queue';

export type AttemptResult = 'scheduled' | 'unschedulable' | 'error';

export class SchedulerMetrics {
  readonly registry = new Registry();
  readonly attempts: Counter<'result' | 'profile'>;
  readonly e2eDuration: Histogram<'result' | 'profile'>;
  readonly pendingPods: Gauge<'queue'>;

  constructor(
    private readonly profile: string,
    lengths: () => Record<QueueName, number>,
    opts: { processMetrics?: boolean } = {},
  ) {
    const registers = [this.registry];
    this.attempts = new Counter({
      name: 'scheduler_schedule_attempts_total',
      help: 'Number of attempts to schedule pods, by the result.',
      labelNames: ['result', 'profile'],
      registers,
    });
    this.e2eDuration = new Histogram({
      name: 'scheduler_e2e_scheduling_duration_seconds',
      help: 'E2e scheduling latency in seconds (scheduling algorithm + binding).',
      labelNames: ['result', 'profile'],
      // kube-scheduler's buckets: 1 ms doubling, 15 of them.
      buckets: Array.from({ length: 15 }, (_, i) => 0.001 * 2 ** i),
      registers,
    });
    this.pendingPods = new Gauge({
      name: 'scheduler_pending_pods',
      help: 'Number of pending pods, by the queue type.',
      labelNames: ['queue'],
      registers,
      collect() {
        const l = lengths();
        this.set({ queue: 'active' }, l.active);
        this.set({ queue: 'backoff' }, l.backoff);
        this.set({ queue: 'unschedulable' }, l.unschedulable);
      },
    });
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  attempt(result: AttemptResult, seconds: number): void {
    this.attempts.inc({ result, profile: this.profile });
    this.e2eDuration.observe({ result, profile: this.profile }, seconds);
  }
}
