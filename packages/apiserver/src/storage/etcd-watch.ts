import type { Logger } from 'pino';
import type { Etcd3, IEvent, IKeyValue, IWatchResponse, Watcher } from 'etcd3';
import { isCompactedMessage, isFutureRevisionMessage, probeCompactRevision, toStorageError } from './etcd-errors';
import { prefixRange } from './keys';
import {
  CompactedError,
  KeyValue,
  StorageError,
  StorageUnavailableError,
  StorageWatch,
  WatchEvent,
  WatchHandlers,
} from './types';

export interface EtcdWatchContext {
  client: Etcd3;
  logger?: Logger;
  /** How long watch() waits for etcd to confirm the watch before giving up. */
  connectTimeoutMs: number;
  /** The highest compaction this client has done or seen, for when etcd will not tell. */
  knownCompactRevision(): number;
}

export function toKeyValue(kv: IKeyValue): KeyValue {
  return {
    key: kv.key.toString('utf8'),
    value: kv.value,
    createRevision: Number(kv.create_revision),
    modRevision: Number(kv.mod_revision),
  };
}

type Phase = 'connecting' | 'live' | 'failed' | 'cancelled';

const CANCEL_TIMEOUT_MS = 2_000;

/**
 * One storage watch on top of an etcd3 Watcher. etcd3 reconnects by itself after a broken stream, but
 * it resumes from the last response header's revision + 1, which can skip events when the break comes
 * in the middle of a replay sent in several responses; so this class tracks the next revision it still
 * needs from the events it actually delivered, and points the watcher there before each reconnect.
 */
export class EtcdWatch implements StorageWatch {
  private phase: Phase = 'connecting';
  /** The lowest revision not yet delivered (0 until known for a watch "from now"). */
  private nextRevision: number;
  private readonly watcher: Watcher;
  private readonly range: { key: Buffer; rangeEnd: Buffer };
  private readonly connected: Promise<void>;

  private constructor(
    private readonly ctx: EtcdWatchContext,
    private readonly prefix: string,
    fromRevision: number,
    private readonly handlers: WatchHandlers,
  ) {
    this.nextRevision = fromRevision > 0 ? fromRevision : 0;
    this.range = prefixRange(prefix);
    const builder = ctx.client
      .watch()
      .inRange({ start: this.range.key, end: this.range.rangeEnd })
      .withPreviousKV();
    if (fromRevision > 0) builder.startRevision(String(fromRevision));
    // watcher() attaches at once and lets us subscribe before etcd can answer; create() would resolve
    // a tick after 'connected', and an early 'error' with no listener would throw.
    this.watcher = builder.watcher();
    this.connected = new Promise<void>((resolve) => {
      this.watcher.once('connected', (res: IWatchResponse) => {
        if (this.nextRevision === 0) this.nextRevision = Number(res.header.revision) + 1;
        if (this.phase === 'connecting') this.phase = 'live';
        resolve();
      });
      this.watcher.once('error', () => resolve());
    });
    this.watcher.on('data', (res: IWatchResponse) => this.onResponse(res));
    this.watcher.on('error', (err: Error) => this.onWatcherError(err));
    this.watcher.on('disconnected', (err: Error) => {
      ctx.logger?.warn({ err, prefix, nextRevision: this.nextRevision }, 'etcd watch disconnected; reconnecting');
      if (this.nextRevision > 0) this.watcher.request.start_revision = this.nextRevision;
    });
  }

  /** Resolves once etcd has accepted the watch; a watch etcd refuses still resolves and reports via onError. */
  static async start(
    ctx: EtcdWatchContext,
    prefix: string,
    fromRevision: number,
    handlers: WatchHandlers,
  ): Promise<EtcdWatch> {
    const watch = new EtcdWatch(ctx, prefix, fromRevision, handlers);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), ctx.connectTimeoutMs);
    });
    const outcome = await Promise.race([watch.connected.then(() => 'ok' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      await watch.cancel();
      throw new StorageUnavailableError(`etcd did not accept a watch on ${prefix} within ${ctx.connectTimeoutMs} ms`);
    }
    return watch;
  }

  async cancel(): Promise<void> {
    const phase = this.phase;
    if (phase === 'cancelled') return;
    this.phase = 'cancelled';
    // etcd already ended a failed watch; a cancel request for it would never be answered.
    if (phase === 'failed') return;
    const done = this.watcher.cancel().catch((err: unknown) => {
      this.ctx.logger?.debug({ err, prefix: this.prefix }, 'etcd watch cancel failed');
    });
    let timer: NodeJS.Timeout | undefined;
    // Never let cancel() hang on a dead connection; etcd3 finishes the detach when it reconnects.
    await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, CANCEL_TIMEOUT_MS)))]);
    clearTimeout(timer);
  }

  private onResponse(res: IWatchResponse): void {
    if (this.phase !== 'live') return;
    const events: WatchEvent[] = [];
    for (const ev of res.events) {
      // After a reconnect etcd may repeat what was already delivered.
      if (Number(ev.kv.mod_revision) < this.nextRevision) continue;
      const event = toWatchEvent(ev);
      if (!event) {
        this.fail(new StorageError(`etcd sent a delete of ${ev.kv.key.toString()} without its previous value`));
        return;
      }
      events.push(event);
    }
    if (events.length === 0) return;
    const last = events[events.length - 1];
    this.nextRevision = (last.type === 'put' ? last.kv.modRevision : last.modRevision) + 1;
    try {
      this.handlers.onEvents(events);
    } catch (err) {
      this.ctx.logger?.error({ err, prefix: this.prefix }, 'storage watch handler threw');
    }
  }

  private onWatcherError(err: Error): void {
    if (this.phase === 'cancelled' || this.phase === 'failed') return;
    this.phase = 'failed';
    void this.classify(err).then((storageErr) => this.deliverError(storageErr));
  }

  private fail(err: Error): void {
    if (this.phase === 'cancelled' || this.phase === 'failed') return;
    this.phase = 'failed';
    void this.watcher.cancel().catch(() => undefined);
    void this.deliverError(err);
  }

  private async deliverError(err: Error): Promise<void> {
    // The caller must hold the handle from watch() before hearing about the error.
    await this.connected;
    await Promise.resolve();
    if (this.phase === 'cancelled') return;
    this.handlers.onError(err);
  }

  /**
   * etcd cancels a watch on a compacted revision with an empty reason (etcd3 reports "Watcher canceled: "
   * and drops the compact revision), so ask etcd whether the revision we need is still readable.
   */
  private async classify(err: Error): Promise<Error> {
    const needed = this.nextRevision;
    if (needed <= 0) return toStorageError(err, `watch ${this.prefix}`);
    try {
      await this.ctx.client.kv.range({ ...this.rangeRequest(), revision: needed, count_only: true });
    } catch (rangeErr) {
      if (isCompactedMessage(rangeErr)) {
        const compactedAt = await probeCompactRevision(this.ctx.client, this.range.key, this.range.rangeEnd, needed);
        return new CompactedError(needed, compactedAt ?? this.ctx.knownCompactRevision());
      }
      if (!isFutureRevisionMessage(rangeErr)) return toStorageError(rangeErr, `watch ${this.prefix}`);
    }
    return isCompactedMessage(err) ? new CompactedError(needed, this.ctx.knownCompactRevision()) : toStorageError(err, `watch ${this.prefix}`);
  }

  private rangeRequest(): { key: Buffer; range_end: Buffer } {
    return { key: this.range.key, range_end: this.range.rangeEnd };
  }
}

function toWatchEvent(ev: IEvent): WatchEvent | undefined {
  const prev = ev.prev_kv ? toKeyValue(ev.prev_kv) : undefined;
  if (ev.type === 'Put') return { type: 'put', kv: toKeyValue(ev.kv), ...(prev ? { prev } : {}) };
  if (!prev) return undefined;
  return { type: 'delete', key: ev.kv.key.toString('utf8'), modRevision: Number(ev.kv.mod_revision), prev };
}
