/** Prometheus metrics of the apiserver (prom-client, one registry per server so tests can run several). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'apiserver_request_total',
    help: 'Requests by verb, group, resource, subresource and HTTP code.',
    labelNames: ['verb', 'group', 'resource', 'subresource', 'code'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'apiserver_request_duration_seconds',
    help: 'Request latency by verb, group, resource and subresource (watches: until the stream is set up).',
    labelNames: ['verb', 'group', 'resource', 'subresource'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 2, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly inflight = new Gauge({
    name: 'apiserver_current_inflight_requests',
    help: 'Requests being served, watches excluded.',
    registers: [this.registry],
  });
  readonly watchers: Gauge;

  constructor(countWatchers: () => number) {
    this.watchers = new Gauge({
      name: 'apiserver_registered_watchers',
      help: 'Client watches being served from the watch caches.',
      registers: [this.registry],
      collect() {
        this.set(countWatchers());
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }
}
