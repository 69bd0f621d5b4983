/**
 * Zones and the rate at which their nodes may be tainted NoExecute (so their pods evicted), as
 * Kubernetes does it: a healthy zone at --node-eviction-rate, a partially disrupted big zone at the
 * secondary rate, a small one or a fully disrupted one not at all (a whole zone going dark looks more
 * like a network split than like dead machines).
 */
import type { Node } from '@tinykube/api';
import type { Clock } from '@tinykube/client';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

export function zoneOf(node: Node): string {
  const l = node.metadata.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region || zone ? `${region}:\x00:${zone}` : '';
}

export function zoneState(ready: number, notReady: number, unhealthyThreshold: number): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (ready + notReady) >= unhealthyThreshold) return 'PartialDisruption';
  return 'Normal';
}

export interface RateOptions {
  evictionRate: number;
  secondaryEvictionRate: number;
  largeClusterSizeThreshold: number;
}

export function zoneRate(state: ZoneState, zoneSize: number, o: RateOptions): number {
  if (state === 'Normal') return o.evictionRate;
  if (state === 'PartialDisruption') return zoneSize > o.largeClusterSizeThreshold ? o.secondaryEvictionRate : 0;
  return 0;
}

/** A FIFO of node names let through at `qps` (burst 1), like Kubernetes' RateLimitedTimedQueue. */
export class RateLimitedQueue {
  private readonly items: string[] = [];
  private qps: number;
  private tokens = 1;
  private last: number;

  constructor(
    private readonly clock: Clock,
    qps: number,
  ) {
    this.qps = qps;
    this.last = clock.now();
  }

  setRate(qps: number): void {
    this.refill();
    this.qps = qps;
  }

  add(name: string): void {
    if (!this.items.includes(name)) this.items.push(name);
  }

  remove(name: string): void {
    const i = this.items.indexOf(name);
    if (i >= 0) this.items.splice(i, 1);
  }

  has(name: string): boolean {
    return this.items.includes(name);
  }

  /** Takes the next names the rate allows now. */
  take(): string[] {
    this.refill();
    const out: string[] = [];
    while (this.items.length > 0 && this.qps > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      out.push(this.items.shift()!);
    }
    return out;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(1, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
  }
}
