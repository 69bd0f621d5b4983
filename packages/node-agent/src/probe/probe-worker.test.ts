import { FakeClock } from '@tinykube/client';
import type { Probe } from '@tinykube/api';
import { ProbeWorker, type ProbeKind } from './probe-worker';
import type { ProbeOutcome } from './run-probe';

function worker(kind: ProbeKind, probe: Probe, outcomes: Array<'ok' | 'fail'>, mayRun = () => true) {
  const clock = new FakeClock(0);
  const results: boolean[] = [];
  const failures: string[] = [];
  let attempts = 0;
  const w = new ProbeWorker({
    kind,
    probe,
    startedAtMs: 0,
    clock,
    attempt: async (): Promise<ProbeOutcome> => {
      const o = outcomes[Math.min(attempts++, outcomes.length - 1)];
      return o === 'ok' ? { result: 'success' } : { result: 'failure', output: `attempt ${attempts}` };
    },
    mayRun,
    onFailedAttempt: (o) => failures.push(o),
    onResult: (ok) => results.push(ok),
  });
  return { w, clock, results, failures, attempts: () => attempts };
}

describe('ProbeWorker', () => {
  it('waits initialDelaySeconds, then probes every periodSeconds', async () => {
    const t = worker('readiness', { initialDelaySeconds: 5, periodSeconds: 2 }, ['ok']);
    t.w.start();
    await t.clock.step(4999);
    expect(t.attempts()).toBe(0);
    await t.clock.step(1);
    expect(t.attempts()).toBe(1);
    await t.clock.step(4000);
    expect(t.attempts()).toBe(3);
    t.w.stop();
  });

  it('readiness starts false and flips after successThreshold successes / failureThreshold failures in a row', async () => {
    const t = worker('readiness', { periodSeconds: 1, successThreshold: 2, failureThreshold: 2 }, ['ok', 'ok', 'fail', 'ok', 'fail', 'fail', 'ok']);
    expect(t.w.result).toBe(false);
    t.w.start();
    await t.clock.step(0);
    expect(t.results).toEqual([]);
    await t.clock.step(1000);
    expect(t.results).toEqual([true]);
    await t.clock.step(4000);
    expect(t.results).toEqual([true, false]);
    expect(t.failures).toEqual(['attempt 3', 'attempt 5', 'attempt 6']);
    t.w.stop();
  });

  it('liveness starts true, gives up after failureThreshold failures and stops', async () => {
    const t = worker('liveness', { periodSeconds: 1, failureThreshold: 3 }, ['fail']);
    expect(t.w.result).toBe(true);
    t.w.start();
    await t.clock.step(10_000);
    expect(t.results).toEqual([false]);
    expect(t.attempts()).toBe(3);
  });

  it('does not run liveness until the startup probe has succeeded', async () => {
    let started = false;
    const t = worker('liveness', { periodSeconds: 1 }, ['ok'], () => started);
    t.w.start();
    await t.clock.step(3000);
    expect(t.attempts()).toBe(0);
    started = true;
    await t.clock.step(1000);
    expect(t.attempts()).toBe(1);
    t.w.stop();
  });

  it('a startup probe succeeds once and then stops probing', async () => {
    const t = worker('startup', { periodSeconds: 1, failureThreshold: 5 }, ['fail', 'ok']);
    t.w.start();
    await t.clock.step(5000);
    expect(t.results).toEqual([true]);
    expect(t.attempts()).toBe(2);
  });
});
