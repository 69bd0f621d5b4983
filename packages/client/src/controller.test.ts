import { FakeClock, flushPromises } from './clock';
import { Controller, TerminalError } from './controller';
import { ItemExponentialRateLimiter } from './queue/rate-limiter';
import { WorkQueue } from './queue/work-queue';

function setup(reconcile: (key: string) => Promise<void | { requeueAfterMs: number }>, synced = { value: true }) {
  const clock = new FakeClock();
  const queue = new WorkQueue<string>({ clock, rateLimiter: new ItemExponentialRateLimiter<string>(5, 1000) });
  const calls: string[] = [];
  const controller = new Controller({
    name: 'test',
    clock,
    queue,
    workers: 2,
    waitFor: [{ hasSynced: () => synced.value }],
    reconcile: async (key) => {
      calls.push(key);
      return reconcile(key);
    },
  });
  const stop = new AbortController();
  const running = controller.run(stop.signal);
  return { clock, queue, controller, calls, stop: async () => (stop.abort(), running) };
}

describe('Controller', () => {
  it('stops even when it is stopped before its caches synced, with keys already queued', async () => {
    const t = setup(async () => undefined, { value: false });
    t.controller.enqueue('a');
    await expect(t.stop()).resolves.toBe(false);
    expect(t.calls).toEqual([]);
  });

  it('waits for the caches to sync before reconciling', async () => {
    const synced = { value: false };
    const t = setup(async () => undefined, synced);
    t.controller.enqueue('a');
    await t.clock.step(500);
    expect(t.calls).toEqual([]);
    synced.value = true;
    await t.clock.step(100);
    expect(t.calls).toEqual(['a']);
    expect(await t.stop()).toBe(true);
  });

  it('retries a failing reconcile with growing back-off, and forgets the key once it succeeds', async () => {
    let failures = 3;
    const t = setup(async () => {
      if (failures-- > 0) throw new Error('transient');
    });
    t.controller.enqueue('a');
    await flushPromises();
    expect(t.calls).toHaveLength(1);
    await t.clock.step(5);
    expect(t.calls).toHaveLength(2);
    await t.clock.step(9);
    expect(t.calls).toHaveLength(2);
    await t.clock.step(1);
    expect(t.calls).toHaveLength(3);
    await t.clock.step(20);
    expect(t.calls).toHaveLength(4);
    expect(t.queue.numRequeues('a')).toBe(0);
    await t.stop();
  });

  it('does not retry a TerminalError, and survives a reconcile that throws a non-Error', async () => {
    const t = setup(async (key) => {
      if (key === 'bad') throw new TerminalError('spec cannot work');
      if (key === 'weird') throw 'a string';
    });
    t.controller.enqueue('bad');
    t.controller.enqueue('weird');
    await flushPromises();
    await t.clock.step(10_000);
    expect(t.calls.filter((c) => c === 'bad')).toHaveLength(1);
    expect(t.calls.filter((c) => c === 'weird').length).toBeGreaterThan(1);
    t.controller.enqueue('ok');
    await flushPromises();
    expect(t.calls).toContain('ok');
    await t.stop();
  });

  it('requeues after success when reconcile asks for it', async () => {
    const t = setup(async () => ({ requeueAfterMs: 1000 }));
    t.controller.enqueue('a');
    await flushPromises();
    await t.clock.step(999);
    expect(t.calls).toEqual(['a']);
    await t.clock.step(1);
    expect(t.calls).toEqual(['a', 'a']);
    await t.stop();
  });

  it('lets a running reconcile finish when stopped', async () => {
    let release: () => void = () => undefined;
    let finished = false;
    const t = setup(async () => {
      await new Promise<void>((r) => (release = r));
      finished = true;
    });
    t.controller.enqueue('a');
    await flushPromises();
    const stopping = t.stop();
    await flushPromises();
    expect(finished).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
  });
});
