import { deepEqual } from './deep-equal';

describe('deepEqual', () => {
  it.each([
    [{ a: 1 }, { a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [{ a: { b: 'x' } }, { a: { b: 'y' } }, false],
    [[1], { 0: 1 }, false],
    [null, {}, false],
    ['1', 1, false],
  ])('%j vs %j -> %s', (a, b, want) => {
    expect(deepEqual(a, b)).toBe(want);
  });
});
