/**
 * ClusterIP allocation. Each allocated address is its own storage key, created only if absent, so two
 * writers (or two apiservers, or one apiserver before and after a restart) can never hand out the same
 * address, and nothing has to be rebuilt in memory at start.
 */
import { isIPv4 } from 'node:net';
import { randomInt } from 'node:crypto';
import { isKeyExists, isKeyNotFound, type Storage } from '../storage/types';
import { REGISTRY_PREFIX } from './codec';

const PREFIX = `${REGISTRY_PREFIX}ipaddresses/`;
const MAX_RANDOM_TRIES = 16;

export class IpRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpRangeError';
  }
}

/** The requested address is outside the range or already taken (a user error: 422). */
export class IpNotAvailableError extends Error {
  constructor(readonly ip: string, readonly why: string) {
    super(`failed to allocate IP ${ip}: ${why}`);
    this.name = 'IpNotAvailableError';
  }
}

function toInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function toIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export class ServiceIpAllocator {
  private readonly base: number;
  private readonly size: number;

  constructor(private readonly storage: Storage, readonly cidr: string) {
    const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(cidr);
    if (!m || !isIPv4(m[1]) || Number(m[2]) > 30 || Number(m[2]) < 8) {
      throw new IpRangeError(`invalid --service-cluster-ip-range "${cidr}": want an IPv4 CIDR between /8 and /30`);
    }
    const bits = 32 - Number(m[2]);
    this.size = 2 ** bits;
    this.base = toInt(m[1]) - (toInt(m[1]) % this.size);
  }

  /** The first usable address, kept for the `kubernetes` Service as Kubernetes does. */
  firstAddress(): string {
    return toIp(this.base + 1);
  }

  contains(ip: string): boolean {
    if (!isIPv4(ip)) return false;
    const n = toInt(ip);
    // Network and broadcast addresses are never handed out.
    return n > this.base && n < this.base + this.size - 1;
  }

  private rangeMessage(): string {
    return `the provided IP is not in the valid range. The range of valid IPs is ${this.cidr}`;
  }

  /** Claims a specific address for `owner` (namespace/name). */
  async allocate(ip: string, owner: string): Promise<string> {
    if (!this.contains(ip)) throw new IpNotAvailableError(ip, this.rangeMessage());
    try {
      await this.storage.create(PREFIX + ip, Buffer.from(JSON.stringify({ owner })));
      return ip;
    } catch (e) {
      if (isKeyExists(e)) throw new IpNotAvailableError(ip, 'provided IP is already allocated');
      throw e;
    }
  }

  /** Claims any free address: a few random probes, then a scan of what is known to be taken. */
  async allocateNext(owner: string): Promise<string> {
    const usable = this.size - 2;
    for (let i = 0; i < MAX_RANDOM_TRIES; i++) {
      const ip = toIp(this.base + 2 + randomInt(usable - 1)); // .1 stays for the kubernetes Service
      try {
        return await this.allocate(ip, owner);
      } catch (e) {
        if (!(e instanceof IpNotAvailableError)) throw e;
      }
    }
    const taken = new Set((await this.storage.list(PREFIX)).items.map((kv) => kv.key.slice(PREFIX.length)));
    for (let n = this.base + 2; n < this.base + this.size - 1; n++) {
      const ip = toIp(n);
      if (taken.has(ip)) continue;
      try {
        return await this.allocate(ip, owner);
      } catch (e) {
        if (!(e instanceof IpNotAvailableError)) throw e;
      }
    }
    throw new IpRangeError(`failed to allocate a serviceIP: range ${this.cidr} is full`);
  }

  async release(ip: string): Promise<void> {
    try {
      await this.storage.delete(PREFIX + ip);
    } catch (e) {
      if (!isKeyNotFound(e)) throw e;
    }
  }
}
