import type { Logger } from 'pino';
import { lowerBound, upperBound } from './keys';
import { eventRevision, MemoryWatcher } from './memory-watch';
import { readSnapshot, writeSnapshot } from './memory-snapshot';
import {
  CompactedError,
  KeyExistsError,
  KeyNotFoundError,
  KeyValue,
  ListOptions,
  ListResult,
  RevisionMismatchError,
  Storage,
  StorageError,
  StorageUnavailableError,
  StorageWatch,
  WatchEvent,
  WatchHandlers,
} from './types';

export interface MemoryStorageOptions {
  /** Load the live keys from this file at start; save them on close() and (debounced) after writes. */
  snapshotFile?: string;
  /** Delay between a write and the snapshot that includes it (default 1 s). */
  snapshotDebounceMs?: number;
  logger?: Logger;
}

/** One entry of a key's history: the value written at `modRevision`, or a deletion (kv undefined). */
interface Version {
  modRevision: number;
  kv: KeyValue | undefined;
}

/**
 * The embedded store: etcd's MVCC model in one process.
 *
 * - `revision` is the store-wide counter (1 when empty, every write adds one), as in etcd.
 * - `history` keeps every version of every key since the last compaction, so reads at a past revision
 *   and watches from a past revision work; `log` keeps the same writes in revision order for watches.
 * - `keys` is every key that has history, kept sorted, so a list is a binary search plus a scan of the
 *   keys under the prefix: O(log n + m) for m keys in range (deleted-but-not-compacted keys count in m),
 *   times O(log h) per key when reading at a past revision. A new key costs an O(n) array insert, which
 *   is a memmove of pointers (microseconds at 50k keys). Compaction is O(n).
 *
 * Values are stored as given (copied once on write) and handed out as-is: treat them as read-only.
 * Every method does its work synchronously before its first await, which is what makes each write atomic.
 */
export class MemoryStorage implements Storage {
  readonly backend = 'memory' as const;
  private revision = 1;
  /** Reads and watches below this revision throw CompactedError (0: nothing compacted yet). */
  private compactedAt = 0;
  private readonly history = new Map<string, Version[]>();
  private keys: string[] = [];
  private log: WatchEvent[] = [];
  private readonly watchers = new Set<MemoryWatcher>();
  private closed = false;
  private readonly logger?: Logger;
  private readonly snapshotFile?: string;
  private readonly snapshotDebounceMs: number;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private snapshotChain: Promise<void> = Promise.resolve();

  constructor(opts: MemoryStorageOptions = {}) {
    this.logger = opts.logger;
    this.snapshotFile = opts.snapshotFile;
    this.snapshotDebounceMs = opts.snapshotDebounceMs ?? 1_000;
    if (this.snapshotFile) this.loadSnapshot(this.snapshotFile);
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.assertOpen();
    return this.latest(key);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.assertOpen();
    const at = opts.revision && opts.revision > 0 ? opts.revision : this.revision;
    this.assertReadable(at);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const after = opts.startAfter !== undefined && opts.startAfter >= prefix ? opts.startAfter : undefined;
    const items: KeyValue[] = [];
    let more = false;
    const first = after !== undefined ? upperBound(this.keys, after) : lowerBound(this.keys, prefix);
    for (let i = first; i < this.keys.length; i++) {
      const key = this.keys[i];
      if (!key.startsWith(prefix)) break;
      const kv = this.versionAt(key, at);
      if (!kv) continue;
      if (items.length >= limit) {
        more = true;
        break;
      }
      items.push(kv);
    }
    return { items, revision: at, more };
  }

  async create(key: string, value: Uint8Array): Promise<KeyValue> {
    this.assertOpen();
    if (this.latest(key)) throw new KeyExistsError(key);
    const rev = this.revision + 1;
    const kv: KeyValue = { key, value: copy(value), createRevision: rev, modRevision: rev };
    this.commit(key, { modRevision: rev, kv }, { type: 'put', kv });
    return kv;
  }

  async update(key: string, value: Uint8Array, expectedModRevision: number): Promise<KeyValue> {
    this.assertOpen();
    const current = this.latest(key);
    if (!current) throw new KeyNotFoundError(key);
    if (current.modRevision !== expectedModRevision) {
      throw new RevisionMismatchError(key, expectedModRevision, current);
    }
    const rev = this.revision + 1;
    const kv: KeyValue = { key, value: copy(value), createRevision: current.createRevision, modRevision: rev };
    this.commit(key, { modRevision: rev, kv }, { type: 'put', kv, prev: current });
    return kv;
  }

  async delete(key: string, expectedModRevision?: number): Promise<{ prev: KeyValue; revision: number }> {
    this.assertOpen();
    const current = this.latest(key);
    if (!current) throw new KeyNotFoundError(key);
    if (expectedModRevision !== undefined && current.modRevision !== expectedModRevision) {
      throw new RevisionMismatchError(key, expectedModRevision, current);
    }
    const rev = this.revision + 1;
    this.commit(key, { modRevision: rev, kv: undefined }, { type: 'delete', key, modRevision: rev, prev: current });
    return { prev: current, revision: rev };
  }

  async watch(prefix: string, fromRevision: number, handlers: WatchHandlers): Promise<StorageWatch> {
    this.assertOpen();
    const start = fromRevision > 0 ? fromRevision : this.revision + 1;
    const watcher = new MemoryWatcher(prefix, start, handlers, (w) => this.watchers.delete(w), this.logger);
    if (fromRevision > 0 && fromRevision < this.compactedAt) {
      watcher.fail(new CompactedError(fromRevision, this.compactedAt));
      return watcher;
    }
    // Replay and registration happen in the same synchronous step, so no write can slip between them.
    watcher.enqueue(this.log.slice(this.logIndexOf(start)).filter((e) => watcher.matches(e)));
    this.watchers.add(watcher);
    return watcher;
  }

  async currentRevision(): Promise<number> {
    this.assertOpen();
    return this.revision;
  }

  async compact(revision: number): Promise<void> {
    this.assertOpen();
    if (revision > this.revision) {
      throw new StorageError(`cannot compact to revision ${revision}: it is in the future (current ${this.revision})`);
    }
    // Like the Kubernetes compactor, treat compacting an already-compacted revision as done.
    if (revision <= this.compactedAt) return;
    this.compactedAt = revision;
    this.log = this.log.slice(this.logIndexOf(revision));
    let dropped = false;
    for (const [key, versions] of this.history) {
      // Keep the version visible at `revision` (the last one at or before it) and everything newer.
      let keep = versions.length;
      while (keep > 0 && versions[keep - 1].modRevision > revision) keep--;
      const first = keep > 0 && versions[keep - 1].kv ? keep - 1 : keep;
      if (first === 0) continue;
      versions.splice(0, first);
      if (versions.length === 0) {
        this.history.delete(key);
        dropped = true;
      }
    }
    if (dropped) this.keys = this.keys.filter((k) => this.history.has(k));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of [...this.watchers]) w.stop();
    clearTimeout(this.snapshotTimer);
    if (this.snapshotFile) await this.saveSnapshot(this.snapshotFile);
  }

  private commit(key: string, version: Version, event: WatchEvent): void {
    this.revision = version.modRevision;
    let versions = this.history.get(key);
    if (!versions) {
      versions = [];
      this.history.set(key, versions);
      this.keys.splice(upperBound(this.keys, key), 0, key);
    }
    versions.push(version);
    this.log.push(event);
    for (const w of this.watchers) if (w.matches(event)) w.enqueue([event]);
    this.scheduleSnapshot();
  }

  private latest(key: string): KeyValue | undefined {
    const versions = this.history.get(key);
    return versions?.[versions.length - 1].kv;
  }

  /** The key's value as of revision `at` (binary search over its history). */
  private versionAt(key: string, at: number): KeyValue | undefined {
    const versions = this.history.get(key);
    if (!versions) return undefined;
    let lo = 0;
    let hi = versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (versions[mid].modRevision <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? versions[lo - 1].kv : undefined;
  }

  /** Index of the first log entry with revision >= `revision`. */
  private logIndexOf(revision: number): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (eventRevision(this.log[mid]) < revision) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private assertReadable(revision: number): void {
    if (revision < this.compactedAt) throw new CompactedError(revision, this.compactedAt);
    if (revision > this.revision) {
      throw new StorageError(`revision ${revision} is in the future (current ${this.revision})`);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageUnavailableError('memory storage is closed');
  }

  private loadSnapshot(file: string): void {
    const snapshot = readSnapshot(file);
    if (!snapshot) return;
    const sorted = [...snapshot.items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const kv of sorted) {
      this.history.set(kv.key, [{ modRevision: kv.modRevision, kv }]);
      this.keys.push(kv.key);
    }
    this.revision = snapshot.revision;
    // History before the snapshot is gone: behave as if compacted at the saved revision.
    this.compactedAt = snapshot.revision;
    this.logger?.info({ file, keys: sorted.length, revision: snapshot.revision }, 'memory storage loaded snapshot');
  }

  private scheduleSnapshot(): void {
    const file = this.snapshotFile;
    if (!file || this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      void this.saveSnapshot(file);
    }, this.snapshotDebounceMs);
    this.snapshotTimer.unref();
  }

  /** Snapshots are serialized so an older one can never be renamed over a newer one. */
  private saveSnapshot(file: string): Promise<void> {
    const items: KeyValue[] = [];
    for (const key of this.keys) {
      const kv = this.latest(key);
      if (kv) items.push(kv);
    }
    const snapshot = { revision: this.revision, items };
    this.snapshotChain = this.snapshotChain
      .then(() => writeSnapshot(file, snapshot))
      .catch((err: unknown) => this.logger?.error({ err, file }, 'memory storage could not write its snapshot'));
    return this.snapshotChain;
  }
}

function copy(value: Uint8Array): Uint8Array {
  return Uint8Array.prototype.slice.call(value);
}
