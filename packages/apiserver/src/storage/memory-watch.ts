import type { Logger } from 'pino';
import { StorageWatch, WatchEvent, WatchHandlers } from './types';

export function eventRevision(event: WatchEvent): number {
  return event.type === 'put' ? event.kv.modRevision : event.modRevision;
}

export function eventKey(event: WatchEvent): string {
  return event.type === 'put' ? event.kv.key : event.key;
}

/**
 * One watch on the memory store. Replayed history and live events go through the same queue, which
 * the store fills synchronously (replay at creation, live events at each write), so they can never
 * arrive out of order; delivery happens later on setImmediate, so a handler never runs inside a write.
 */
export class MemoryWatcher implements StorageWatch {
  private pending: WatchEvent[] = [];
  private scheduled = false;
  private ended = false;
  private failure: Error | undefined;

  constructor(
    readonly prefix: string,
    /** Live events below this revision are not delivered (a watch can start in the future). */
    readonly minRevision: number,
    private readonly handlers: WatchHandlers,
    private readonly onEnd: (w: MemoryWatcher) => void,
    private readonly logger?: Logger,
  ) {}

  matches(event: WatchEvent): boolean {
    return eventKey(event).startsWith(this.prefix) && eventRevision(event) >= this.minRevision;
  }

  enqueue(events: WatchEvent[]): void {
    if (this.ended || events.length === 0) return;
    for (const e of events) this.pending.push(e);
    this.schedule();
  }

  /** Ends the watch with an error, delivered after any events already queued. */
  fail(err: Error): void {
    if (this.ended || this.failure) return;
    this.failure = err;
    this.schedule();
  }

  async cancel(): Promise<void> {
    this.stop();
  }

  /** Ends the watch without telling the handlers (cancel() and store close()). */
  stop(): void {
    if (this.ended) return;
    this.ended = true;
    this.pending = [];
    this.onEnd(this);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.deliver());
  }

  private deliver(): void {
    this.scheduled = false;
    if (this.ended) return;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) {
      try {
        this.handlers.onEvents(batch);
      } catch (err) {
        // A throwing handler is the caller's bug; it must not break delivery to other watchers.
        this.logger?.error({ err, prefix: this.prefix }, 'storage watch handler threw');
      }
    }
    if (this.failure && !this.ended) {
      const err = this.failure;
      this.stop();
      this.handlers.onError(err);
    }
  }
}
