/**
 * The same watch over WebSocket: each message is one event. The server closes with code 1000 when the
 * watch ends normally; any other close or a socket error is a broken watch.
 */
import type { KubeObject } from '@tinykube/api';
import type { Agent } from 'node:http';
import WebSocket from 'ws';
import { parseWatchEvent, WatchBrokenError, type WatchEventOf, type WatchStream } from './watch-stream';

type Item<T extends KubeObject> = { event: WatchEventOf<T> } | { end: true } | { error: WatchBrokenError };

export class WebSocketWatch<T extends KubeObject> implements WatchStream<T> {
  private queue: Item<T>[] = [];
  private wake: (() => void) | undefined;
  private stopped = false;
  private finished = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: WebSocket.RawData) => {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      try {
        this.push({ event: parseWatchEvent<T>(text) });
      } catch (e) {
        this.finish({ error: e instanceof WatchBrokenError ? e : new WatchBrokenError(String(e)) });
        ws.terminate();
      }
    });
    ws.on('close', (code: number) => {
      if (this.stopped || code === 1000) this.finish({ end: true });
      else this.finish({ error: new WatchBrokenError(`watch WebSocket closed with code ${code}`) });
    });
    ws.on('error', (e: Error) => this.finish({ error: new WatchBrokenError(`watch WebSocket failed: ${e.message}`, e) }));
  }

  /** Opens the socket; rejects if the upgrade is refused (the caller maps the answer to a StatusError). */
  static open<T extends KubeObject>(url: string, headers: Record<string, string>, agent?: Agent): Promise<WebSocketWatch<T>> {
    const ws = new WebSocket(url, { headers, agent });
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(new WatchBrokenError(`watch WebSocket failed: ${e.message}`, e));
      ws.once('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => reject(Object.assign(new WatchBrokenError(`watch upgrade refused with ${res.statusCode}`), { statusCode: res.statusCode, body: Buffer.concat(chunks).toString('utf8') })));
        ws.off('error', onError);
      });
      ws.once('error', onError);
      ws.once('open', () => {
        ws.off('error', onError);
        resolve(new WebSocketWatch<T>(ws));
      });
    });
  }

  private push(item: Item<T>): void {
    if (this.finished) return;
    this.queue.push(item);
    this.wake?.();
  }

  private finish(item: Item<T>): void {
    this.push(item);
    this.finished = true;
  }

  stop(): void {
    this.stopped = true;
    this.finish({ end: true });
    this.ws.terminate();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEventOf<T>> {
    try {
      for (;;) {
        const item = this.queue.shift();
        if (!item) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = undefined;
          continue;
        }
        if ('event' in item) yield item.event;
        else if ('end' in item) return;
        else if (!this.stopped) throw item.error;
        else return;
      }
    } finally {
      if (!this.stopped) this.stop();
    }
  }
}
