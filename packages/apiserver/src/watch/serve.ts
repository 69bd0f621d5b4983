/**
 * Serving one client watch: NDJSON over a chunked HTTP response, or the same events as WebSocket
 * messages. Events are serialized once per format and shared by every watcher (CacheEvent.memo).
 */
import type { KubeObject, ResourceInfo, WatchEventType } from '@tinykube/api';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { isApiError } from '../errors';
import { watchErrorEvent } from '../http/status-body';
import type { ResponseFormat } from '../request/negotiate';
import { toTable } from '../table';
import type { CacheEvent, WatchSink } from './cache';
import type { ObjectFilter } from './filter';
import type { WatchHub } from './hub';

export interface WatchServeOptions {
  bookmarkIntervalMs: number;
  /** Watches without timeoutSeconds end after a random time in [min, 2*min), so reconnects spread out. */
  minRequestTimeoutSeconds: number;
  /** A client with more than this many bytes unsent is dropped instead of buffering without end. */
  maxBufferedBytes: number;
}

export interface WatchRequest {
  info: ResourceInfo;
  /** undefined: start with the current objects as ADDED; a number: changes after that revision. */
  fromRV: number | undefined;
  filter: ObjectFilter;
  format: ResponseFormat;
  timeoutSeconds?: number;
  allowBookmarks: boolean;
}

interface Transport {
  write(line: string): boolean;
  end(): void;
  onClose(cb: () => void): void;
}

/** `log` hears of a failing response stream; the 'close' that follows ends the watch. */
export function httpTransport(res: ServerResponse, maxBuffered: number, log: Logger): Transport {
  res.on('error', (err) => log.debug({ err }, 'watch response failed'));
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  return {
    write: (line) => {
      res.write(line + '\n');
      return res.writableLength <= maxBuffered;
    },
    end: () => res.end(),
    onClose: (cb) => res.on('close', cb),
  };
}

export function websocketTransport(ws: WebSocket, base64: boolean, maxBuffered: number): Transport {
  return {
    write: (line) => {
      ws.send(base64 ? Buffer.from(line).toString('base64') : line);
      return ws.bufferedAmount <= maxBuffered;
    },
    end: () => ws.close(1000),
    onClose: (cb) => ws.on('close', cb),
  };
}

function encodeObject(info: ResourceInfo, obj: KubeObject, format: ResponseFormat): unknown {
  if (format.kind !== 'table') return obj;
  return toTable(info, [obj], { resourceVersion: obj.metadata.resourceVersion }, format);
}

function formatKey(format: ResponseFormat): string {
  return format.kind === 'table' ? `table:${format.apiVersion}:${format.includeObject}` : 'json';
}

/** Runs a watch until the client leaves, the timeout passes, or the cache ends it. */
export async function serveWatch(hub: WatchHub, req: WatchRequest, transport: Transport, opts: WatchServeOptions): Promise<void> {
  const { info, format } = req;
  const fkey = formatKey(format);
  let open = true;
  const timers: { end?: NodeJS.Timeout; bookmark?: NodeJS.Timeout } = {};
  const finish = () => {
    if (!open) return;
    open = false;
    clearTimeout(timers.end);
    clearTimeout(timers.bookmark);
    watcher?.stop();
    transport.end();
  };

  const sink: WatchSink = {
    send(type: WatchEventType, object: KubeObject, event?: CacheEvent, variant?: 'object' | 'prev'): boolean {
      if (!open) return true;
      let line: string | undefined;
      const memoKey = event ? `${fkey}|${type}|${variant}` : undefined;
      if (event && memoKey) line = event.memo.get(memoKey);
      if (line === undefined) {
        line = JSON.stringify({ type, object: encodeObject(info, object, format) });
        if (event && memoKey) event.memo.set(memoKey, line);
      }
      return transport.write(line);
    },
    close: () => finish(),
  };

  let watcher: { stop(): void } | undefined;
  transport.onClose(() => finish());
  try {
    watcher = hub.cache(info).watch(req.fromRV, req.filter, sink);
  } catch (e) {
    if (isApiError(e)) {
      transport.write(watchErrorEvent(e.toStatus()));
      finish();
      return;
    }
    throw e;
  }
  if (!open) return;

  const timeoutMs =
    req.timeoutSeconds !== undefined
      ? req.timeoutSeconds * 1000
      : (opts.minRequestTimeoutSeconds + Math.random() * opts.minRequestTimeoutSeconds) * 1000;
  timers.end = setTimeout(finish, timeoutMs);
  if (req.allowBookmarks) {
    const tick = () => {
      if (!open) return;
      const bookmark = { kind: info.kind, apiVersion: info.apiVersion, metadata: { resourceVersion: String(hub.currentRevision) } };
      if (!transport.write(JSON.stringify({ type: 'BOOKMARK', object: bookmark }))) return finish();
      timers.bookmark = setTimeout(tick, opts.bookmarkIntervalMs);
    };
    timers.bookmark = setTimeout(tick, opts.bookmarkIntervalMs);
  }
}
