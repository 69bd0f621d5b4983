import { CrashBackoff } from './backoff';
import { formatGoDuration } from './duration';

describe('CrashBackoff', () => {
  it('restarts at once the first time, then waits 10s, 20s, 40s ... up to 5m', () => {
    const b = new CrashBackoff();
    let t = 1_000_000;
    expect(b.decide('p/c', t, t)).toEqual({ kind: 'restart' });
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      t += 1000; // the container ran for a second and failed again
      const d = b.decide('p/c', t, t);
      if (d.kind !== 'wait') throw new Error('expected a wait');
      waits.push(d.delayMs);
      expect(d.remainingMs).toBe(d.delayMs);
      t += d.delayMs;
      expect(b.decide('p/c', t - d.delayMs, t)).toEqual({ kind: 'restart' });
    }
    expect(waits).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('counts the wait from when the container finished', () => {
    const b = new CrashBackoff({ baseMs: 1000 });
    b.decide('k', 0, 0);
    expect(b.decide('k', 5000, 5600)).toEqual({ kind: 'wait', delayMs: 1000, remainingMs: 400 });
    expect(b.decide('k', 5000, 6000)).toEqual({ kind: 'restart' });
  });

  it('starts over after a container ran longer than the reset window', () => {
    const b = new CrashBackoff({ baseMs: 100, resetAfterMs: 10_000 });
    b.decide('k', 0, 0);
    b.decide('k', 50, 200);
    expect(b.decide('k', 300, 300)).toMatchObject({ kind: 'wait', delayMs: 200 });
    // Ran from the last restart (at 300 + wait) for longer than the window.
    expect(b.decide('k', 20_000, 20_000)).toEqual({ kind: 'restart' });
    expect(b.decide('k', 20_010, 20_010)).toMatchObject({ kind: 'wait', delayMs: 100 });
  });

  it('keeps containers apart and forgets a pod', () => {
    const b = new CrashBackoff({ baseMs: 100 });
    b.decide('uid1/a', 0, 0);
    expect(b.decide('uid1/b', 0, 0)).toEqual({ kind: 'restart' });
    expect(b.decide('uid1/a', 10, 10).kind).toBe('wait');
    b.forgetPrefix('uid1/');
    expect(b.decide('uid1/a', 20, 20)).toEqual({ kind: 'restart' });
  });
});

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [1500, '1.5s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});
