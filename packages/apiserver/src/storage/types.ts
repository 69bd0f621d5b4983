/**
 * The one storage contract the apiserver is written against. Two backends implement it (etcd and the
 * embedded in-memory store) and pass the same conformance suite, so the layers above never know which
 * one they run on.
 *
 * Values are opaque bytes (the apiserver stores JSON). Revisions are etcd's: one store-wide counter
 * bumped by every write; an object's `modRevision` is the revision of its last write and becomes its
 * `metadata.resourceVersion`.
 */

export interface KeyValue {
  key: string;
  value: Uint8Array;
  /** Revision of the write that created this key (unchanged by later updates). */
  createRevision: number;
  /** Revision of the last write to this key. */
  modRevision: number;
}

export interface ListOptions {
  /** Read the prefix as it was at this revision; 0 or absent means "now". Compacted revisions throw CompactedError. */
  revision?: number;
  /** At most this many items; `more` says whether there were others. */
  limit?: number;
  /** Start after this key (exclusive), for paging with `limit`. */
  startAfter?: string;
}

export interface ListResult {
  items: KeyValue[];
  /** The revision the list was read at (the store's current revision when no revision was asked for). */
  revision: number;
  /** True when `limit` cut the list short. */
  more: boolean;
}

export type WatchEvent =
  | { type: 'put'; kv: KeyValue; prev?: KeyValue }
  | { type: 'delete'; key: string; modRevision: number; prev: KeyValue };

export interface WatchHandlers {
  /** Events in revision order. Events of one transaction arrive in one call. */
  onEvents(events: WatchEvent[]): void;
  /** The watch ended for good (compaction of the start revision gives a CompactedError). Never called after cancel(). */
  onError(err: Error): void;
}

export interface StorageWatch {
  cancel(): Promise<void>;
}

export interface Storage {
  readonly backend: 'etcd' | 'memory';
  get(key: string): Promise<KeyValue | undefined>;
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** Create the key only if it does not exist. Throws KeyExistsError otherwise. Returns the new KeyValue. */
  create(key: string, value: Uint8Array): Promise<KeyValue>;
  /**
   * Replace the value only if the key's modRevision is still `expectedModRevision`.
   * Throws KeyNotFoundError if the key is gone, RevisionMismatchError (carrying the current KeyValue) if it moved.
   */
  update(key: string, value: Uint8Array, expectedModRevision: number): Promise<KeyValue>;
  /**
   * Delete the key; with `expectedModRevision`, only if the key was not written since.
   * Throws KeyNotFoundError / RevisionMismatchError. Returns the deleted KeyValue and the delete's revision.
   */
  delete(key: string, expectedModRevision?: number): Promise<{ prev: KeyValue; revision: number }>;
  /** Watch every key under `prefix`, delivering events with modRevision >= fromRevision (fromRevision 0 = from now). */
  watch(prefix: string, fromRevision: number, handlers: WatchHandlers): Promise<StorageWatch>;
  currentRevision(): Promise<number>;
  /** Forget history before `revision`; lists and watches at older revisions then throw CompactedError. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}

export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class KeyExistsError extends StorageError {
  constructor(readonly key: string) {
    super(`key ${key} already exists`);
  }
}

export class KeyNotFoundError extends StorageError {
  constructor(readonly key: string) {
    super(`key ${key} not found`);
  }
}

export class RevisionMismatchError extends StorageError {
  constructor(
    readonly key: string,
    readonly expected: number,
    readonly current: KeyValue,
  ) {
    super(`key ${key} is at revision ${current.modRevision}, not ${expected}`);
  }
}

export class CompactedError extends StorageError {
  constructor(
    readonly requested: number,
    readonly compactRevision: number,
  ) {
    super(`revision ${requested} has been compacted (compacted up to ${compactRevision})`);
  }
}

/** The backend could not be reached or failed; maps to 5xx/504, never to a client error. */
export class StorageUnavailableError extends StorageError {
  constructor(message: string, cause?: unknown) {
    super(message);
    this.cause = cause;
  }
}

export const isKeyExists = (e: unknown): e is KeyExistsError => e instanceof KeyExistsError;
export const isKeyNotFound = (e: unknown): e is KeyNotFoundError => e instanceof KeyNotFoundError;
export const isRevisionMismatch = (e: unknown): e is RevisionMismatchError => e instanceof RevisionMismatchError;
export const isCompacted = (e: unknown): e is CompactedError => e instanceof CompactedError;
