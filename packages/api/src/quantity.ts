/**
 * resource.Quantity: exact fixed-point amounts such as "500m", "128Mi", "1.5Gi" or "1e3", with Kubernetes'
 * parsing, rounding and canonical printing. Everything is bigint arithmetic: "0.1" + "0.2" is exactly "300m".
 *
 * A value is held as mantissa * 10^exponent, normalised so that the mantissa has no trailing zeros
 * (equal values have equal representations) and the exponent is never below -9: like Kubernetes, amounts
 * finer than a nano unit are rounded up (away from zero), so asking for a tiny amount still gets some.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export class QuantityParseError extends Error {
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

/** The messages Kubernetes answers with, so clients see familiar text. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const NANO_EXPONENT = -9;
const MAX_INT64 = (1n << 63n) - 1n;
/** Exact expansion of absurd exponents (e.g. "1e999999999") would exhaust memory; refuse beyond this. */
const MAX_EXPANSION_DIGITS = 100_000;

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60],
]);
const DECIMAL_SUFFIX_BY_EXPONENT = new Map([...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_POWER = new Map([...BINARY_SUFFIXES].map(([s, p]) => [p / 10, s]));
BINARY_SUFFIX_BY_POWER.set(0, '');

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const abs = (n: bigint): bigint => (n < 0n ? -n : n);
const digitCount = (n: bigint): number => (n === 0n ? 0 : abs(n).toString().length);

/** Divides rounding away from zero (Kubernetes' "round up" for both signs). */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : q + (n < 0n ? -1n : 1n);
}

function normalise(mantissa: bigint, exponent: number): [bigint, number] {
  if (mantissa === 0n) return [0n, 0];
  let m = mantissa;
  let e = exponent;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  return [m, e];
}

export class Quantity {
  private readonly mantissa: bigint;
  private readonly exponent: number;
  /** The text given to parseQuantity, kept only when Kubernetes would keep it (it then echoes it back). */
  private readonly original: string | undefined;

  private constructor(mantissa: bigint, exponent: number, readonly format: QuantityFormat, original?: string) {
    [this.mantissa, this.exponent] = normalise(mantissa, exponent);
    this.original = original;
  }

  /** value * 10^exponent, rounded up to nano units when finer. */
  static fromScaled(value: bigint | number, exponent: number, format: QuantityFormat = 'DecimalSI'): Quantity {
    let m = BigInt(value);
    let e = exponent;
    if (e < NANO_EXPONENT) {
      m = roundToNano(m, e);
      e = NANO_EXPONENT;
    }
    return new Quantity(m, e, format);
  }

  /** A whole number of units, e.g. Quantity.fromValue(4) is "4", Quantity.fromValue(8n << 30n, 'BinarySI') is "8Gi". */
  static fromValue(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return Quantity.fromScaled(value, 0, format);
  }

  /** Thousandths of a unit, e.g. Quantity.fromMilli(250) is "250m". */
  static fromMilli(milli: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return Quantity.fromScaled(milli, -3, format);
  }

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, 0, format);
  }

  /** @internal used by parseQuantity */
  static fromParsed(mantissa: bigint, exponent: number, format: QuantityFormat, original?: string): Quantity {
    return new Quantity(mantissa, exponent, format, original);
  }

  isZero(): boolean {
    return this.mantissa === 0n;
  }

  sign(): number {
    return this.mantissa === 0n ? 0 : this.mantissa < 0n ? -1 : 1;
  }

  /** The amount in whole units, rounded up (away from zero) like Quantity.Value(). */
  value(): bigint {
    return this.scaledValue(0);
  }

  /** The amount in thousandths, rounded up (away from zero) like Quantity.MilliValue(). */
  milliValue(): bigint {
    return this.scaledValue(-3);
  }

  /** The amount in units of 10^scale, rounded away from zero (e.g. scaledValue(-9) is nanos). */
  scaledValue(scale: number): bigint {
    const shift = this.exponent - scale;
    if (shift > MAX_EXPANSION_DIGITS) throw new RangeError(`quantity ${this.toString()} is too large to expand exactly`);
    return shift >= 0 ? this.mantissa * pow10(shift) : divAwayFromZero(this.mantissa, pow10(-shift));
  }

  /** For display and heuristics only; use the bigint accessors for arithmetic. */
  asApproximateNumber(): number {
    return Number(this.mantissa) * 10 ** this.exponent;
  }

  cmp(other: Quantity): number {
    const sa = this.sign();
    const sb = other.sign();
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (sa === 0) return 0;
    // Compare orders of magnitude first so that wildly different exponents never expand into huge numbers.
    const magA = digitCount(this.mantissa) + this.exponent;
    const magB = digitCount(other.mantissa) + other.exponent;
    if (magA !== magB) return (magA < magB ? -1 : 1) * sa;
    const [a, b] = alignMantissas(this, other);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** this + other. Like Kubernetes, a zero left operand takes the other's format. */
  add(other: Quantity): Quantity {
    const [a, b, e] = alignMantissas(this, other);
    return new Quantity(a + b, e, this.isZero() ? other.format : this.format);
  }

  sub(other: Quantity): Quantity {
    return this.add(other.neg());
  }

  neg(): Quantity {
    return new Quantity(-this.mantissa, this.exponent, this.format);
  }

  /** What Kubernetes prints: the original text when it kept it, else the canonical form. */
  toString(): string {
    return this.original ?? this.canonicalString();
  }

  /** Serialises as a JSON string, as Kubernetes does. */
  toJSON(): string {
    return this.toString();
  }

  /** The canonical form: smallest integer mantissa with an exponent that is a multiple of 3 (or of 1024). */
  canonicalString(): string {
    if (this.isZero()) return '0';
    if (this.format === 'BinarySI' && this.isBinaryPrintable()) {
      let n = this.value();
      let power = 0;
      // Beyond Ei there is no suffix; stay at Ei rather than print a wrong number.
      while (power < 6 && n % 1024n === 0n) {
        n /= 1024n;
        power++;
      }
      return `${n}${BINARY_SUFFIX_BY_POWER.get(power)}`;
    }
    const down = ((this.exponent % 3) + 3) % 3;
    const mantissa = this.mantissa * pow10(down);
    const exponent = this.exponent - down;
    if (this.format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
    const suffix = DECIMAL_SUFFIX_BY_EXPONENT.get(exponent);
    // Only sums can grow past 'E' (10^18); an exponent keeps them exact where Kubernetes has no suffix.
    return suffix === undefined ? `${mantissa}e${exponent}` : `${mantissa}${suffix}`;
  }

  /** Binary suffixes only describe whole amounts of at least 1Ki in magnitude; anything else prints in decimal. */
  private isBinaryPrintable(): boolean {
    if (this.exponent < 0) return false;
    return abs(this.value()) >= 1024n;
  }

  /** @internal */
  parts(): { mantissa: bigint; exponent: number } {
    return { mantissa: this.mantissa, exponent: this.exponent };
  }
}

function alignMantissas(a: Quantity, b: Quantity): [bigint, bigint, number] {
  const pa = a.parts();
  const pb = b.parts();
  if (pa.mantissa === 0n) return [0n, pb.mantissa, pb.exponent];
  if (pb.mantissa === 0n) return [pa.mantissa, 0n, pa.exponent];
  const e = Math.min(pa.exponent, pb.exponent);
  if (Math.max(pa.exponent, pb.exponent) - e > MAX_EXPANSION_DIGITS) {
    throw new RangeError('quantities differ by more than 10^100000 and cannot be combined exactly');
  }
  return [pa.mantissa * pow10(pa.exponent - e), pb.mantissa * pow10(pb.exponent - e), e];
}

/** m * 10^e (e < -9) rounded away from zero to a whole number of nano units. */
function roundToNano(m: bigint, e: number): bigint {
  if (m === 0n) return 0n;
  const shift = NANO_EXPONENT - e;
  // Anything smaller than one nano unit rounds up to exactly one; no need to build a huge divisor.
  if (shift > digitCount(m)) return m < 0n ? -1n : 1n;
  return divAwayFromZero(m, pow10(shift));
}

interface ScannedQuantity {
  negative: boolean;
  /** The integer digits with leading zeros stripped ('' when none are left). */
  whole: string;
  fraction: string;
  suffix: string;
  sawDigit: boolean;
}

const SUFFIX_CHARS = new Set('eEinumkKMGTP');
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Splits "[+-]digits[.digits]suffix" the way Kubernetes' scanner does, or returns undefined. */
function scan(s: string): ScannedQuantity | undefined {
  let pos = 0;
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    pos++;
  }
  const wholeStart = pos;
  while (isDigit(s[pos])) pos++;
  const whole = s.slice(wholeStart, pos).replace(/^0+/, '');
  let sawDigit = pos > wholeStart;
  let fraction = '';
  if (s[pos] === '.') {
    const fractionStart = ++pos;
    while (isDigit(s[pos])) pos++;
    fraction = s.slice(fractionStart, pos);
    sawDigit ||= fraction.length > 0;
  }
  const suffixStart = pos;
  while (pos < s.length && SUFFIX_CHARS.has(s[pos])) pos++;
  if (s[pos] === '+' || s[pos] === '-') pos++;
  while (isDigit(s[pos])) pos++;
  if (pos !== s.length) return undefined;
  return { negative, whole, fraction, suffix: s.slice(suffixStart), sawDigit };
}

type Suffix = { base: 10 | 2; exponent: number; format: QuantityFormat };

function interpretSuffix(suffix: string): Suffix | undefined {
  const dec = DECIMAL_SUFFIXES.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const big = BigInt(suffix.slice(1));
    if (big > MAX_INT64 || big < -MAX_INT64 - 1n) return undefined;
    // Kubernetes keeps the exponent in an int32; mirror its wrap-around for absurd exponents.
    return { base: 10, exponent: Number(BigInt.asIntN(32, big)), format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * Kubernetes keeps (and later echoes) the caller's text when its fast path sees the number is already in
 * canonical form. Reproduced so that a round trip through this API returns what Kubernetes would.
 */
function keepsOriginal(sc: ScannedQuantity, sfx: Suffix): boolean {
  const num = sc.whole === '' ? '0' : sc.whole;
  const shifted = num + sc.fraction;
  if (sfx.base === 2) {
    if (sc.fraction.length > 0) return false;
    const precision = 14 - num.length - Math.trunc((sfx.exponent * 3) / 10);
    return precision >= 0 && BigInt(shifted) % 8n !== 0n;
  }
  const precision = 18 - shifted.length;
  const scale = sfx.exponent - sc.fraction.length;
  return precision >= 0 && scale >= NANO_EXPONENT && scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/**
 * Parses a quantity string. Unlike Kubernetes (which reads a bare suffix such as "Mi" or a lone "-" as zero),
 * text without any digit is rejected: it is always a typo.
 */
export function parseQuantity(s: string): Quantity {
  if (s === '0') return Quantity.fromParsed(0n, 0, 'DecimalSI', '0');
  const sc = s === '' ? undefined : scan(s);
  if (!sc || !sc.sawDigit) throw new QuantityParseError(QUANTITY_FORMAT_ERROR, s);
  const sfx = interpretSuffix(sc.suffix);
  if (!sfx) throw new QuantityParseError(QUANTITY_SUFFIX_ERROR, s);

  let mantissa = BigInt(sc.whole + sc.fraction || '0');
  let exponent = -sc.fraction.length;
  if (sfx.base === 10) exponent += sfx.exponent;
  else mantissa <<= BigInt(sfx.exponent);
  if (exponent < NANO_EXPONENT) {
    mantissa = roundToNano(mantissa, exponent);
    exponent = NANO_EXPONENT;
  }

  let format = sfx.format;
  if (format === 'BinarySI') {
    // Binary amounts are capped at the int64 maximum, as in Kubernetes.
    if (mantissa * pow10(Math.max(0, exponent)) > MAX_INT64 * pow10(Math.max(0, -exponent))) {
      mantissa = MAX_INT64;
      exponent = 0;
    }
    // A positive binary amount below one unit can only be shown in decimal.
    if (exponent < 0 && mantissa !== 0n && digitCount(mantissa) <= -exponent) format = 'DecimalSI';
  }
  if (sc.negative) mantissa = -mantissa;
  return Quantity.fromParsed(mantissa, exponent, format, keepsOriginal(sc, sfx) ? s : undefined);
}

/** parseQuantity that answers undefined instead of throwing. */
export function tryParseQuantity(s: string): Quantity | undefined {
  try {
    return parseQuantity(s);
  } catch (err) {
    if (err instanceof QuantityParseError) return undefined;
    throw err;
  }
}
