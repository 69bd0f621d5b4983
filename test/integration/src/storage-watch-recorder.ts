import type { Storage, StorageWatch, WatchEvent, WatchHandlers } from '@tinykube/apiserver';
import { waitFor } from '@tinykube/testing';

/** What a test sees of one event: enough to compare against the writes it made. */
export interface EventSummary {
  type: 'put' | 'delete';
  key: string;
  value?: string;
  revision: number;
  prevValue?: string;
  prevRevision?: number;
}

export const text = (value: Uint8Array): string => Buffer.from(value).toString('utf8');
export const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');

export function summarize(event: WatchEvent): EventSummary {
  if (event.type === 'put') {
    return {
      type: 'put',
      key: event.kv.key,
      value: text(event.kv.value),
      revision: event.kv.modRevision,
      ...(event.prev ? { prevValue: text(event.prev.value), prevRevision: event.prev.modRevision } : {}),
    };
  }
  return {
    type: 'delete',
    key: event.key,
    revision: event.modRevision,
    prevValue: text(event.prev.value),
    prevRevision: event.prev.modRevision,
  };
}

/** Records everything a storage watch delivers, with deadline-bound waits for tests. */
export class WatchRecorder {
  readonly events: WatchEvent[] = [];
  readonly errors: Error[] = [];
  batches = 0;
  private handle: StorageWatch | undefined;

  readonly handlers: WatchHandlers = {
    onEvents: (events) => {
      this.batches++;
      this.events.push(...events);
    },
    onError: (err) => {
      this.errors.push(err);
    },
  };

  static async start(storage: Storage, prefix: string, fromRevision: number): Promise<WatchRecorder> {
    const recorder = new WatchRecorder();
    recorder.handle = await storage.watch(prefix, fromRevision, recorder.handlers);
    return recorder;
  }

  summaries(): EventSummary[] {
    return this.events.map(summarize);
  }

  async waitForEvents(count: number, timeoutMs = 10_000): Promise<EventSummary[]> {
    await waitFor(() => this.events.length >= count || this.errors.length > 0, {
      timeoutMs,
      description: `${count} watch events (have ${this.events.length})`,
    });
    if (this.errors.length > 0 && this.events.length < count) throw this.errors[0];
    return this.summaries();
  }

  async waitForError(timeoutMs = 10_000): Promise<Error> {
    return waitFor(() => this.errors[0], { timeoutMs, description: 'a watch error' });
  }

  async cancel(): Promise<void> {
    await this.handle?.cancel();
  }
}
