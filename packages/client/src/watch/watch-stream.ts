/**
 * A watch as an async iterable of events. It ends (the loop finishes) when the server ends the stream
 * cleanly or when `stop()` is called; it throws WatchBrokenError when the connection breaks or the
 * stream stops in the middle of an event. ERROR events are yielded as they come (their object is a
 * Status); `errorFromStatus` turns one into a StatusError.
 */
import type { IncomingMessage } from 'node:http';
import type { KubeObject, Status, WatchEventType } from '@tinykube/api';
import { LineSplitter } from './line-splitter';

export interface TypedWatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  /** The object; for ERROR a Status, for BOOKMARK an object carrying only metadata.resourceVersion. */
  object: T;
}

export type WatchEventOf<T extends KubeObject> = TypedWatchEvent<T> | { type: 'ERROR'; object: Status & KubeObject };

export interface WatchStream<T extends KubeObject = KubeObject> extends AsyncIterable<WatchEventOf<T>> {
  /** Closes the connection; an iteration in progress ends without an error. */
  stop(): void;
}

/** The watch connection broke or sent something that is not an event. */
export class WatchBrokenError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'WatchBrokenError';
  }
}

const EVENT_TYPES = new Set<string>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

export function parseWatchEvent<T extends KubeObject>(line: string): WatchEventOf<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    throw new WatchBrokenError(`watch sent a line that is not JSON: ${line.slice(0, 100)}`, e);
  }
  const ev = parsed as { type?: unknown; object?: unknown };
  if (typeof ev?.type !== 'string' || !EVENT_TYPES.has(ev.type) || typeof ev.object !== 'object' || ev.object === null) {
    throw new WatchBrokenError(`watch sent something that is not an event: ${line.slice(0, 100)}`);
  }
  return ev as WatchEventOf<T>;
}

export class NdjsonWatch<T extends KubeObject> implements WatchStream<T> {
  private stopped = false;

  constructor(private readonly res: IncomingMessage) {}

  stop(): void {
    this.stopped = true;
    this.res.destroy();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEventOf<T>> {
    const splitter = new LineSplitter();
    try {
      try {
        for await (const chunk of this.res) {
          for (const line of splitter.push(chunk as Buffer)) yield parseWatchEvent<T>(line);
          if (this.stopped) return;
        }
      } catch (e) {
        if (this.stopped) return;
        if (e instanceof WatchBrokenError) throw e;
        throw new WatchBrokenError(`watch connection broke: ${e instanceof Error ? e.message : String(e)}`, e);
      }
      if (this.stopped) return;
      // A response that ended without its last newline was cut off (e.g. the server died mid-write).
      if (splitter.remainder().trim() !== '') throw new WatchBrokenError('watch stream ended in the middle of an event');
      if (!this.res.complete) throw new WatchBrokenError('watch connection closed before the response was complete');
    } finally {
      this.stopped = true;
      this.res.destroy();
    }
  }
}
