/**
 * SharedIndexInformer: a reflector keeping an Indexer in step with the server, and handlers told about
 * every change. Handlers run synchronously, in event order, on the informer's own loop, so they must be
 * quick and must not mutate the objects they get: enqueue a key into a WorkQueue and let a worker do the
 * work (see Controller). A throwing handler is logged and does not affect the others.
 */
import type { KubeObject } from '@tinykube/api';
import type { Logger } from 'pino';
import type { BackoffOptions } from '../backoff';
import { realClock, sleep, type Clock } from '../clock';
import { silentLogger } from '../logger';
import { Indexer, indexByNamespace, NAMESPACE_INDEX, type IndexFunc } from './indexer';
import { DeletedFinalStateUnknown, objectKey } from './keys';
import type { ListerWatcher } from './lister-watcher';
import { Reflector, type ReflectorSink } from './reflector';

export interface EventHandler<T extends KubeObject> {
  /** `isInInitialList`: the object came with the first list (or was already cached when the handler was added). */
  onAdd?(obj: T, isInInitialList: boolean): void;
  /** Also called with old === new-by-value on a resync or relist: compare resourceVersions to skip those. */
  onUpdate?(oldObj: T, newObj: T): void;
  /** A tombstone when the deletion was noticed only by a relist. */
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

export interface HandlerRegistration {
  remove(): void;
}

export interface InformerOptions<T extends KubeObject> {
  name?: string;
  indexers?: Record<string, IndexFunc<T>>;
  /** Default resync period for handlers (0: never). */
  resyncPeriodMs?: number;
  clock?: Clock;
  logger?: Logger;
  minWatchTimeoutSeconds?: number;
  backoff?: BackoffOptions;
}

interface Listener<T extends KubeObject> {
  handler: EventHandler<T>;
  resyncPeriodMs: number;
  stopResync?: () => void;
}

export class SharedIndexInformer<T extends KubeObject = KubeObject> {
  readonly name: string;
  private readonly indexer: Indexer<T>;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly listeners = new Set<Listener<T>>();
  private readonly reflector: Reflector<T>;
  private watchErrorHandler: ((err: unknown) => void) | undefined;
  private synced = false;
  private syncWaiters: Array<() => void> = [];
  private runSignal: AbortSignal | undefined;

  constructor(
    lw: ListerWatcher<T>,
    private readonly opts: InformerOptions<T> = {},
  ) {
    this.name = opts.name ?? 'informer';
    this.clock = opts.clock ?? realClock;
    this.logger = opts.logger ?? silentLogger();
    this.indexer = new Indexer<T>({ [NAMESPACE_INDEX]: indexByNamespace, ...opts.indexers });
    const sink: ReflectorSink<T> = { replace: (items) => this.replace(items), apply: (type, obj) => this.apply(type, obj) };
    this.reflector = new Reflector<T>(lw, sink, {
      clock: this.clock,
      logger: this.logger,
      name: this.name,
      minWatchTimeoutSeconds: opts.minWatchTimeoutSeconds,
      backoff: opts.backoff,
      onWatchError: (err) => this.watchErrorHandler?.(err),
    });
  }

  /** Read access to the cache and its indexes. Never mutate what it returns. */
  getIndexer(): Indexer<T> {
    return this.indexer;
  }

  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    this.indexer.addIndexers(indexers);
  }

  /** Called with every failed list or watch (including 410s), as client-go's SetWatchErrorHandler. */
  setWatchErrorHandler(fn: (err: unknown) => void): void {
    this.watchErrorHandler = fn;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion();
  }

  /** Resolves true once the first list is in the cache, false if the signal aborts first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const onAbort = () => resolve(false);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.syncWaiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      });
    });
  }

  /** Adds a handler; if the cache is already filled, it first gets an add for every cached object. */
  addEventHandler(handler: EventHandler<T>, resyncPeriodMs = this.opts.resyncPeriodMs ?? 0): HandlerRegistration {
    const listener: Listener<T> = { handler, resyncPeriodMs };
    this.listeners.add(listener);
    if (this.synced) for (const obj of this.indexer.list()) this.call('onAdd', () => handler.onAdd?.(obj, true));
    if (this.runSignal) this.startResync(listener, this.runSignal);
    return {
      remove: () => {
        listener.stopResync?.();
        this.listeners.delete(listener);
      },
    };
  }

  /** Lists and watches until the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.runSignal) throw new Error(`informer ${this.name} is already running`);
    this.runSignal = signal;
    for (const l of this.listeners) this.startResync(l, signal);
    await this.reflector.run(signal);
    for (const l of this.listeners) l.stopResync?.();
  }

  private startResync(listener: Listener<T>, signal: AbortSignal): void {
    if (listener.resyncPeriodMs <= 0) return;
    const stop = new AbortController();
    signal.addEventListener('abort', () => stop.abort(), { once: true });
    listener.stopResync = () => stop.abort();
    void (async () => {
      try {
        for (;;) {
          await sleep(this.clock, listener.resyncPeriodMs, stop.signal);
          // Resync re-delivers the cache as updates, so level-based controllers re-check everything now and then.
          for (const obj of this.indexer.list()) this.call('onUpdate', () => listener.handler.onUpdate?.(obj, obj));
        }
      } catch {
        // aborted: the informer stopped or the handler was removed
      }
    })();
  }

  private call(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.logger.error({ err, informer: this.name, handler: what }, 'event handler threw');
    }
  }

  private notify(fn: (h: EventHandler<T>) => void, what: string): void {
    for (const l of this.listeners) this.call(what, () => fn(l.handler));
  }

  private replace(items: T[]): void {
    const initial = !this.synced;
    const fresh = new Set<string>();
    for (const obj of items) {
      fresh.add(objectKey(obj));
      const old = this.indexer.upsert(obj);
      if (old) this.notify((h) => h.onUpdate?.(old, obj), 'onUpdate');
      else this.notify((h) => h.onAdd?.(obj, initial), 'onAdd');
    }
    for (const key of this.indexer.listKeys()) {
      if (fresh.has(key)) continue;
      const old = this.indexer.deleteKey(key)!;
      this.notify((h) => h.onDelete?.(new DeletedFinalStateUnknown(key, old)), 'onDelete');
    }
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  private apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): void {
    if (type === 'DELETED') {
      this.indexer.deleteKey(objectKey(obj));
      this.notify((h) => h.onDelete?.(obj), 'onDelete');
      return;
    }
    const old = this.indexer.upsert(obj);
    if (old) this.notify((h) => h.onUpdate?.(old, obj), 'onUpdate');
    else this.notify((h) => h.onAdd?.(obj, false), 'onAdd');
  }
}
