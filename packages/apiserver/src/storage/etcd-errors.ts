import {
  EtcdError,
  Etcd3,
  GRPCFailedPreconditionError,
  GRPCInvalidArgumentError,
  GRPCOutOfRangeError,
  EtcdPermissionDeniedError,
  GRPCUnauthenticatedError,
} from 'etcd3';
import { StorageError, StorageUnavailableError } from './types';

export const isCompactedMessage = (err: unknown): boolean =>
  err instanceof Error && err.message.includes('required revision has been compacted');

export const isFutureRevisionMessage = (err: unknown): boolean =>
  err instanceof Error && err.message.includes('required revision is a future revision');

/**
 * Turns an etcd3/gRPC failure into a storage error. etcd's answers about the request itself
 * (bad argument, out of range, permission) stay plain StorageErrors; everything else - refused
 * connections, deadlines, an open circuit breaker, a closed client - means etcd is unavailable.
 */
export function toStorageError(err: unknown, operation: string): Error {
  if (err instanceof StorageError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const requestProblem =
    err instanceof GRPCInvalidArgumentError ||
    err instanceof GRPCOutOfRangeError ||
    err instanceof GRPCFailedPreconditionError ||
    err instanceof EtcdPermissionDeniedError ||
    err instanceof GRPCUnauthenticatedError ||
    err instanceof EtcdError;
  if (requestProblem) return new StorageError(`etcd ${operation}: ${message}`);
  return new StorageUnavailableError(`etcd ${operation} failed: ${message}`, err);
}

/**
 * etcd knows its compaction revision but etcd3 hides it (range errors carry only a message, HashKV is
 * missing from its protos, and a cancelled watcher drops `compact_revision`). A raw watch created at a
 * compacted revision is answered with that revision, so ask that way. Only used on the error path.
 */
export async function probeCompactRevision(
  client: Etcd3,
  key: Buffer,
  rangeEnd: Buffer,
  revision: number,
  timeoutMs = 2_000,
): Promise<number | undefined> {
  let stream: Awaited<ReturnType<Etcd3['watchClient']['watch']>>;
  try {
    stream = await client.watchClient.watch();
  } catch {
    return undefined;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<number | undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
      stream.on('error', () => resolve(undefined));
      stream.on('end', () => resolve(undefined));
      stream.on('data', (res) => {
        const compacted = Number(res.compact_revision);
        if (res.canceled) resolve(compacted > 0 ? compacted : undefined);
      });
      stream.write({ create_request: { key, range_end: rangeEnd, start_revision: revision } });
    });
  } finally {
    clearTimeout(timer);
    stream.cancel();
  }
}
