import { FakeClock } from '../clock';
import { defaultControllerRateLimiter, ItemExponentialRateLimiter, MaxOfRateLimiter, TokenBucketRateLimiter } from './rate-limiter';

describe('ItemExponentialRateLimiter', () => {
  it.each([
    [1, 5],
    [2, 10],
    [3, 20],
    [10, 2560],
    [18, 655_360],
    [19, 1_000_000],
    [200, 1_000_000],
  ])('failure %i waits %i ms', (failures, expected) => {
    const l = new ItemExponentialRateLimiter<string>(5, 1_000_000);
    let last = 0;
    for (let i = 0; i < failures; i++) last = l.when('x');
    expect(last).toBe(expected);
    expect(l.numRequeues('x')).toBe(failures);
  });

  it('keeps separate counts per item', () => {
    const l = new ItemExponentialRateLimiter<string>();
    l.when('a');
    l.when('a');
    expect(l.when('b')).toBe(5);
    l.forget('a');
    expect(l.when('a')).toBe(5);
  });
});

describe('TokenBucketRateLimiter', () => {
  it('lets a burst through, then spaces requests at 1/qps, refilling as time passes', async () => {
    const clock = new FakeClock();
    const l = new TokenBucketRateLimiter<string>(clock, 10, 100);
    for (let i = 0; i < 100; i++) expect(l.when(`k${i}`)).toBe(0);
    expect(l.when('x')).toBeCloseTo(100);
    expect(l.when('y')).toBeCloseTo(200);
    await clock.step(1000);
    // 10 tokens came back, 2 of them already promised.
    for (let i = 0; i < 8; i++) expect(l.when(`z${i}`)).toBe(0);
    expect(l.when('w')).toBeCloseTo(100);
  });
});

describe('MaxOfRateLimiter / default controller limiter', () => {
  it('waits for the slower of per-item back-off and the overall bucket', () => {
    const clock = new FakeClock();
    const l = new MaxOfRateLimiter<string>(new ItemExponentialRateLimiter(5, 1000), new TokenBucketRateLimiter(clock, 1, 1));
    expect(l.when('a')).toBe(5);
    expect(l.when('a')).toBe(1000);
    expect(l.numRequeues('a')).toBe(2);
  });

  it('defaults to 5 ms per-item back-off within a 100-token burst', () => {
    const l = defaultControllerRateLimiter<string>(new FakeClock());
    expect([l.when('a'), l.when('a'), l.when('b')]).toEqual([5, 10, 5]);
  });
});
