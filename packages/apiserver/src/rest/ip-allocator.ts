/**
 * ClusterIP allocation. Each allocated address is its own storage key, created only if absent, so two
 * writers (or two apiservers, or one apiserver before and after a restart) can never hand out the same
 * address, and nothing has to be rebuilt in memory at start.
 */
import { randomInt } from 'node:crypto';
import { IPNet, InvalidIPError } from '@tinykube/api';
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

function parseServiceRange(cidr: string): IPNet {
  const invalid = () => new IpRangeError(`invalid --service-cluster-ip-range "${cidr}": want an IPv4 CIDR between /8 and /30`);
  let net: IPNet;
  try {
    net = IPNet.parse(cidr);
  } catch (e) {
    if (e instanceof InvalidIPError) throw invalid();
    throw e;
  }
  if (net.family !== 'IPv4' || net.prefixLength > 30 || net.prefixLength < 8) throw invalid();
  return net;
}

export class ServiceIpAllocator {
  private readonly net: IPNet;
  /** Addresses in the range, network and broadcast included (at most 2^24: a /8). */
  private readonly size: number;

  constructor(private readonly storage: Storage, readonly cidr: string) {
    this.net = parseServiceRange(cidr);
    this.size = Number(this.net.size);
  }

  /** The first usable address, kept for the `kubernetes` Service as Kubernetes does. */
  firstAddress(): string {
    return this.net.addressAt(1n);
  }

  contains(ip: string): boolean {
    const offset = this.net.offsetOf(ip);
    // Network and broadcast addresses are never handed out.
    return offset !== undefined && offset > 0n && offset < BigInt(this.size - 1);
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
      const ip = this.net.addressAt(BigInt(2 + randomInt(usable - 1))); // .1 stays for the kubernetes Service
      try {
        return await this.allocate(ip, owner);
      } catch (e) {
        if (!(e instanceof IpNotAvailableError)) throw e;
      }
    }
    const taken = new Set((await this.storage.list(PREFIX)).items.map((kv) => kv.key.slice(PREFIX.length)));
    for (let offset = 2; offset < this.size - 1; offset++) {
      const ip = this.net.addressAt(BigInt(offset));
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
