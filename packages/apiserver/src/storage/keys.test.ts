import { lowerBound, prefixRange, prefixRangeEnd, upperBound } from './keys';

describe('key ranges', () => {
  it.each([
    ['/registry/pods/', '/registry/pods0'],
    ['a', 'b'],
  ])('the range end of %j is %j', (prefix, end) => {
    expect(prefixRangeEnd(Buffer.from(prefix)).toString()).toBe(end);
  });

  it('drops trailing 0xff bytes before incrementing, and means "no end" when nothing is left', () => {
    expect(prefixRangeEnd(Buffer.from([0x61, 0xff, 0xff]))).toEqual(Buffer.from([0x62]));
    expect(prefixRangeEnd(Buffer.from([0xff]))).toEqual(Buffer.from([0]));
  });

  it('covers every key for the empty prefix', () => {
    expect(prefixRange('')).toEqual({ key: Buffer.from([0]), rangeEnd: Buffer.from([0]) });
  });

  it.each([
    ['b', 1, 2],
    ['a', 0, 1],
    ['0', 0, 0],
    ['z', 3, 3],
  ])('finds the bounds of %j in [a, b, c]', (key, lower, upper) => {
    expect(lowerBound(['a', 'b', 'c'], key)).toBe(lower);
    expect(upperBound(['a', 'b', 'c'], key)).toBe(upper);
  });
});
