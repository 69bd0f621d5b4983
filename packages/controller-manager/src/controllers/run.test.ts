import { Controller } from '@tinykube/client';
import { runController } from './run';

describe('runController', () => {
  it('stops even when the caches never synced and keys are queued', async () => {
    const reconciled: string[] = [];
    const c = new Controller({ name: 'x', reconcile: async (key) => void reconciled.push(key), waitFor: [{ hasSynced: () => false }], syncPollMs: 5 });
    c.enqueue('default/a');
    const stop = new AbortController();
    const running = runController(c, stop.signal);
    stop.abort();
    await expect(running).resolves.toBeUndefined();
    expect(reconciled).toEqual([]);
  });

  it('runs reconciles while running', async () => {
    const reconciled: string[] = [];
    const c = new Controller({ name: 'x', reconcile: async (key) => void reconciled.push(key) });
    const stop = new AbortController();
    const running = runController(c, stop.signal);
    c.enqueue('default/a');
    while (reconciled.length === 0) await new Promise((r) => setImmediate(r));
    stop.abort();
    await running;
    expect(reconciled).toEqual(['default/a']);
  });
});
