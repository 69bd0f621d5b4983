import { readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { KeyValue, StorageError } from './types';

/**
 * The memory backend's snapshot file: the live keys and the store revision, as JSON with base64
 * values. History is not kept, so a restarted store starts out compacted at the saved revision.
 */
interface SnapshotFile {
  format: 'tinykube-memory-snapshot/v1';
  revision: number;
  items: Array<{ key: string; value: string; createRevision: number; modRevision: number }>;
}

export interface Snapshot {
  revision: number;
  items: KeyValue[];
}

export class SnapshotFormatError extends StorageError {
  constructor(readonly file: string, detail: string) {
    super(`snapshot ${file} is not readable: ${detail}`);
  }
}

/** Reads a snapshot synchronously (the store's constructor is synchronous); undefined if the file is absent. */
export function readSnapshot(file: string): Snapshot | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new SnapshotFormatError(file, err instanceof Error ? err.message : String(err));
  }
  if (!isSnapshotFile(parsed)) throw new SnapshotFormatError(file, 'unexpected structure');
  return {
    revision: parsed.revision,
    items: parsed.items.map((item) => ({
      key: item.key,
      value: Buffer.from(item.value, 'base64'),
      createRevision: item.createRevision,
      modRevision: item.modRevision,
    })),
  };
}

/** Writes the snapshot to a temp file, fsyncs it, then renames it over `file`, so a crash never leaves half a file. */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  const body: SnapshotFile = {
    format: 'tinykube-memory-snapshot/v1',
    revision: snapshot.revision,
    items: snapshot.items.map((kv) => ({
      key: kv.key,
      value: Buffer.from(kv.value.buffer, kv.value.byteOffset, kv.value.byteLength).toString('base64'),
      createRevision: kv.createRevision,
      modRevision: kv.modRevision,
    })),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(body));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function isSnapshotFile(v: unknown): v is SnapshotFile {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<SnapshotFile>;
  return (
    s.format === 'tinykube-memory-snapshot/v1' &&
    typeof s.revision === 'number' &&
    Array.isArray(s.items) &&
    s.items.every(
      (i: unknown) =>
        typeof i === 'object' &&
        i !== null &&
        typeof (i as { key?: unknown }).key === 'string' &&
        typeof (i as { value?: unknown }).value === 'string' &&
        typeof (i as { createRevision?: unknown }).createRevision === 'number' &&
        typeof (i as { modRevision?: unknown }).modRevision === 'number',
    )
  );
}
