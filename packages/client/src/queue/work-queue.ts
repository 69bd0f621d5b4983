/**
 * The controller work queue of client-go, in one class: FIFO and fair; stingy (an item is handed to one
 * worker at a time, and adding it again while it is waiting changes nothing); an item added while a
 * worker has it is queued again once that worker calls done(); delayed adds; rate-limited adds; and
 * shutDown(), which stops new adds, lets workers take what is queued, and resolves once all is done.
 */
import { realClock, type Clock } from '../clock';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter';

export interface WorkQueueOptions<T> {
  clock?: Clock;
  rateLimiter?: RateLimiter<T>;
}

export class WorkQueue<T = string> {
  private readonly clock: Clock;
  private readonly limiter: RateLimiter<T>;
  /** Items waiting for a worker, in order. `queued` mirrors it for O(1) membership. */
  private order: T[] = [];
  private queued = new Set<T>();
  /** Items a worker holds; `dirty` marks those added again meanwhile. */
  private processing = new Set<T>();
  private dirty = new Set<T>();
  /** Delayed adds: the earliest time each item is due, and the timer that will add it. */
  private delayed = new Map<T, { at: number; cancel: () => void }>();
  private getters: Array<(item: T | undefined) => void> = [];
  private drainers: Array<() => void> = [];
  private shuttingDown = false;

  constructor(opts: WorkQueueOptions<T> = {}) {
    this.clock = opts.clock ?? realClock;
    this.limiter = opts.rateLimiter ?? defaultControllerRateLimiter<T>(this.clock);
  }

  add(item: T): void {
    if (this.shuttingDown) return;
    if (this.processing.has(item)) {
      this.dirty.add(item);
      return;
    }
    if (this.queued.has(item)) return;
    const getter = this.getters.shift();
    if (getter) {
      this.processing.add(item);
      getter(item);
      return;
    }
    this.queued.add(item);
    this.order.push(item);
  }

  /** Adds the item after `ms`; a later delay for an item already waiting is ignored, an earlier one wins. */
  addAfter(item: T, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) {
      this.add(item);
      return;
    }
    const at = this.clock.now() + ms;
    const existing = this.delayed.get(item);
    if (existing && existing.at <= at) return;
    existing?.cancel();
    const cancel = this.clock.setTimer(() => {
      this.delayed.delete(item);
      this.add(item);
    }, ms);
    this.delayed.set(item, { at, cancel });
  }

  /** Adds the item after the rate limiter's delay (per-item back-off and the overall bucket). */
  addRateLimited(item: T): void {
    this.addAfter(item, this.limiter.when(item));
  }

  /** Clears the item's back-off history: call it when the item was processed successfully. */
  forget(item: T): void {
    this.limiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.limiter.numRequeues(item);
  }

  /** Waits for the next item; undefined means the queue is shut down and empty, so the worker should exit. */
  get(): Promise<T | undefined> {
    const item = this.order.shift();
    if (item !== undefined) {
      this.queued.delete(item);
      this.processing.add(item);
      return Promise.resolve(item);
    }
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** The worker has finished with the item; if it was added meanwhile it is queued again now. */
  done(item: T): void {
    this.processing.delete(item);
    if (this.dirty.delete(item)) {
      // Re-added while processing: it runs again, unless shutdown means nothing new may start.
      if (!this.shuttingDown) this.add(item);
    }
    this.checkDrained();
  }

  /** Items waiting for a worker (not counting delayed ones or those being processed). */
  len(): number {
    return this.order.length;
  }

  /** Items added with a delay that has not yet passed. */
  delayedLen(): number {
    return this.delayed.size;
  }

  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /**
   * Stops accepting adds and drops pending delayed adds; workers still get what is queued, then
   * `get()` returns undefined. Resolves when nothing is queued or being processed.
   */
  /**
   * Stops the queue. With `drain` (the default) it resolves once workers have taken and finished what
   * was queued; without, queued items are dropped at once (for a controller that never started workers).
   */
  shutDown(opts: { drain?: boolean } = {}): Promise<void> {
    if (opts.drain === false) {
      this.order = [];
      this.queued.clear();
      this.dirty.clear();
    }
    if (!this.shuttingDown) {
      this.shuttingDown = true;
      for (const d of this.delayed.values()) d.cancel();
      this.delayed.clear();
      for (const g of this.getters.splice(0)) g(undefined);
    }
    return new Promise<void>((resolve) => {
      this.drainers.push(resolve);
      this.checkDrained();
    });
  }

  private checkDrained(): void {
    if (!this.shuttingDown || this.order.length > 0 || this.processing.size > 0) return;
    for (const d of this.drainers.splice(0)) d();
  }
}
