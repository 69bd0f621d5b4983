/**
 * Hands out pod IPs from one CIDR, round-robin like CNI's host-local IPAM so a released address
 * is not reused at once (a stale Endpoints entry then points nowhere instead of at the wrong pod).
 * The range math is @tinykube/api's IPNet, so an IPv6 range works the same way.
 */
import { IPNet, InvalidIPError } from '@tinykube/api';

export class IpPoolExhaustedError extends Error {
  constructor(cidr: string) {
    super(`no free pod IP left in ${cidr}`);
    this.name = 'IpPoolExhaustedError';
  }
}

export class InvalidPodIpRangeError extends Error {
  constructor(cidr: string, detail: string) {
    super(`invalid pod IP range ${JSON.stringify(cidr)}: ${detail} (want e.g. 127.1.0.0/16)`);
    this.name = 'InvalidPodIpRangeError';
  }
}

/** A pod IP range: a CIDR with room for at least two pods besides its network and broadcast addresses. */
export function parseCidr(cidr: string): IPNet {
  let net: IPNet;
  try {
    net = IPNet.parse(cidr.trim());
  } catch (e) {
    if (e instanceof InvalidIPError) throw new InvalidPodIpRangeError(cidr, e.detail || 'not a CIDR');
    throw e;
  }
  if (net.size < 4n) throw new InvalidPodIpRangeError(cidr, 'too small: it must hold at least two addresses besides network and broadcast');
  return net;
}

export class IpPool {
  readonly cidr: string;
  private readonly net: IPNet;
  /** Offsets into the range of the addresses in use. */
  private readonly used = new Set<bigint>();
  private next = 1n;

  constructor(cidr: string) {
    this.cidr = cidr;
    this.net = parseCidr(cidr);
  }

  /** Network (offset 0) and broadcast (the last) addresses are never handed out. */
  private usableOffset(ip: string): bigint | undefined {
    const offset = this.net.offsetOf(ip);
    return offset !== undefined && offset >= 1n && offset <= this.net.size - 2n ? offset : undefined;
  }

  contains(ip: string): boolean {
    return this.usableOffset(ip) !== undefined;
  }

  allocate(): string {
    const usable = this.net.size - 2n;
    if (BigInt(this.used.size) >= usable) throw new IpPoolExhaustedError(this.cidr);
    // Some address is free, so this ends within used.size + 1 steps.
    let candidate = this.next;
    while (this.used.has(candidate)) candidate = candidate >= usable ? 1n : candidate + 1n;
    this.used.add(candidate);
    this.next = candidate >= usable ? 1n : candidate + 1n;
    return this.net.addressAt(candidate);
  }

  /** Marks an address taken (state reloaded after a restart). Addresses outside the range are ignored. */
  reserve(ip: string): void {
    const offset = ip ? this.usableOffset(ip) : undefined;
    if (offset !== undefined) this.used.add(offset);
  }

  release(ip: string): void {
    const offset = ip ? this.usableOffset(ip) : undefined;
    if (offset !== undefined) this.used.delete(offset);
  }

  get inUse(): number {
    return this.used.size;
  }
}
