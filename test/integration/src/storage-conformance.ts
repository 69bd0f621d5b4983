import {
  CompactedError,
  KeyExistsError,
  KeyNotFoundError,
  RevisionMismatchError,
  Storage,
} from '@tinykube/apiserver';
import { bytes, text, WatchRecorder } from './storage-watch-recorder';

const runId = `${process.pid}-${Date.now().toString(36)}`;
let prefixCounter = 0;

/**
 * The behaviour every Storage backend must share, written once and run against each backend. Every
 * test works under its own key prefix, so backends that keep state between tests (one etcd per file)
 * need no cleanup between them.
 */
export function describeStorageConformance(
  name: string,
  makeStorage: () => Promise<Storage>,
  cleanup: () => Promise<void>,
): void {
  describe(`storage conformance: ${name}`, () => {
    let storage: Storage;
    let p: string;

    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await cleanup();
    });
    beforeEach(() => {
      p = `/conformance/${runId}/${++prefixCounter}/`;
    });

    describe('create and get', () => {
      it('creates an absent key at a new revision and reads it back', async () => {
        const before = await storage.currentRevision();
        const kv = await storage.create(`${p}a`, bytes('one'));
        expect(kv).toMatchObject({ key: `${p}a`, createRevision: before + 1, modRevision: before + 1 });
        const got = await storage.get(`${p}a`);
        expect(got && { ...got, value: text(got.value) }).toEqual({ ...kv, value: 'one' });
      });

      it('refuses to create an existing key with KeyExistsError and keeps the old value', async () => {
        await storage.create(`${p}a`, bytes('first'));
        await expect(storage.create(`${p}a`, bytes('second'))).rejects.toBeInstanceOf(KeyExistsError);
        expect(text((await storage.get(`${p}a`))!.value)).toBe('first');
      });

      it('returns undefined for a missing key', async () => {
        await expect(storage.get(`${p}missing`)).resolves.toBeUndefined();
      });

      it('stores arbitrary bytes unchanged', async () => {
        const value = Uint8Array.from([0, 1, 127, 128, 255, 0]);
        await storage.create(`${p}bin`, value);
        expect(Array.from((await storage.get(`${p}bin`))!.value)).toEqual(Array.from(value));
      });

      it('gives a key re-created after deletion a new create revision', async () => {
        const first = await storage.create(`${p}a`, bytes('v1'));
        await storage.delete(`${p}a`);
        const second = await storage.create(`${p}a`, bytes('v2'));
        expect(second.createRevision).toBeGreaterThan(first.createRevision);
      });
    });

    describe('update if revision', () => {
      it('replaces the value when the revision matches, bumping modRevision only', async () => {
        const created = await storage.create(`${p}a`, bytes('v1'));
        const updated = await storage.update(`${p}a`, bytes('v2'), created.modRevision);
        expect(updated.modRevision).toBeGreaterThan(created.modRevision);
        expect(updated.createRevision).toBe(created.createRevision);
        expect(updated.modRevision).toBe(await storage.currentRevision());
        const got = await storage.get(`${p}a`);
        expect(got && { ...got, value: text(got.value) }).toEqual({ ...updated, value: 'v2' });
      });

      it('refuses a stale revision with RevisionMismatchError carrying the current value', async () => {
        const created = await storage.create(`${p}a`, bytes('v1'));
        const updated = await storage.update(`${p}a`, bytes('v2'), created.modRevision);
        const err: unknown = await storage.update(`${p}a`, bytes('v3'), created.modRevision).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RevisionMismatchError);
        const mismatch = err as RevisionMismatchError;
        expect(mismatch.expected).toBe(created.modRevision);
        expect(mismatch.current.modRevision).toBe(updated.modRevision);
        expect(text(mismatch.current.value)).toBe('v2');
        expect(text((await storage.get(`${p}a`))!.value)).toBe('v2');
      });

      it.each([
        ['never existed', false],
        ['was deleted', true],
      ])('refuses to update a key that %s with KeyNotFoundError', async (_label, existedBefore) => {
        let rev = 1;
        if (existedBefore) {
          rev = (await storage.create(`${p}a`, bytes('v1'))).modRevision;
          await storage.delete(`${p}a`);
        }
        await expect(storage.update(`${p}a`, bytes('v2'), rev)).rejects.toBeInstanceOf(KeyNotFoundError);
        await expect(storage.update(`${p}a`, bytes('v2'), 0)).rejects.toBeInstanceOf(KeyNotFoundError);
        await expect(storage.get(`${p}a`)).resolves.toBeUndefined();
      });
    });

    describe('delete', () => {
      it('deletes without a precondition, returning the previous value and the delete revision', async () => {
        const created = await storage.create(`${p}a`, bytes('v1'));
        const { prev, revision } = await storage.delete(`${p}a`);
        expect({ ...prev, value: text(prev.value) }).toEqual({ ...created, value: 'v1' });
        expect(revision).toBe(await storage.currentRevision());
        expect(revision).toBeGreaterThan(created.modRevision);
        await expect(storage.get(`${p}a`)).resolves.toBeUndefined();
        await expect(storage.delete(`${p}a`)).rejects.toBeInstanceOf(KeyNotFoundError);
      });

      it('deletes with a matching precondition and refuses a stale one', async () => {
        const created = await storage.create(`${p}a`, bytes('v1'));
        const updated = await storage.update(`${p}a`, bytes('v2'), created.modRevision);
        const err: unknown = await storage.delete(`${p}a`, created.modRevision).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RevisionMismatchError);
        expect((err as RevisionMismatchError).current.modRevision).toBe(updated.modRevision);
        expect(await storage.get(`${p}a`)).toBeDefined();
        const { prev } = await storage.delete(`${p}a`, updated.modRevision);
        expect(text(prev.value)).toBe('v2');
        await expect(storage.get(`${p}a`)).resolves.toBeUndefined();
      });

      it('refuses a precondition delete of a missing key with KeyNotFoundError', async () => {
        await expect(storage.delete(`${p}missing`, 5)).rejects.toBeInstanceOf(KeyNotFoundError);
      });
    });

    describe('list', () => {
      it('lists the keys under the prefix sorted, at the current revision', async () => {
        for (const name of ['c', 'a', 'e', 'b', 'd']) await storage.create(`${p}items/${name}`, bytes(name));
        await storage.create(`${p}itemsx`, bytes('outside'));
        await storage.create(`${p}item`, bytes('outside'));
        const result = await storage.list(`${p}items/`);
        expect(result.items.map((kv) => kv.key)).toEqual(['a', 'b', 'c', 'd', 'e'].map((n) => `${p}items/${n}`));
        expect(result.items.map((kv) => text(kv.value))).toEqual(['a', 'b', 'c', 'd', 'e']);
        expect(result.more).toBe(false);
        expect(result.revision).toBe(await storage.currentRevision());
      });

      it('reads the prefix as it was at a past revision', async () => {
        const a = await storage.create(`${p}a`, bytes('a1'));
        await storage.create(`${p}b`, bytes('b1'));
        const past = await storage.currentRevision();
        await storage.update(`${p}a`, bytes('a2'), a.modRevision);
        await storage.delete(`${p}b`);
        await storage.create(`${p}c`, bytes('c1'));

        const then = await storage.list(p, { revision: past });
        expect(then.revision).toBe(past);
        expect(then.items.map((kv) => [kv.key, text(kv.value)])).toEqual([
          [`${p}a`, 'a1'],
          [`${p}b`, 'b1'],
        ]);
        const now = await storage.list(p);
        expect(now.items.map((kv) => [kv.key, text(kv.value)])).toEqual([
          [`${p}a`, 'a2'],
          [`${p}c`, 'c1'],
        ]);
      });

      it('pages with limit and startAfter, saying whether more remain', async () => {
        const names = ['k1', 'k2', 'k3', 'k4', 'k5'];
        for (const name of names) await storage.create(`${p}${name}`, bytes(name));
        const revision = await storage.currentRevision();
        const pages: Array<{ keys: string[]; more: boolean }> = [];
        let startAfter: string | undefined;
        for (;;) {
          const page = await storage.list(p, { limit: 2, revision, ...(startAfter ? { startAfter } : {}) });
          pages.push({ keys: page.items.map((kv) => kv.key.slice(p.length)), more: page.more });
          if (!page.more) break;
          startAfter = page.items[page.items.length - 1].key;
        }
        expect(pages).toEqual([
          { keys: ['k1', 'k2'], more: true },
          { keys: ['k3', 'k4'], more: true },
          { keys: ['k5'], more: false },
        ]);
      });

      it('says no more remain when the limit equals the number of keys, and ignores a startAfter before the prefix', async () => {
        for (const name of ['k1', 'k2']) await storage.create(`${p}${name}`, bytes(name));
        const exact = await storage.list(p, { limit: 2 });
        expect([exact.items.length, exact.more]).toEqual([2, false]);
        const early = await storage.list(p, { startAfter: '/' });
        expect(early.items.map((kv) => kv.key)).toEqual([`${p}k1`, `${p}k2`]);
      });

      it('returns an empty list for an unknown prefix at the current revision', async () => {
        const result = await storage.list(`${p}nothing/`);
        expect(result).toEqual({ items: [], more: false, revision: await storage.currentRevision() });
      });
    });

    describe('watch', () => {
      it('replays history from a revision in order, with previous values, then live events', async () => {
        const created = await storage.create(`${p}a`, bytes('v1'));
        const updated = await storage.update(`${p}a`, bytes('v2'), created.modRevision);
        const deleted = await storage.delete(`${p}a`);
        const watch = await WatchRecorder.start(storage, p, created.modRevision);
        try {
          const live = await storage.create(`${p}b`, bytes('b1'));
          expect(await watch.waitForEvents(4)).toEqual([
            { type: 'put', key: `${p}a`, value: 'v1', revision: created.modRevision },
            {
              type: 'put',
              key: `${p}a`,
              value: 'v2',
              revision: updated.modRevision,
              prevValue: 'v1',
              prevRevision: created.modRevision,
            },
            {
              type: 'delete',
              key: `${p}a`,
              revision: deleted.revision,
              prevValue: 'v2',
              prevRevision: updated.modRevision,
            },
            { type: 'put', key: `${p}b`, value: 'b1', revision: live.modRevision },
          ]);
          expect(watch.errors).toEqual([]);
        } finally {
          await watch.cancel();
        }
      });

      it('never reorders or repeats events when the watch starts while a writer is busy', async () => {
        const from = (await storage.currentRevision()) + 1;
        const writes = 40;
        const writer = (async () => {
          for (let i = 0; i < writes; i++) await storage.create(`${p}k${String(i).padStart(2, '0')}`, bytes('v'));
        })();
        // Let the writer get ahead, so the watch has both history to replay and live writes to follow.
        await storage.create(`${p}first`, bytes('v'));
        const watch = await WatchRecorder.start(storage, p, from);
        try {
          await writer;
          const events = await watch.waitForEvents(writes + 1);
          const revisions = events.map((e) => e.revision);
          expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
          expect(new Set(revisions).size).toBe(writes + 1);
          expect(events.length).toBe(writes + 1);
        } finally {
          await watch.cancel();
        }
      });

      it('from revision 0 sees only writes made after the watch started', async () => {
        await storage.create(`${p}old`, bytes('old'));
        const watch = await WatchRecorder.start(storage, p, 0);
        try {
          const fresh = await storage.create(`${p}new`, bytes('new'));
          const events = await watch.waitForEvents(1);
          expect(events).toEqual([{ type: 'put', key: `${p}new`, value: 'new', revision: fresh.modRevision }]);
        } finally {
          await watch.cancel();
        }
      });

      it('does not cross a prefix boundary (/registry/pods/ vs /registry/podsx)', async () => {
        const watch = await WatchRecorder.start(storage, `${p}registry/pods/`, 0);
        try {
          await storage.create(`${p}registry/podsx/default/a`, bytes('x'));
          await storage.create(`${p}registry/pods`, bytes('x'));
          const mine = await storage.create(`${p}registry/pods/default/a`, bytes('pod'));
          const events = await watch.waitForEvents(1);
          expect(events.map((e) => [e.key, e.revision])).toEqual([[`${p}registry/pods/default/a`, mine.modRevision]]);
          const listed = await storage.list(`${p}registry/pods/`);
          expect(listed.items.map((kv) => kv.key)).toEqual([`${p}registry/pods/default/a`]);
        } finally {
          await watch.cancel();
        }
      });

      it('delivers nothing after cancel()', async () => {
        const cancelled = await WatchRecorder.start(storage, p, 0);
        await cancelled.cancel();
        const fence = await WatchRecorder.start(storage, p, 0);
        try {
          await storage.create(`${p}a`, bytes('v1'));
          await fence.waitForEvents(1);
          expect(cancelled.events).toEqual([]);
          expect(cancelled.errors).toEqual([]);
        } finally {
          await fence.cancel();
        }
      });
    });

    describe('compaction', () => {
      it('makes lists and watches at older revisions fail with CompactedError', async () => {
        const a = await storage.create(`${p}a`, bytes('v1'));
        const old = await storage.currentRevision();
        await storage.update(`${p}a`, bytes('v2'), a.modRevision);
        const compactAt = await storage.currentRevision();
        await storage.create(`${p}b`, bytes('b1'));
        await storage.compact(compactAt);

        const listErr: unknown = await storage.list(p, { revision: old }).catch((e: unknown) => e);
        expect(listErr).toBeInstanceOf(CompactedError);
        expect(listErr).toMatchObject({ requested: old, compactRevision: compactAt });

        const watch = await WatchRecorder.start(storage, p, old);
        try {
          const watchErr = await watch.waitForError();
          expect(watchErr).toBeInstanceOf(CompactedError);
          expect(watchErr).toMatchObject({ requested: old, compactRevision: compactAt });
          expect(watch.events).toEqual([]);
        } finally {
          await watch.cancel();
        }

        // The compacted revision itself is still readable, and compacting it again is a no-op.
        const atCompaction = await storage.list(p, { revision: compactAt });
        expect(atCompaction.items.map((kv) => text(kv.value))).toEqual(['v2']);
        await expect(storage.compact(compactAt)).resolves.toBeUndefined();
      });

      it('refuses to compact a future revision', async () => {
        const future = (await storage.currentRevision()) + 1000;
        await expect(storage.compact(future)).rejects.toThrow(/future/);
      });
    });

    describe('revisions and concurrency', () => {
      it('keeps currentRevision monotonic: every write bumps it, reads do not', async () => {
        const seen = [await storage.currentRevision()];
        const kv = await storage.create(`${p}a`, bytes('1'));
        seen.push(await storage.currentRevision());
        await storage.get(`${p}a`);
        await storage.list(p);
        seen.push(await storage.currentRevision());
        await storage.update(`${p}a`, bytes('2'), kv.modRevision);
        seen.push(await storage.currentRevision());
        await storage.delete(`${p}a`);
        seen.push(await storage.currentRevision());
        expect(seen[1]).toBe(kv.modRevision);
        expect(seen[2]).toBe(seen[1]);
        expect([seen[0] < seen[1], seen[2] < seen[3], seen[3] < seen[4]]).toEqual([true, true, true]);
      });

      it('never loses an increment with 20 concurrent update-if-revision writers', async () => {
        const writers = 20;
        const incrementsEach = 5;
        const key = `${p}counter`;
        await storage.create(key, bytes('0'));
        let conflicts = 0;
        const increment = async (): Promise<void> => {
          for (;;) {
            const current = (await storage.get(key))!;
            const next = String(Number(text(current.value)) + 1);
            try {
              await storage.update(key, bytes(next), current.modRevision);
              return;
            } catch (err) {
              if (!(err instanceof RevisionMismatchError)) throw err;
              conflicts++;
            }
          }
        };
        await Promise.all(
          Array.from({ length: writers }, async () => {
            for (let i = 0; i < incrementsEach; i++) await increment();
          }),
        );
        expect(text((await storage.get(key))!.value)).toBe(String(writers * incrementsEach));
        // Sanity: the writers really raced, otherwise this test proves nothing.
        expect(conflicts).toBeGreaterThan(0);
      });
    });
  });
}
