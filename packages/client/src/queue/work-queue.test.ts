import { FakeClock, flushPromises } from '../clock';
import { ItemExponentialRateLimiter } from './rate-limiter';
import { WorkQueue } from './work-queue';

function newQueue(clock = new FakeClock()) {
  return { clock, queue: new WorkQueue<string>({ clock, rateLimiter: new ItemExponentialRateLimiter<string>(5, 1_000_000) }) };
}

/** Starts `n` workers that hold each item until the test releases it, recording what they saw. */
function workers(queue: WorkQueue<string>, n: number) {
  const inFlight = new Map<string, number>();
  const processed: string[] = [];
  const release = new Map<string, Array<() => void>>();
  let maxConcurrentPerKey = 0;
  const run = async () => {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      maxConcurrentPerKey = Math.max(maxConcurrentPerKey, inFlight.get(key)!);
      await new Promise<void>((resolve) => release.set(key, [...(release.get(key) ?? []), resolve]));
      inFlight.set(key, inFlight.get(key)! - 1);
      processed.push(key);
      queue.done(key);
    }
  };
  const done = Promise.all(Array.from({ length: n }, run));
  return {
    done,
    processed,
    holding: () => [...inFlight.entries()].filter(([, c]) => c > 0).map(([k]) => k).sort(),
    maxConcurrentPerKey: () => maxConcurrentPerKey,
    async finish(key: string) {
      const waiters = release.get(key) ?? [];
      const next = waiters.shift();
      if (!next) throw new Error(`no worker holds ${key}`);
      next();
      await flushPromises();
    },
  };
}

describe('WorkQueue', () => {
  it('hands items out in the order they were added (fair)', async () => {
    const { queue } = newQueue();
    for (const k of ['a', 'b', 'c']) queue.add(k);
    expect([await queue.get(), await queue.get(), await queue.get()]).toEqual(['a', 'b', 'c']);
  });

  it('collapses duplicates while an item waits', async () => {
    const { queue } = newQueue();
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(queue.len()).toBe(2);
  });

  it('never gives one key to two workers at once, and runs a key re-added while processing once more after', async () => {
    const { queue } = newQueue();
    const w = workers(queue, 3);
    queue.add('a');
    await flushPromises();
    expect(w.holding()).toEqual(['a']);
    // Added twice while a worker holds it: two idle workers must not take it, and it collapses to one rerun.
    queue.add('a');
    queue.add('a');
    queue.add('b');
    await flushPromises();
    expect(w.holding()).toEqual(['a', 'b']);
    await w.finish('a');
    expect(w.holding()).toEqual(['a', 'b']);
    await w.finish('a');
    await w.finish('b');
    expect(w.processed.sort()).toEqual(['a', 'a', 'b']);
    expect(w.maxConcurrentPerKey()).toBe(1);
    await queue.shutDown();
    await w.done;
  });

  it('keeps each key with one worker under many concurrent adds', async () => {
    const { queue } = newQueue();
    const seen: string[] = [];
    const active = new Set<string>();
    let overlap = false;
    const worker = async () => {
      for (;;) {
        const k = await queue.get();
        if (k === undefined) return;
        if (active.has(k)) overlap = true;
        active.add(k);
        await flushPromises(1);
        active.delete(k);
        seen.push(k);
        queue.done(k);
      }
    };
    const running = Promise.all(Array.from({ length: 5 }, worker));
    for (let i = 0; i < 200; i++) {
      queue.add(`k${i % 7}`);
      if (i % 3 === 0) await flushPromises(1);
    }
    await queue.shutDown();
    await running;
    expect(overlap).toBe(false);
    expect(new Set(seen)).toEqual(new Set(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']));
  });

  it('backs off per key exponentially (5 ms, 10 ms, 20 ms ...) and forget() resets it', async () => {
    const { queue, clock } = newQueue();
    const cases = [5, 10, 20, 40];
    for (const delay of cases) {
      queue.addRateLimited('a');
      await clock.step(delay - 1);
      expect(queue.len()).toBe(0);
      await clock.step(1);
      expect(queue.len()).toBe(1);
      expect(await queue.get()).toBe('a');
      queue.done('a');
    }
    expect(queue.numRequeues('a')).toBe(4);
    queue.forget('a');
    expect(queue.numRequeues('a')).toBe(0);
    queue.addRateLimited('a');
    await clock.step(5);
    expect(queue.len()).toBe(1);
  });

  it('delays adds; an earlier delay for the same key wins and it is added once', async () => {
    const { queue, clock } = newQueue();
    queue.addAfter('a', 100);
    queue.addAfter('a', 50);
    queue.addAfter('a', 200);
    expect(queue.delayedLen()).toBe(1);
    await clock.step(49);
    expect(queue.len()).toBe(0);
    await clock.step(1);
    expect(queue.len()).toBe(1);
    await clock.step(500);
    expect(queue.len()).toBe(1);
    expect(queue.delayedLen()).toBe(0);
  });

  it('shutDown lets workers drain what is queued, ignores new adds, drops delayed adds, then resolves', async () => {
    const { queue, clock } = newQueue();
    queue.add('a');
    queue.add('b');
    queue.addAfter('later', 10);
    const w = workers(queue, 1);
    await flushPromises();
    let drained = false;
    const shutdown = queue.shutDown().then(() => (drained = true));
    queue.add('c');
    await w.finish('a');
    expect(drained).toBe(false);
    await w.finish('b');
    await shutdown;
    await w.done;
    await clock.step(100);
    expect(w.processed).toEqual(['a', 'b']);
    expect(queue.isShuttingDown()).toBe(true);
    expect(await queue.get()).toBeUndefined();
  });

  it('wakes a waiting get() with undefined on shutdown', async () => {
    const { queue } = newQueue();
    const pending = queue.get();
    await queue.shutDown();
    expect(await pending).toBeUndefined();
  });
});

describe('WorkQueue.shutDown without draining', () => {
  it('resolves at once and drops what was queued when no worker will come', async () => {
    const q = new WorkQueue<string>();
    q.add('a');
    q.add('b');
    await q.shutDown({ drain: false });
    expect(q.len()).toBe(0);
    expect(await q.get()).toBeUndefined();
  });
});
