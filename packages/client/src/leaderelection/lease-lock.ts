/**
 * The leader election record kept in a coordination.k8s.io/v1 Lease. Every write is a PUT carrying the
 * resourceVersion last read, so two candidates that both saw an expired lease cannot both win: the
 * second PUT is a 409 Conflict. Requests are never retried inside the client; the elector's own timing
 * decides when to try again.
 */
import { microTime, namespacedKey, parseTime, type Lease } from '@tinykube/api';
import { ConfigError } from '../errors';
import type { KubeClient } from '../rest/client';
import { resolveResource, resourcePath } from '../rest/paths';

export interface LeaderElectionRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  /** Milliseconds since the epoch. */
  acquireTime: number;
  renewTime: number;
  leaseTransitions: number;
}

export function recordFromLease(lease: Lease): LeaderElectionRecord {
  const s = lease.spec ?? {};
  return {
    holderIdentity: s.holderIdentity ?? '',
    leaseDurationSeconds: s.leaseDurationSeconds ?? 0,
    acquireTime: parseTime(s.acquireTime) ?? 0,
    renewTime: parseTime(s.renewTime) ?? 0,
    leaseTransitions: s.leaseTransitions ?? 0,
  };
}

function specFromRecord(r: LeaderElectionRecord): NonNullable<Lease['spec']> {
  return {
    holderIdentity: r.holderIdentity,
    leaseDurationSeconds: r.leaseDurationSeconds,
    acquireTime: microTime(r.acquireTime),
    renewTime: microTime(r.renewTime),
    leaseTransitions: r.leaseTransitions,
  };
}

/** Where the record lives; LeaseLock is the one Kubernetes uses today, tests use an in-memory one. */
export interface ResourceLock {
  readonly identity: string;
  describe(): string;
  /** Rejects with a NotFound StatusError when there is no record yet. */
  get(signal?: AbortSignal): Promise<LeaderElectionRecord>;
  create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
  /** Must fail if the record changed since this lock last read or wrote it. */
  update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
}

export class LeaseLock implements ResourceLock {
  private lease: Lease | undefined;
  private readonly basePath: string;

  constructor(
    private readonly client: KubeClient,
    readonly namespace: string,
    readonly name: string,
    readonly identity: string,
  ) {
    if (!identity) throw new ConfigError('leader election needs a non-empty identity');
    this.basePath = resourcePath(resolveResource({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' }), namespace);
  }

  describe(): string {
    return namespacedKey(this.namespace, this.name);
  }

  /** Reads the Lease (a StatusError NotFound when there is none yet). */
  async get(signal?: AbortSignal): Promise<LeaderElectionRecord> {
    this.lease = await this.client.request<Lease>({ method: 'GET', path: `${this.basePath}/${encodeURIComponent(this.name)}`, signal, maxRetries: 0 });
    return recordFromLease(this.lease);
  }

  async create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    const body: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace },
      spec: specFromRecord(record),
    };
    this.lease = await this.client.request<Lease>({ method: 'POST', path: this.basePath, body, signal, maxRetries: 0 });
  }

  /** Replaces the record, conditional on the Lease not having changed since it was last read. */
  async update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    if (!this.lease) throw new ConfigError('LeaseLock.update called before get or create');
    const body: Lease = { ...this.lease, spec: { ...this.lease.spec, ...specFromRecord(record) } };
    this.lease = await this.client.request<Lease>({ method: 'PUT', path: `${this.basePath}/${encodeURIComponent(this.name)}`, body, signal, maxRetries: 0 });
  }
}
