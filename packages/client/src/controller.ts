/**
 * Runs a level-based controller the way sample-controller does: wait for the informers' caches, then N
 * workers each loop get -> reconcile -> forget on success / addRateLimited on error -> done. Event
 * handlers only enqueue keys; reconcile reads the cache and converges (a missing object is success).
 */
import type { Logger } from 'pino';
import { realClock, sleep, type Clock } from './clock';
import { reconcileLogger, silentLogger } from './logger';
import { WorkQueue } from './queue/work-queue';

/** Throw this from reconcile when retrying cannot help (bad spec, unsupported value): it is logged, not retried. */
export class TerminalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TerminalError';
  }
}

export interface ReconcileContext {
  logger: Logger;
  /** Aborted when the controller stops; long reconciles should give up. */
  signal: AbortSignal;
}

/** What reconcile may return: nothing (done), or a request to look again later even though it succeeded. */
export type ReconcileResult = void | { requeueAfterMs: number };

export interface Syncable {
  hasSynced(): boolean;
}

export interface ControllerOptions {
  name: string;
  reconcile(key: string, ctx: ReconcileContext): Promise<ReconcileResult>;
  /** Informers whose caches must be full before the first reconcile. */
  waitFor?: Syncable[];
  workers?: number;
  queue?: WorkQueue<string>;
  logger?: Logger;
  clock?: Clock;
  /** How often to look at hasSynced() while waiting (default 100 ms). */
  syncPollMs?: number;
}

export class Controller {
  readonly queue: WorkQueue<string>;
  private readonly logger: Logger;
  private readonly clock: Clock;

  constructor(private readonly opts: ControllerOptions) {
    this.clock = opts.clock ?? realClock;
    this.queue = opts.queue ?? new WorkQueue<string>({ clock: this.clock });
    this.logger = opts.logger ?? silentLogger();
  }

  /** Queues a key; what event handlers call. */
  enqueue(key: string): void {
    this.queue.add(key);
  }

  /**
   * Runs until `signal` aborts, then shuts the queue down and waits for running reconciles to finish.
   * Resolves false if the signal aborted before the caches synced.
   */
  async run(signal: AbortSignal): Promise<boolean> {
    const { name } = this.opts;
    this.logger.info({ controller: name }, 'waiting for caches to sync');
    if (!(await this.waitForCaches(signal))) {
      // No worker ever ran, so nothing would drain the keys handlers already queued.
      await this.queue.shutDown({ drain: false });
      return false;
    }
    const workers = this.opts.workers ?? 1;
    this.logger.info({ controller: name, workers }, 'caches synced; starting workers');
    const stopped = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    const running = Array.from({ length: workers }, () => this.worker(signal));
    await stopped;
    await this.queue.shutDown();
    await Promise.all(running);
    this.logger.info({ controller: name }, 'stopped');
    return true;
  }

  private async waitForCaches(signal: AbortSignal): Promise<boolean> {
    const informers = this.opts.waitFor ?? [];
    while (!informers.every((i) => i.hasSynced())) {
      try {
        await sleep(this.clock, this.opts.syncPollMs ?? 100, signal);
      } catch {
        return false;
      }
    }
    return !signal.aborted;
  }

  private async worker(signal: AbortSignal): Promise<void> {
    while (await this.processNextItem(signal));
  }

  /** One turn of a worker; false when the queue is shut down and empty. */
  async processNextItem(signal: AbortSignal): Promise<boolean> {
    const key = await this.queue.get();
    if (key === undefined) return false;
    const logger = reconcileLogger(this.logger, this.opts.name, key);
    try {
      const result = await this.opts.reconcile(key, { logger, signal });
      this.queue.forget(key);
      if (result && result.requeueAfterMs >= 0) this.queue.addAfter(key, result.requeueAfterMs);
    } catch (err) {
      if (err instanceof TerminalError) {
        logger.error({ err }, 'reconcile failed and will not be retried');
        this.queue.forget(key);
      } else {
        logger.warn({ err, retries: this.queue.numRequeues(key) }, 'reconcile failed; retrying with back-off');
        this.queue.addRateLimited(key);
      }
    } finally {
      this.queue.done(key);
    }
    return true;
  }
}
