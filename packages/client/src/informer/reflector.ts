/**
 * The list-then-watch loop behind an informer. It lists, hands the items to the sink, and watches from
 * the list's resourceVersion. When a watch ends or its connection breaks it watches again from the last
 * resourceVersion it saw (the server replays what was missed from its window), backing off while the
 * server is unreachable. It lists again when the server says 410 (that resourceVersion is too old to
 * replay) or when a watch fails in a way a resume cannot fix (garbage on the stream, another error).
 */
import type { KubeObject } from '@tinykube/api';
import type { Logger } from 'pino';
import { Backoff, type BackoffOptions } from '../backoff';
import { AbortedError, sleep, type Clock } from '../clock';
import { errorFromStatus, isGone, isTooManyRequests, StatusError, TransportError } from '../errors';
import { WatchBrokenError } from '../watch/watch-stream';
import type { ListerWatcher } from './lister-watcher';

export interface ReflectorSink<T extends KubeObject> {
  /** A full list: the cache must become exactly these items. */
  replace(items: T[], resourceVersion: string): void;
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): void;
}

export interface ReflectorOptions {
  clock: Clock;
  logger: Logger;
  name: string;
  /** Watches last a random time in [min, 2*min) seconds so many clients do not reconnect at once (default 300). */
  minWatchTimeoutSeconds?: number;
  backoff?: BackoffOptions;
  /** Told about every failed list or watch, e.g. to count them or to log them differently. */
  onWatchError?: (err: unknown) => void;
  random?: () => number;
}

type WatchOutcome = 'rewatch' | 'relist';

export class Reflector<T extends KubeObject> {
  private rv = '';
  private readonly backoff: Backoff;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly sink: ReflectorSink<T>,
    private readonly opts: ReflectorOptions,
  ) {
    this.backoff = new Backoff({ initialMs: 800, maxMs: 30_000, ...opts.backoff });
  }

  /** The resourceVersion of the last list or event applied. */
  lastSyncResourceVersion(): string {
    return this.rv;
  }

  /** Runs until the signal aborts. Never rejects because of the server: it keeps retrying. */
  async run(signal: AbortSignal): Promise<void> {
    try {
      while (!signal.aborted) {
        if (!(await this.list(signal))) continue;
        while (!signal.aborted && (await this.watchOnce(signal)) === 'rewatch');
      }
    } catch (e) {
      if (!(e instanceof AbortedError)) throw e;
    }
  }

  private report(err: unknown, what: string): void {
    this.opts.logger.warn({ err, informer: this.opts.name, resourceVersion: this.rv }, what);
    this.opts.onWatchError?.(err);
  }

  private async pause(signal: AbortSignal): Promise<void> {
    await sleep(this.opts.clock, this.backoff.next(this.opts.clock.now()), signal);
  }

  private async list(signal: AbortSignal): Promise<boolean> {
    let items: T[];
    let rv: string;
    try {
      const list = await this.lw.list({ signal });
      items = list.items;
      rv = list.metadata.resourceVersion ?? '';
    } catch (err) {
      if (signal.aborted) return false;
      this.report(err, 'list failed; retrying with back-off');
      await this.pause(signal);
      return false;
    }
    this.sink.replace(items, rv);
    this.rv = rv;
    return true;
  }

  private watchTimeout(): number {
    const min = this.opts.minWatchTimeoutSeconds ?? 300;
    return Math.floor(min * (1 + (this.opts.random ?? Math.random)()));
  }

  private async watchOnce(signal: AbortSignal): Promise<WatchOutcome> {
    const startedAt = this.opts.clock.now();
    let events = 0;
    try {
      const stream = await this.lw.watch({ resourceVersion: this.rv, timeoutSeconds: this.watchTimeout(), signal });
      for await (const ev of stream) {
        if (ev.type === 'ERROR') throw errorFromStatus(ev.object);
        const rv = ev.object.metadata?.resourceVersion;
        if (ev.type !== 'BOOKMARK') this.sink.apply(ev.type, ev.object as T);
        if (rv) this.rv = rv;
        events++;
      }
    } catch (err) {
      if (signal.aborted) return 'relist';
      if (isGone(err)) {
        // Expected after a long disconnect: not worth a warning, but callers may want to know.
        this.opts.logger.info({ informer: this.opts.name, resourceVersion: this.rv }, 'watch resourceVersion too old; relisting');
        this.opts.onWatchError?.(err);
        return 'relist';
      }
      this.report(err, 'watch failed');
      await this.pause(signal);
      return resumable(err) ? 'rewatch' : 'relist';
    }
    this.backoff.reset();
    // A watch that ends at once with nothing in it, again and again, would spin: slow it down.
    if (events === 0 && this.opts.clock.now() - startedAt < 1000) await this.pause(signal);
    return 'rewatch';
  }
}

/** Failures a watch from the same resourceVersion can get past: the server is away, busy, or restarting. */
function resumable(err: unknown): boolean {
  if (err instanceof TransportError) return true;
  if (err instanceof WatchBrokenError) return err.cause !== undefined && !(err.cause instanceof SyntaxError);
  if (isTooManyRequests(err)) return true;
  return err instanceof StatusError && err.code >= 500;
}
