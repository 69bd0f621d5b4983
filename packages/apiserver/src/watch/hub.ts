/**
 * One storage watch for all of /registry/, split by resource into the watch caches.
 *
 * DESIGN.md speaks of one storage watch per resource; we keep one for the whole registry instead. The
 * reason is revisions: a client lists pods at the store's revision R (moved by some other resource's
 * write) and then watches pods from R. A per-resource watch cannot know it has seen everything up to R
 * without etcd progress notifications; a registry-wide watch sees every write, so its last revision is
 * exactly how far every cache has caught up.
 */
import type { ResourceInfo } from '@tinykube/api';
import type { Logger } from 'pino';
import { timeout } from '../errors';
import { REGISTRY_PREFIX, decodeObject, resourcePrefix } from '../rest/codec';
import type { Storage, StorageWatch, WatchEvent } from '../storage/types';
import { WatchCache } from './cache';

export interface WatchHubOptions {
  /** Events kept per resource for clients that resume from a resourceVersion. */
  windowSize: number;
  /** How long a watch from a resourceVersion the cache has not reached yet may wait for it. */
  catchUpTimeoutMs: number;
}

export class WatchHub {
  private readonly caches = new Map<string, WatchCache>();
  private revision = 0;
  private storageWatch?: StorageWatch;
  private waiters: Array<{ rv: number; resolve: () => void }> = [];
  private stopped = false;
  private resyncing?: Promise<void>;

  constructor(
    private readonly storage: Storage,
    resources: ResourceInfo[],
    private readonly opts: WatchHubOptions,
    private readonly logger: Logger,
  ) {
    for (const info of resources) this.caches.set(info.resource, new WatchCache(info, opts.windowSize, logger));
  }

  cache(info: ResourceInfo): WatchCache {
    const c = this.caches.get(info.resource);
    if (!c) throw new Error(`no watch cache for ${info.resource}`);
    return c;
  }

  get currentRevision(): number {
    return this.revision;
  }

  async start(): Promise<void> {
    const rev = await this.storage.currentRevision();
    for (const cache of this.caches.values()) {
      const list = await this.storage.list(resourcePrefix(cache.info), { revision: rev });
      cache.reset(list.items.map((kv) => ({ key: kv.key, object: decodeObject(kv) })), rev, 'watch cache reset');
    }
    this.advance(rev);
    this.storageWatch = await this.storage.watch(REGISTRY_PREFIX, rev + 1, {
      onEvents: (events) => this.onEvents(events),
      onError: (err) => this.onWatchError(err),
    });
    this.logger.debug({ revision: rev }, 'watch caches synced');
  }

  private onEvents(events: WatchEvent[]): void {
    for (const ev of events) {
      const key = ev.type === 'put' ? ev.kv.key : ev.key;
      const rv = ev.type === 'put' ? ev.kv.modRevision : ev.modRevision;
      const resource = key.slice(REGISTRY_PREFIX.length).split('/', 1)[0];
      const cache = this.caches.get(resource);
      if (cache) {
        try {
          cache.apply(key, rv, ev.type === 'put' ? decodeObject(ev.kv) : undefined);
        } catch (err) {
          this.logger.error({ err, key }, 'undecodable object in storage; skipped');
        }
      }
      this.advance(rv);
    }
  }

  private advance(rv: number): void {
    if (rv <= this.revision) return;
    this.revision = rv;
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.rv <= rv);
    this.waiters = this.waiters.filter((w) => w.rv > rv);
    for (const w of ready) w.resolve();
  }

  private onWatchError(err: Error): void {
    if (this.stopped) return;
    this.logger.warn({ err: err.message }, 'registry watch broke; relisting');
    this.resyncing ??= this.resync().finally(() => {
      this.resyncing = undefined;
    });
  }

  private async resync(): Promise<void> {
    const old = this.storageWatch;
    this.storageWatch = undefined;
    await old?.cancel().catch(() => undefined);
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.start();
        return;
      } catch (err) {
        this.logger.error({ err: (err as Error).message, attempt }, 'relist failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)));
      }
    }
  }

  /** Resolves once every write up to `rv` has reached the caches; 504 after the catch-up timeout. */
  async waitForRevision(rv: number): Promise<void> {
    if (rv <= this.revision) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = { rv, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(timeout(`Too large resource version: ${rv}, current: ${this.revision}`));
      }, this.opts.catchUpTimeoutMs);
      this.waiters.push(waiter);
    });
  }

  totalWatchers(): number {
    let n = 0;
    for (const c of this.caches.values()) n += c.watcherCount;
    return n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of this.caches.values()) c.closeAll('server is shutting down');
    await this.storageWatch?.cancel().catch(() => undefined);
  }
}
