import { parseQuantity, Quantity, QuantityParseError, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR, tryParseQuantity } from './quantity';

const q = parseQuantity;

describe('parseQuantity and printing', () => {
  it.each([
    // [input, printed as Kubernetes prints it, format]
    ['0', '0', 'DecimalSI'],
    ['500m', '500m', 'DecimalSI'],
    ['2', '2', 'DecimalSI'],
    ['0.1', '100m', 'DecimalSI'],
    ['.5', '500m', 'DecimalSI'],
    ['1.5', '1500m', 'DecimalSI'],
    ['1000', '1k', 'DecimalSI'],
    ['1500000', '1500k', 'DecimalSI'],
    ['1024', '1024', 'DecimalSI'],
    ['1E', '1E', 'DecimalSI'],
    ['1n', '1n', 'DecimalSI'],
    ['-100m', '-100m', 'DecimalSI'],
    ['-0', '0', 'DecimalSI'],
    ['128Mi', '128Mi', 'BinarySI'],
    ['1Ki', '1Ki', 'BinarySI'],
    ['1024Ki', '1Mi', 'BinarySI'],
    ['1.5Gi', '1536Mi', 'BinarySI'],
    ['-1.5Gi', '-1536Mi', 'BinarySI'],
    ['0.5Ki', '512', 'BinarySI'],
    ['1.1Ki', '1126400m', 'BinarySI'],
    ['0Mi', '0', 'BinarySI'],
    ['1e3', '1e3', 'DecimalExponent'],
    ['10e2', '1e3', 'DecimalExponent'],
    ['12e-1', '1200e-3', 'DecimalExponent'],
    ['1E3', '1E3', 'DecimalExponent'],
  ])('%s prints as %s (%s)', (input, printed, format) => {
    const parsed = q(input);
    expect(parsed.toString()).toBe(printed);
    expect(parsed.format).toBe(format);
    expect(JSON.stringify({ cpu: parsed })).toBe(`{"cpu":"${printed}"}`);
  });

  it.each([
    // Kubernetes keeps text it considers canonical verbatim, sign and all; the canonical form drops it.
    ['+1k', '1k'],
    ['1.', '1'],
  ])('echoes %s like Kubernetes, canonical form %s', (input, canonical) => {
    expect(q(input).toString()).toBe(input);
    expect(q(input).canonicalString()).toBe(canonical);
  });

  it('rounds amounts finer than a nano unit up, away from zero', () => {
    expect(q('0.0000000001').toString()).toBe('1n');
    expect(q('-0.0000000001').toString()).toBe('-1n');
    expect(q('1.0000000001').toString()).toBe('1000000001n');
    expect(q('1e-1000000').toString()).toBe('1e-9');
  });

  it('caps binary amounts at the int64 maximum', () => {
    expect(q('16Ei').toString()).toBe('9223372036854775807');
    expect(q('8Ei').value()).toBe((1n << 63n) - 1n);
  });

  it('moves a binary amount below one unit to DecimalSI', () => {
    expect(q('0.0001Ki').format).toBe('DecimalSI');
    expect(q('0.0001Ki').toString()).toBe('102400u');
  });
});

describe('invalid quantities', () => {
  it.each([
    ['', QUANTITY_FORMAT_ERROR],
    ['1.2.3', QUANTITY_FORMAT_ERROR],
    ['Mi', QUANTITY_FORMAT_ERROR],
    ['-', QUANTITY_FORMAT_ERROR],
    ['.', QUANTITY_FORMAT_ERROR],
    ['1 Gi', QUANTITY_FORMAT_ERROR],
    [' 1', QUANTITY_FORMAT_ERROR],
    ['1 ', QUANTITY_FORMAT_ERROR],
    ['1KB', QUANTITY_FORMAT_ERROR],
    ['abc', QUANTITY_FORMAT_ERROR],
    ['1i', QUANTITY_SUFFIX_ERROR],
    ['1e', QUANTITY_SUFFIX_ERROR],
    ['1e+', QUANTITY_SUFFIX_ERROR],
    ['0.1mi', QUANTITY_SUFFIX_ERROR],
    ['1Ke3', QUANTITY_SUFFIX_ERROR],
  ])('%j fails with the Kubernetes message', (input, message) => {
    expect(() => q(input)).toThrow(QuantityParseError);
    expect(() => q(input)).toThrow(message);
    expect(tryParseQuantity(input)).toBeUndefined();
  });
});

describe('values', () => {
  it.each([
    ['1', 1n, 1000n],
    ['100m', 1n, 100n],
    ['1.5', 2n, 1500n],
    ['-1.5', -2n, -1500n],
    ['1n', 1n, 1n],
    ['1Mi', 1048576n, 1048576000n],
    ['1.5Gi', 1610612736n, 1610612736000n],
    ['1e3', 1000n, 1000000n],
  ])('%s: value %s, milliValue %s', (input, value, milli) => {
    expect(q(input).value()).toBe(value);
    expect(q(input).milliValue()).toBe(milli);
  });

  it('is exact beyond the range of doubles', () => {
    expect(q('9007199254740993').value()).toBe(9007199254740993n);
    expect(q('9999999999999999999').add(q('1')).toString()).toBe('10E');
  });
});

describe('arithmetic and comparison', () => {
  it('adds exactly', () => {
    expect(q('0.1').add(q('0.2')).toString()).toBe('300m');
    expect(q('0.1').add(q('0.2')).equals(q('0.3'))).toBe(true);
    expect(q('100m').add(q('1')).toString()).toBe('1100m');
    expect(q('1Gi').add(q('512Mi')).toString()).toBe('1536Mi');
    expect(q('1').sub(q('1500m')).toString()).toBe('-500m');
  });

  it('keeps the left format unless the left side is zero', () => {
    expect(q('1Ki').add(q('1k')).format).toBe('BinarySI');
    expect(q('1k').add(q('1Ki')).toString()).toBe('2024');
    expect(Quantity.zero().add(q('1Gi')).toString()).toBe('1Gi');
  });

  it.each([
    ['1Gi', '1G', 1],
    ['1G', '1Gi', -1],
    ['1000m', '1', 0],
    ['1e-3', '1m', 0],
    ['1Ki', '1024', 0],
    ['-1', '0', -1],
    ['-2', '-1', -1],
    ['1e300', '1', 1],
    ['-1e300', '1n', -1],
    ['0', '0Mi', 0],
  ])('cmp(%s, %s) = %d', (a, b, expected) => {
    expect(q(a).cmp(q(b))).toBe(expected);
  });

  it('constructs from values and millis', () => {
    expect(Quantity.fromValue(4).toString()).toBe('4');
    expect(Quantity.fromValue(8n << 30n, 'BinarySI').toString()).toBe('8Gi');
    expect(Quantity.fromMilli(250).toString()).toBe('250m');
    expect(Quantity.fromMilli(2000).toString()).toBe('2');
    expect(Quantity.fromMilli(1500, 'BinarySI').toString()).toBe('1500m');
  });

  it('refuses to expand absurd exponents instead of exhausting memory', () => {
    expect(() => q('1e999999999').value()).toThrow(RangeError);
    expect(q('1e999999999').cmp(q('1'))).toBe(1);
  });
});
