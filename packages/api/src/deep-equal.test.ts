import { deepEqual, semanticDeepEqual } from './deep-equal';

describe('deepEqual', () => {
  it.each([
    [{ a: 1 }, { a: 1 }, true],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: null }, {}, false],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [{ a: { b: 'x' } }, { a: { b: 'y' } }, false],
    [{ a: [] }, {}, false],
    [[1], { 0: 1 }, false],
    [null, {}, false],
    ['1', 1, false],
  ])('%j vs %j -> %s', (a, b, want) => {
    expect(deepEqual(a, b)).toBe(want);
    expect(deepEqual(b, a)).toBe(want);
  });
});

describe('semanticDeepEqual', () => {
  it.each([
    [{ a: [] }, {}, true],
    [{ a: null }, { a: {} }, true],
    [{ tolerations: [{ key: 'k', value: undefined }] }, { tolerations: [{ key: 'k' }] }, true],
    [{ a: [1] }, {}, false],
    [{ a: { b: 'x' } }, { a: {} }, false],
    ['', null, false],
  ])('%j vs %j -> %s', (a, b, want) => {
    expect(semanticDeepEqual(a, b)).toBe(want);
    expect(semanticDeepEqual(b, a)).toBe(want);
  });
});
