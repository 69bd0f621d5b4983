/**
 * The scheduling queue, after kube-scheduler's: pods waiting for a cycle sit in activeQ (highest
 * priority first, then the longest waiting); a pod that failed waits out a back-off in backoffQ
 * (1 s doubling per attempt up to 10 s by default), or, when no node fitted, in the unschedulable set
 * until a cluster change that might help moves it back (or 5 minutes pass). A failure reported after
 * such a change happened during the pod's own cycle goes to backoffQ, so the change is not missed.
 */
import { deepEqual, objectKey, type Pod } from '@tinykube/api';
import { realClock, type Clock } from '@tinykube/client';
import { KeyedHeap } from './heap';

export interface QueuedPodInfo {
  key: string;
  pod: Pod;
  /** When it last entered a queue: orders equal priorities, and starts the back-off. */
  timestamp: number;
  /** When it first entered the queue: the start of its end-to-end scheduling latency. */
  initialAttemptTimestamp: number;
  /** Scheduling cycles tried so far. */
  attempts: number;
}

export interface SchedulingQueueOptions {
  clock?: Clock;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a pod may stay unschedulable before it is tried again anyway (default 5 min). */
  maxUnschedulableMs?: number;
  /** How often the unschedulable set is checked for such pods (default 30 s). */
  unschedulableFlushIntervalMs?: number;
}

export type QueueName = 'active' | 'backoff' | 'unschedulable';

const priorityOf = (p: Pod): number => p.spec?.priority ?? 0;

export class SchedulingQueue {
  private readonly clock: Clock;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxUnschedulableMs: number;
  private readonly activeQ = new KeyedHeap<QueuedPodInfo>(
    (q) => q.key,
    (a, b) => priorityOf(a.pod) > priorityOf(b.pod) || (priorityOf(a.pod) === priorityOf(b.pod) && a.timestamp < b.timestamp),
  );
  private readonly backoffQ = new KeyedHeap<QueuedPodInfo>(
    (q) => q.key,
    (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b),
  );
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  /** Popped and not yet done. */
  private readonly inFlight = new Set<string>();
  /** In-flight pods whose spec or metadata changed during their cycle. */
  private readonly changedInFlight = new Set<string>();
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  private waiters: Array<() => void> = [];
  private closed = false;
  private cancelBackoffTimer: (() => void) | undefined;
  private backoffTimerAt = Infinity;
  private readonly cancelFlushTimer: () => void;

  constructor(opts: SchedulingQueueOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.initialBackoffMs = opts.initialBackoffMs ?? 1000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.maxUnschedulableMs = opts.maxUnschedulableMs ?? 5 * 60_000;
    const interval = opts.unschedulableFlushIntervalMs ?? 30_000;
    let cancel = () => {};
    const tick = () => {
      this.flushUnschedulableLeftover();
      cancel = this.clock.setTimer(tick, interval);
    };
    cancel = this.clock.setTimer(tick, interval);
    this.cancelFlushTimer = () => cancel();
  }

  /** A new pending pod (or one seen again): straight to activeQ unless already queued. */
  add(pod: Pod): void {
    const key = objectKey(pod);
    if (this.closed || this.inFlight.has(key)) return;
    const existing = this.find(key);
    if (existing) {
      this.update(existing.pod, pod);
      return;
    }
    const now = this.clock.now();
    this.pushActive({ key, pod, timestamp: now, initialAttemptTimestamp: now, attempts: 0 });
  }

  /**
   * The pod object changed. Queued: the new object replaces the old; an unschedulable pod whose spec
   * or metadata changed (not just its status) gets another chance. In flight: remembered, so a failure
   * goes to backoffQ rather than waiting for an unrelated cluster change.
   */
  update(oldPod: Pod, newPod: Pod): void {
    const key = objectKey(newPod);
    if (this.inFlight.has(key)) {
      if (schedulingPropertiesChanged(oldPod, newPod)) this.changedInFlight.add(key);
      return;
    }
    const active = this.activeQ.get(key);
    if (active) return this.activeQ.push({ ...active, pod: newPod });
    const backingOff = this.backoffQ.get(key);
    if (backingOff) return this.backoffQ.push({ ...backingOff, pod: newPod });
    const parked = this.unschedulable.get(key);
    if (parked) {
      if (!schedulingPropertiesChanged(oldPod, newPod)) {
        this.unschedulable.set(key, { ...parked, pod: newPod });
        return;
      }
      this.unschedulable.delete(key);
      const moved = { ...parked, pod: newPod };
      if (this.isBackingOff(moved)) this.pushBackoff(moved);
      else this.pushActive(moved);
      return;
    }
    this.add(newPod);
  }

  /** The pod is gone, or bound by someone: it leaves every queue. */
  delete(pod: Pod): void {
    const key = objectKey(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    this.done(key);
  }

  /** The next pod to schedule; waits while activeQ is empty. Undefined once closed or aborted. */
  async pop(signal?: AbortSignal): Promise<QueuedPodInfo | undefined> {
    while (!this.closed && !signal?.aborted && this.activeQ.size === 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.waiters.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
    if (this.closed || signal?.aborted) return undefined;
    const q = this.activeQ.pop()!;
    q.attempts++;
    this.schedulingCycle++;
    this.inFlight.add(q.key);
    return q;
  }

  /** The cycle number of the last pop; pass it back when the attempt fails. */
  currentCycle(): number {
    return this.schedulingCycle;
  }

  /** The attempt is over (bound, or requeued): the pod is no longer in flight. */
  done(key: string): void {
    this.inFlight.delete(key);
    this.changedInFlight.delete(key);
  }

  /**
   * No node fitted. Parked until a cluster change, unless a change already came during this pod's
   * cycle (or the pod itself changed), in which case it just backs off. `pod` is the latest object.
   */
  addUnschedulable(q: QueuedPodInfo, pod: Pod, podSchedulingCycle: number): void {
    if (!this.inFlight.has(q.key) || this.closed) return;
    const changedInFlight = this.changedInFlight.has(q.key);
    this.done(q.key);
    const next: QueuedPodInfo = { ...q, pod, timestamp: this.clock.now() };
    if (changedInFlight || this.moveRequestCycle >= podSchedulingCycle) this.pushBackoff(next);
    else this.unschedulable.set(q.key, next);
  }

  /** The attempt failed for another reason (an error, a rejected binding): retry after the back-off. */
  addBackoff(q: QueuedPodInfo, pod: Pod): void {
    this.done(q.key);
    if (this.closed || this.find(q.key)) return;
    this.pushBackoff({ ...q, pod, timestamp: this.clock.now() });
  }

  /** A cluster change that may let parked pods fit: they go back to activeQ (or backoffQ if still backing off). */
  moveAllToActiveOrBackoff(): void {
    for (const q of this.unschedulable.values()) {
      if (this.isBackingOff(q)) this.pushBackoff(q);
      else this.pushActive(q);
    }
    this.unschedulable.clear();
    this.moveRequestCycle = this.schedulingCycle;
  }

  lengths(): Record<QueueName, number> {
    return { active: this.activeQ.size, backoff: this.backoffQ.size, unschedulable: this.unschedulable.size };
  }

  /** Which queue holds the pod, if any (in flight counts as none). */
  where(key: string): QueueName | undefined {
    if (this.activeQ.has(key)) return 'active';
    if (this.backoffQ.has(key)) return 'backoff';
    if (this.unschedulable.has(key)) return 'unschedulable';
    return undefined;
  }

  close(): void {
    this.closed = true;
    this.cancelFlushTimer();
    this.cancelBackoffTimer?.();
    this.wake();
  }

  /** kube-scheduler's back-off: initial * 2^(attempts-1), at most max. */
  backoffDuration(attempts: number): number {
    let d = this.initialBackoffMs;
    for (let i = 1; i < attempts; i++) {
      d *= 2;
      if (d >= this.maxBackoffMs) return this.maxBackoffMs;
    }
    return Math.min(d, this.maxBackoffMs);
  }

  private backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q.attempts);
  }

  private isBackingOff(q: QueuedPodInfo): boolean {
    return this.backoffExpiry(q) > this.clock.now();
  }

  private find(key: string): QueuedPodInfo | undefined {
    return this.activeQ.get(key) ?? this.backoffQ.get(key) ?? this.unschedulable.get(key);
  }

  private pushActive(q: QueuedPodInfo): void {
    this.activeQ.push(q);
    this.wake();
  }

  private pushBackoff(q: QueuedPodInfo): void {
    this.backoffQ.push(q);
    this.armBackoffTimer();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** One timer, for the earliest back-off to end; re-armed whenever that changes. */
  private armBackoffTimer(): void {
    const head = this.backoffQ.peek();
    const at = head ? this.backoffExpiry(head) : Infinity;
    if (at === this.backoffTimerAt || this.closed) return;
    this.cancelBackoffTimer?.();
    this.cancelBackoffTimer = undefined;
    this.backoffTimerAt = at;
    if (at === Infinity) return;
    this.cancelBackoffTimer = this.clock.setTimer(() => {
      this.backoffTimerAt = Infinity;
      this.cancelBackoffTimer = undefined;
      this.flushBackoffCompleted();
    }, at - this.clock.now());
  }

  private flushBackoffCompleted(): void {
    const now = this.clock.now();
    for (let head = this.backoffQ.peek(); head && this.backoffExpiry(head) <= now; head = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.pushActive(head);
    }
    this.armBackoffTimer();
  }

  private flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    for (const [key, q] of this.unschedulable) {
      if (now - q.timestamp < this.maxUnschedulableMs) continue;
      this.unschedulable.delete(key);
      if (this.isBackingOff(q)) this.pushBackoff(q);
      else this.pushActive(q);
    }
  }
}

/** Did anything but status and bookkeeping change? (A status-only write, e.g. our own condition, does not count.) */
export function schedulingPropertiesChanged(oldPod: Pod, newPod: Pod): boolean {
  const strip = (p: Pod) => {
    const { resourceVersion: _rv, generation: _g, managedFields: _m, ...meta } = p.metadata;
    return [meta, p.spec];
  };
  return !deepEqual(strip(oldPod), strip(newPod));
}
