/**
 * Hands out IPv4 addresses from one CIDR, round-robin like CNI's host-local IPAM so a released address
 * is not reused at once (a stale Endpoints entry then points nowhere instead of at the wrong pod).
 */
export class IpPoolExhaustedError extends Error {
  constructor(cidr: string) {
    super(`no free pod IP left in ${cidr}`);
    this.name = 'IpPoolExhaustedError';
  }
}

export function parseIpv4(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4) throw new Error(`invalid IPv4 address ${JSON.stringify(ip)}`);
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) throw new Error(`invalid IPv4 address ${JSON.stringify(ip)}`);
    n = n * 256 + Number(p);
  }
  return n;
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** `127.1.0.0/16` -> first and last usable address (network and broadcast addresses excluded). */
export function parseCidr(cidr: string): { first: number; last: number } {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr.trim());
  if (!m || Number(m[2]) > 30) throw new Error(`invalid IPv4 CIDR ${JSON.stringify(cidr)} (want e.g. 127.1.0.0/16, prefix <= 30)`);
  const size = 2 ** (32 - Number(m[2]));
  const base = parseIpv4(m[1]) - (parseIpv4(m[1]) % size);
  return { first: base + 1, last: base + size - 2 };
}

export class IpPool {
  readonly cidr: string;
  private readonly first: number;
  private readonly last: number;
  private readonly used = new Set<number>();
  private next: number;

  constructor(cidr: string) {
    this.cidr = cidr;
    ({ first: this.first, last: this.last } = parseCidr(cidr));
    this.next = this.first;
  }

  contains(ip: string): boolean {
    const n = parseIpv4(ip);
    return n >= this.first && n <= this.last;
  }

  allocate(): string {
    const size = this.last - this.first + 1;
    for (let i = 0; i < size; i++) {
      const candidate = this.first + ((this.next - this.first + i) % size);
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        this.next = candidate + 1 > this.last ? this.first : candidate + 1;
        return formatIpv4(candidate);
      }
    }
    throw new IpPoolExhaustedError(this.cidr);
  }

  /** Marks an address taken (state reloaded after a restart). Addresses outside the range are ignored. */
  reserve(ip: string): void {
    if (ip && this.contains(ip)) this.used.add(parseIpv4(ip));
  }

  release(ip: string): void {
    if (ip && this.contains(ip)) this.used.delete(parseIpv4(ip));
  }

  get inUse(): number {
    return this.used.size;
  }
}
