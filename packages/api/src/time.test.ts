import { formatRFC3339, metaTime, microTime, parseTime, rfc3339Nano } from './time';

const AT = Date.UTC(2026, 11, 3, 21, 0, 0, 123);

describe('metav1 time formatting', () => {
  it('writes Time to the second, dropping (not rounding) the fraction', () => {
    expect(metaTime(AT)).toBe('2026-12-03T21:00:00Z');
    expect(metaTime(Date.UTC(2026, 11, 3, 21, 0, 0, 999))).toBe('2026-12-03T21:00:00Z');
    expect(metaTime(new Date(AT))).toBe('2026-12-03T21:00:00Z');
  });

  it('writes MicroTime with six digits and CRI times with nine', () => {
    expect(microTime(AT)).toBe('2026-12-03T21:00:00.123000Z');
    expect(microTime(Date.UTC(2026, 11, 3, 21, 0, 0, 7))).toBe('2026-12-03T21:00:00.007000Z');
    expect(rfc3339Nano(AT)).toBe('2026-12-03T21:00:00.123000000Z');
  });

  it('keeps times before 1970 in the right second', () => {
    expect(metaTime(-1)).toBe('1969-12-31T23:59:59Z');
    expect(microTime(-1)).toBe('1969-12-31T23:59:59.999000Z');
  });

  it('formats protobuf seconds and nanos, keeping microseconds a millisecond clock cannot give', () => {
    expect(formatRFC3339(1764795600, 123456789, 6)).toBe('2025-12-03T21:00:00.123456Z');
    expect(formatRFC3339(1764795600, 123456789, 0)).toBe('2025-12-03T21:00:00Z');
  });

  it('refuses a time no timestamp can hold', () => {
    expect(() => metaTime(Number.NaN)).toThrow('invalid time NaN');
    expect(() => formatRFC3339(1e15, 0, 0)).toThrow('invalid time');
  });

  it('parses what it writes and says undefined for nothing or garbage', () => {
    expect(parseTime(metaTime(AT))).toBe(AT - 123);
    expect(parseTime(microTime(AT))).toBe(AT);
    expect(parseTime(undefined)).toBeUndefined();
    expect(parseTime('')).toBeUndefined();
    expect(parseTime('yesterday')).toBeUndefined();
  });
});
