/**
 * The watch cache of one resource: the current objects and a window of recent events, fed by the
 * registry-wide storage watch (see hub.ts). Every client watch is served from here, so a thousand
 * watchers cost a thousand filters in memory, not a thousand etcd watches.
 */
import type { KubeObject, ResourceInfo, WatchEventType } from '@tinykube/api';
import type { Logger } from 'pino';
import { gone } from '../errors';
import { matchesFilter, type ObjectFilter } from './filter';

export interface CacheEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  rv: number;
  /** The new state; for DELETED the last state, stamped with the delete's revision. */
  object: KubeObject;
  /** The state before this event, stamped with this event's revision (sent as DELETED when an object leaves a selector). */
  prev?: KubeObject;
  /** Serializations shared by all watchers of the same format, filled lazily by the transport. */
  memo: Map<string, string>;
}

export interface WatchSink {
  /** Returns false when the client cannot keep up; the cache then ends the watch. */
  send(type: WatchEventType, object: KubeObject, event?: CacheEvent, variant?: 'object' | 'prev'): boolean;
  /** The cache ends the watch (client too slow, cache reset, server stopping). */
  close(reason: string): void;
}

export interface CacheWatcher {
  readonly filter: ObjectFilter;
  stop(): void;
}

interface Registration extends CacheWatcher {
  sink: WatchSink;
}

export class WatchCache {
  private readonly objects = new Map<string, KubeObject>();
  private window: CacheEvent[] = [];
  /** Every event after this revision is in `window`; older ones may be gone. */
  private floor = 0;
  private readonly watchers = new Set<Registration>();

  constructor(
    readonly info: ResourceInfo,
    private readonly capacity: number,
    private readonly logger: Logger,
  ) {}

  get watcherCount(): number {
    return this.watchers.size;
  }

  /** Replaces the contents with a fresh list read at `revision`; current watchers are ended (they resume by RV). */
  reset(objects: Array<{ key: string; object: KubeObject }>, revision: number, why: string): void {
    for (const w of [...this.watchers]) {
      this.watchers.delete(w);
      w.sink.close(why);
    }
    this.objects.clear();
    for (const { key, object } of objects) this.objects.set(key, object);
    this.window = [];
    this.floor = revision;
  }

  /** Applies one storage change; called by the hub in revision order. */
  apply(key: string, rv: number, next: KubeObject | undefined): void {
    const prevStored = this.objects.get(key);
    let event: CacheEvent;
    if (next) {
      this.objects.set(key, next);
      event = prevStored
        ? { type: 'MODIFIED', rv, object: next, prev: stamp(prevStored, rv), memo: new Map() }
        : { type: 'ADDED', rv, object: next, memo: new Map() };
    } else {
      if (!prevStored) return; // a delete we never saw created (possible right after a reset)
      this.objects.delete(key);
      const last = stamp(prevStored, rv);
      event = { type: 'DELETED', rv, object: last, prev: last, memo: new Map() };
    }
    this.window.push(event);
    if (this.window.length > this.capacity) {
      const dropped = this.window.splice(0, this.window.length - this.capacity);
      this.floor = dropped[dropped.length - 1].rv;
    }
    for (const w of this.watchers) {
      if (!deliver(this.info, w, event)) this.evict(w, 'client is too slow to keep up with events');
    }
  }

  private evict(w: Registration, why: string): void {
    if (!this.watchers.delete(w)) return;
    this.logger.warn({ resource: this.info.resource, why }, 'ending watch');
    w.sink.close(why);
  }

  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  /** Objects matching the filter, for a list served from the cache (resourceVersion=0). */
  snapshot(filter: ObjectFilter): KubeObject[] {
    const out: KubeObject[] = [];
    for (const obj of this.objects.values()) if (matchesFilter(this.info, filter, obj)) out.push(obj);
    return out;
  }

  /**
   * Starts a watch. `fromRV` undefined: first an ADDED for every matching object, then changes ("start
   * at most recent"). Otherwise every change after fromRV. The caller has made sure the cache has caught
   * up with fromRV. Throws 410 Expired when fromRV fell out of the window.
   */
  watch(fromRV: number | undefined, filter: ObjectFilter, sink: WatchSink): CacheWatcher {
    const reg: Registration = {
      filter,
      sink,
      stop: () => {
        this.watchers.delete(reg);
      },
    };
    if (fromRV === undefined) {
      for (const obj of this.objects.values()) {
        if (matchesFilter(this.info, filter, obj) && !sink.send('ADDED', obj)) {
          sink.close('client is too slow to receive the initial state');
          return reg;
        }
      }
    } else {
      if (fromRV < this.floor) throw gone(`too old resource version: ${fromRV} (${this.floor})`);
      for (const event of this.window) {
        if (event.rv <= fromRV) continue;
        if (!deliver(this.info, reg, event)) {
          sink.close('client is too slow to receive the replayed events');
          return reg;
        }
      }
    }
    this.watchers.add(reg);
    return reg;
  }

  closeAll(why: string): void {
    for (const w of [...this.watchers]) this.evict(w, why);
  }
}

function stamp(obj: KubeObject, rv: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
}

/** Translates a change into what this watcher sees: an object entering its selector is ADDED, leaving it DELETED. */
function deliver(info: ResourceInfo, w: Registration, event: CacheEvent): boolean {
  const nowMatches = event.type !== 'DELETED' && matchesFilter(info, w.filter, event.object);
  const wasMatching = event.prev !== undefined && matchesFilter(info, w.filter, event.prev);
  if (event.type === 'DELETED') return wasMatching ? w.sink.send('DELETED', event.object, event, 'object') : true;
  if (nowMatches && wasMatching) return w.sink.send('MODIFIED', event.object, event, 'object');
  if (nowMatches) return w.sink.send('ADDED', event.object, event, 'object');
  if (wasMatching) return w.sink.send('DELETED', event.prev as KubeObject, event, 'prev');
  return true;
}
