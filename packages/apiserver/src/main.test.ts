import { parseDuration } from './main';

describe('parseDuration', () => {
  it.each([
    ['300ms', 300],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['0', 0],
  ])('%s -> %d ms', (v, ms) => {
    expect(parseDuration(v)).toBe(ms);
  });

  it.each(['', '5', '1.5m', '-1s', '5 m', 'm'])('refuses %j', (v) => {
    expect(() => parseDuration(v)).toThrow('must be a duration');
  });
});
