/**
 * IP addresses and CIDR ranges, for the Service ClusterIP allocator, the runtimes' pod IP pools and
 * anything else that parses, orders or walks addresses. ipaddr.js does the parsing and byte layout for
 * both families (the pod network will need IPv6); offsets are bigints so a /64 is as easy as a /16.
 */
import ipaddr from 'ipaddr.js';
import type { IPFamily } from './types';

export class InvalidIPError extends Error {
  constructor(
    readonly value: string,
    what: 'IP address' | 'CIDR',
    /** What is wrong beyond the text not parsing, if more is known. */
    readonly detail = '',
  ) {
    super(`invalid ${what} ${JSON.stringify(value)}${detail ? `: ${detail}` : ''}`);
    this.name = 'InvalidIPError';
  }
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Strict textual forms only, as Go's net.ParseIP: dotted-decimal IPv4 without leading zeros, IPv6
 * without a zone. (ipaddr.js on its own also takes `10`, `0x0a.1` and friends, which no API field means.)
 */
function parseAddress(text: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!text.includes('%') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

function bitsOf(family: IPFamily): number {
  return family === 'IPv4' ? 32 : 128;
}

function toBigInt(addr: Address): bigint {
  return addr.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
}

function fromBigInt(n: bigint, family: IPFamily): string {
  const bytes: number[] = [];
  for (let i = 0; i < bitsOf(family) / 8; i++) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  const addr = ipaddr.fromByteArray(bytes);
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

const familyOf = (addr: Address): IPFamily => (addr.kind() === 'ipv4' ? 'IPv4' : 'IPv6');

/** The family of an address (as Service.spec.ipFamilies names it), or undefined when the text is not one. */
export function ipFamily(text: string): IPFamily | undefined {
  const addr = parseAddress(text);
  return addr ? familyOf(addr) : undefined;
}

/** An address in its canonical text (`10.0.0.1`, `2001:db8::1`); throws InvalidIPError. */
export function canonicalIP(text: string): string {
  const addr = parseAddress(text);
  if (!addr) throw new InvalidIPError(text, 'IP address');
  return fromBigInt(toBigInt(addr), familyOf(addr));
}

/**
 * Orders addresses numerically (`10.0.0.9` before `10.0.0.10`), IPv4 before IPv6; text that is not an
 * address sorts last, by its text, so a sort never throws.
 */
export function compareIPs(a: string, b: string): number {
  const pa = parseAddress(a);
  const pb = parseAddress(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a.localeCompare(b);
  if (familyOf(pa) !== familyOf(pb)) return familyOf(pa) === 'IPv4' ? -1 : 1;
  const na = toBigInt(pa);
  const nb = toBigInt(pb);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** A CIDR range such as `10.96.0.0/12`; host bits in the text are dropped, as Go's ParseCIDR does. */
export class IPNet {
  readonly family: IPFamily;
  readonly prefixLength: number;
  /** Number of addresses in the range, network and broadcast included. */
  readonly size: bigint;
  private readonly base: bigint;

  private constructor(family: IPFamily, prefixLength: number, base: bigint) {
    this.family = family;
    this.prefixLength = prefixLength;
    this.size = 1n << BigInt(bitsOf(family) - prefixLength);
    this.base = base - (base % this.size);
  }

  /** Parses `address/prefix`; throws InvalidIPError. */
  static parse(text: string): IPNet {
    const slash = text.indexOf('/');
    const addr = slash > 0 ? parseAddress(text.slice(0, slash)) : undefined;
    const prefixText = text.slice(slash + 1);
    if (!addr || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) throw new InvalidIPError(text, 'CIDR');
    const family = familyOf(addr);
    const prefixLength = Number(prefixText);
    if (prefixLength > bitsOf(family)) throw new InvalidIPError(text, 'CIDR', `prefix longer than ${bitsOf(family)} bits`);
    return new IPNet(family, prefixLength, toBigInt(addr));
  }

  /** True when the text parses as a CIDR. */
  static isValid(text: string): boolean {
    try {
      IPNet.parse(text);
      return true;
    } catch (e) {
      if (e instanceof InvalidIPError) return false;
      throw e;
    }
  }

  /** The address `offset` places after the network address (0 is the network address itself). */
  addressAt(offset: bigint): string {
    if (offset < 0n || offset >= this.size) throw new RangeError(`offset ${offset} is outside ${this.toString()}`);
    return fromBigInt(this.base + offset, this.family);
  }

  /** Where an address lies in the range, or undefined when it is not an address of this range. */
  offsetOf(ip: string): bigint | undefined {
    const addr = parseAddress(ip);
    if (!addr || familyOf(addr) !== this.family) return undefined;
    const offset = toBigInt(addr) - this.base;
    return offset >= 0n && offset < this.size ? offset : undefined;
  }

  contains(ip: string): boolean {
    return this.offsetOf(ip) !== undefined;
  }

  /** Canonical form: the network address and the prefix length. */
  toString(): string {
    return `${fromBigInt(this.base, this.family)}/${this.prefixLength}`;
  }
}
