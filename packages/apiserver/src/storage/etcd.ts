import type { Logger } from 'pino';
import { CompareResult, CompareTarget, Etcd3, ICompare, IRangeResponse } from 'etcd3';
import { isCompactedMessage, isFutureRevisionMessage, probeCompactRevision, toStorageError } from './etcd-errors';
import { EtcdWatch, toKeyValue } from './etcd-watch';
import { prefixRange } from './keys';
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
  WatchHandlers,
} from './types';

export interface EtcdStorageOptions {
  /** Client URLs, e.g. `['http://127.0.0.1:2379']`. */
  endpoints: string[];
  logger?: Logger;
  /** How long to wait for a connection (default 5 s). */
  dialTimeoutMs?: number;
  /** Deadline for each unary call (default 15 s), so a hung etcd surfaces as StorageUnavailableError. */
  requestTimeoutMs?: number;
}

/**
 * The etcd backend. Every conditional write is one etcd transaction: the compare guards the write,
 * and the failure branch reads the key so a refusal can say whether the key is missing or moved on.
 * Revisions are etcd's own (decimal strings on the wire, numbers here).
 */
export class EtcdStorage implements Storage {
  readonly backend = 'etcd' as const;
  private readonly client: Etcd3;
  private readonly logger?: Logger;
  private readonly dialTimeoutMs: number;
  private readonly watches = new Set<StorageWatch>();
  private compactedAt = 0;
  private closed = false;

  constructor(opts: EtcdStorageOptions) {
    if (opts.endpoints.length === 0) throw new StorageError('EtcdStorage needs at least one endpoint');
    this.logger = opts.logger;
    this.dialTimeoutMs = opts.dialTimeoutMs ?? 5_000;
    const requestTimeoutMs = opts.requestTimeoutMs ?? 15_000;
    this.client = new Etcd3({
      hosts: opts.endpoints,
      dialTimeout: this.dialTimeoutMs,
      // gRPC's default 4 MiB reply limit is far below a list of tens of thousands of pods; etcd itself
      // caps a reply at --max-request-bytes-ish sizes, so let the client take what the server sends.
      grpcOptions: { 'grpc.max_receive_message_length': -1 },
      defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + requestTimeoutMs }),
    });
  }

  async get(key: string): Promise<KeyValue | undefined> {
    const res = await this.call('get', () => this.client.kv.range({ key: Buffer.from(key) }));
    return res.kvs[0] ? toKeyValue(res.kvs[0]) : undefined;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    const { key, rangeEnd } = prefixRange(prefix);
    const revision = opts.revision && opts.revision > 0 ? opts.revision : 0;
    let start = key;
    if (opts.startAfter !== undefined) {
      // The smallest key after startAfter is startAfter followed by a zero byte.
      const after = Buffer.concat([Buffer.from(opts.startAfter), Buffer.from([0])]);
      if (Buffer.compare(after, start) > 0) start = after;
    }
    const unbounded = rangeEnd.length === 1 && rangeEnd[0] === 0;
    if (!unbounded && Buffer.compare(start, rangeEnd) >= 0) {
      return { items: [], revision: revision || (await this.currentRevision()), more: false };
    }
    let res: IRangeResponse;
    try {
      res = await this.client.kv.range({
        key: start,
        range_end: rangeEnd,
        ...(revision ? { revision } : {}),
        ...(opts.limit && opts.limit > 0 ? { limit: opts.limit } : {}),
      });
    } catch (err) {
      throw await this.readError(err, revision, key, rangeEnd, `list ${prefix}`);
    }
    return { items: res.kvs.map(toKeyValue), revision: revision || Number(res.header.revision), more: res.more };
  }

  async create(key: string, value: Uint8Array): Promise<KeyValue> {
    const k = Buffer.from(key);
    const res = await this.call('create', () =>
      this.client.kv.txn({
        compare: [absent(k)],
        success: [{ request_put: { key: k, value: toBuffer(value) } }],
        failure: [],
      }),
    );
    if (!res.succeeded) throw new KeyExistsError(key);
    const rev = Number(res.header.revision);
    return { key, value, createRevision: rev, modRevision: rev };
  }

  async update(key: string, value: Uint8Array, expectedModRevision: number): Promise<KeyValue> {
    const k = Buffer.from(key);
    const res = await this.call('update', () =>
      this.client.kv.txn({
        compare: [present(k), modRevisionIs(k, expectedModRevision)],
        // The keys-only read after the put returns the key's create revision without echoing the value.
        success: [{ request_put: { key: k, value: toBuffer(value) } }, { request_range: { key: k, keys_only: true } }],
        failure: [{ request_range: { key: k } }],
      }),
    );
    if (!res.succeeded) throw this.refusal(key, expectedModRevision, res.responses[0]?.response_range);
    const written = res.responses[1]?.response_range.kvs[0];
    const rev = Number(res.header.revision);
    return { key, value, createRevision: written ? Number(written.create_revision) : rev, modRevision: rev };
  }

  async delete(key: string, expectedModRevision?: number): Promise<{ prev: KeyValue; revision: number }> {
    const k = Buffer.from(key);
    const compare = expectedModRevision === undefined ? [present(k)] : [present(k), modRevisionIs(k, expectedModRevision)];
    const res = await this.call('delete', () =>
      this.client.kv.txn({
        compare,
        success: [{ request_delete_range: { key: k, prev_kv: true } }],
        failure: [{ request_range: { key: k } }],
      }),
    );
    if (!res.succeeded) throw this.refusal(key, expectedModRevision ?? 0, res.responses[0]?.response_range);
    const prev = res.responses[0]?.response_delete_range.prev_kvs[0];
    if (!prev) throw new KeyNotFoundError(key);
    return { prev: toKeyValue(prev), revision: Number(res.header.revision) };
  }

  async watch(prefix: string, fromRevision: number, handlers: WatchHandlers): Promise<StorageWatch> {
    if (this.closed) throw new StorageUnavailableError('etcd storage is closed');
    const watch = await EtcdWatch.start(
      {
        client: this.client,
        logger: this.logger,
        connectTimeoutMs: this.dialTimeoutMs,
        knownCompactRevision: () => this.compactedAt,
      },
      prefix,
      fromRevision,
      handlers,
    );
    this.watches.add(watch);
    return {
      cancel: async () => {
        this.watches.delete(watch);
        await watch.cancel();
      },
    };
  }

  async currentRevision(): Promise<number> {
    // A count-only read of one key is the cheapest linearizable way to learn the store revision.
    const res = await this.call('currentRevision', () =>
      this.client.kv.range({ key: Buffer.from([0]), count_only: true }),
    );
    return Number(res.header.revision);
  }

  async compact(revision: number): Promise<void> {
    try {
      await this.client.kv.compact({ revision, physical: true });
    } catch (err) {
      // Like the Kubernetes compactor, compacting an already-compacted revision counts as done.
      if (isCompactedMessage(err)) return;
      if (isFutureRevisionMessage(err)) {
        throw new StorageError(`cannot compact to revision ${revision}: it is in the future`);
      }
      throw toStorageError(err, 'compact');
    }
    this.compactedAt = Math.max(this.compactedAt, revision);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.watches].map((w) => w.cancel()));
    this.watches.clear();
    this.client.close();
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StorageUnavailableError('etcd storage is closed');
    try {
      return await fn();
    } catch (err) {
      throw toStorageError(err, operation);
    }
  }

  private refusal(key: string, expected: number, current: IRangeResponse | undefined): Error {
    const kv = current?.kvs[0];
    return kv ? new RevisionMismatchError(key, expected, toKeyValue(kv)) : new KeyNotFoundError(key);
  }

  private async readError(err: unknown, revision: number, key: Buffer, rangeEnd: Buffer, op: string): Promise<Error> {
    if (isCompactedMessage(err)) {
      const compactedAt = await probeCompactRevision(this.client, key, rangeEnd, revision);
      return new CompactedError(revision, compactedAt ?? this.compactedAt);
    }
    if (isFutureRevisionMessage(err)) return new StorageError(`revision ${revision} is in the future`);
    return toStorageError(err, op);
  }
}

const absent = (key: Buffer): ICompare => ({
  key,
  target: CompareTarget.Create,
  result: CompareResult.Equal,
  create_revision: 0,
});

const present = (key: Buffer): ICompare => ({
  key,
  target: CompareTarget.Create,
  result: CompareResult.Greater,
  create_revision: 0,
});

const modRevisionIs = (key: Buffer, revision: number): ICompare => ({
  key,
  target: CompareTarget.Mod,
  result: CompareResult.Equal,
  mod_revision: revision,
});

function toBuffer(value: Uint8Array): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
