/** Prometheus metrics of the manager: process defaults plus reconcile counts and durations per controller. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ReconcileContext, ReconcileResult } from '@tinykube/client';

export class ControllerMetrics {
  readonly registry = new Registry();
  private readonly reconciles: Counter<'controller' | 'result'>;
  private readonly duration: Histogram<'controller'>;

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.reconciles = new Counter({
      name: 'controller_reconcile_total',
      help: 'Reconciles by controller and result (success, error, requeue).',
      labelNames: ['controller', 'result'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'controller_reconcile_duration_seconds',
      help: 'How long one reconcile took.',
      labelNames: ['controller'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [this.registry],
    });
  }

  /** Wraps a reconcile function so every call is counted and timed. */
  instrument(
    controller: string,
    fn: (key: string, ctx: ReconcileContext) => Promise<ReconcileResult>,
  ): (key: string, ctx: ReconcileContext) => Promise<ReconcileResult> {
    return async (key, ctx) => {
      const end = this.duration.startTimer({ controller });
      try {
        const result = await fn(key, ctx);
        this.reconciles.inc({ controller, result: result ? 'requeue' : 'success' });
        return result;
      } catch (err) {
        this.reconciles.inc({ controller, result: 'error' });
        throw err;
      } finally {
        end();
      }
    };
  }
}
