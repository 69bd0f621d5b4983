/**
 * Leader election on a Lease, as client-go's leaderelection does it. A candidate tries every retryPeriod
 * to take the Lease once it has expired; the leader renews it every retryPeriod, and if it cannot renew
 * for renewDeadline it gives leadership up: the signal passed to onStartedLeading aborts and
 * onStoppedLeading runs. Expiry is judged by when THIS process last saw the record change, on its own
 * clock, never by comparing timestamps written by another machine's clock.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { deepEqual } from '@tinykube/api';
import type { Logger } from 'pino';
import { realClock, sleep, type Clock } from '../clock';
import { ConfigError, isNotFound } from '../errors';
import { silentLogger } from '../logger';
import type { LeaderElectionRecord, ResourceLock } from './lease-lock';

export interface LeaderCallbacks {
  /** Start the component's work; stop it when `signal` aborts (leadership lost or run() cancelled). */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Leadership ended. Kubernetes components exit here, so a fresh process competes again. */
  onStoppedLeading?(): void;
  /** The holder changed (including to this process). */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectorOptions {
  lock: ResourceLock;
  callbacks: LeaderCallbacks;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Clear the Lease's holder when run() is cancelled, so a successor need not wait for expiry. */
  releaseOnCancel?: boolean;
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
}

/** client-go's JitterFactor: a candidate waits between retryPeriod and (1 + 1.2) * retryPeriod between attempts. */
const JITTER_FACTOR = 1.2;

export const LEADER_ELECTION_DEFAULTS = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 } as const;

/** An identity unique to this process, as Kubernetes components make it: hostname_uuid. */
export function defaultIdentity(): string {
  return `${hostname()}_${randomUUID()}`;
}

export class LeaderElector {
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private observed: LeaderElectionRecord | undefined;
  private observedTime = 0;
  private reportedLeader = '';

  constructor(private readonly opts: LeaderElectorOptions) {
    this.leaseDurationMs = opts.leaseDurationMs ?? LEADER_ELECTION_DEFAULTS.leaseDurationMs;
    this.renewDeadlineMs = opts.renewDeadlineMs ?? LEADER_ELECTION_DEFAULTS.renewDeadlineMs;
    this.retryPeriodMs = opts.retryPeriodMs ?? LEADER_ELECTION_DEFAULTS.retryPeriodMs;
    if (this.leaseDurationMs <= this.renewDeadlineMs) throw new ConfigError('leaseDuration must be greater than renewDeadline');
    if (this.renewDeadlineMs <= JITTER_FACTOR * this.retryPeriodMs) throw new ConfigError('renewDeadline must be greater than retryPeriod*JitterFactor');
    if (this.retryPeriodMs < 1) throw new ConfigError('retryPeriod must be greater than zero');
    this.clock = opts.clock ?? realClock;
    this.logger = (opts.logger ?? silentLogger()).child({ lease: opts.lock.describe(), identity: opts.lock.identity });
  }

  get identity(): string {
    return this.opts.lock.identity;
  }

  /** True while this process holds the Lease as far as it last saw. */
  isLeader(): boolean {
    return this.observed?.holderIdentity === this.identity;
  }

  /** The last holder seen ('' when none). */
  getLeader(): string {
    return this.observed?.holderIdentity ?? '';
  }

  /** Competes until the signal aborts or leadership, once won, is lost. */
  async run(signal: AbortSignal): Promise<void> {
    if (!(await this.acquire(signal))) return;
    const leading = new AbortController();
    const onAbort = () => leading.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.logger.info('became leader');
    void Promise.resolve()
      .then(() => this.opts.callbacks.onStartedLeading(leading.signal))
      .catch((err: unknown) => this.logger.error({ err }, 'onStartedLeading failed'));
    await this.renew(leading.signal);
    signal.removeEventListener('abort', onAbort);
    leading.abort();
    if (signal.aborted && this.opts.releaseOnCancel) await this.release();
    this.logger.info('stopped leading');
    this.opts.callbacks.onStoppedLeading?.();
  }

  private jittered(ms: number): number {
    return ms * (1 + JITTER_FACTOR * (this.opts.random ?? Math.random)());
  }

  private async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      if (await this.tryAcquireOrRenew(signal)) return true;
      try {
        await sleep(this.clock, this.jittered(this.retryPeriodMs), signal);
      } catch {
        return false;
      }
    }
    return false;
  }

  /** Renews every retryPeriod; returns when a renewal could not be made within renewDeadline, or on abort. */
  private async renew(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const deadline = new AbortController();
      const cancelTimer = this.clock.setTimer(() => deadline.abort(), this.renewDeadlineMs);
      const onAbort = () => deadline.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      let renewed = false;
      try {
        while (!deadline.signal.aborted && !(renewed = await this.tryAcquireOrRenew(deadline.signal))) {
          await sleep(this.clock, this.retryPeriodMs, deadline.signal);
        }
      } catch {
        // the deadline passed or run() was cancelled while waiting
      } finally {
        cancelTimer();
        signal.removeEventListener('abort', onAbort);
      }
      if (!renewed) {
        if (!signal.aborted) this.logger.warn('failed to renew the lease in time; giving up leadership');
        return;
      }
      try {
        await sleep(this.clock, this.retryPeriodMs, signal);
      } catch {
        return;
      }
    }
  }

  private observe(record: LeaderElectionRecord): void {
    const changed = !deepEqual(record, this.observed);
    if (changed) {
      this.observed = record;
      this.observedTime = this.clock.now();
    }
    if (record.holderIdentity !== this.reportedLeader) {
      this.reportedLeader = record.holderIdentity;
      if (record.holderIdentity) this.opts.callbacks.onNewLeader?.(record.holderIdentity);
    }
  }

  /** One attempt: create the Lease, take it over if expired, or renew it if held. */
  private async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const { lock } = this.opts;
    const now = this.clock.now();
    const mine: LeaderElectionRecord = {
      holderIdentity: this.identity,
      leaseDurationSeconds: Math.ceil(this.leaseDurationMs / 1000),
      acquireTime: now,
      renewTime: now,
      leaseTransitions: 0,
    };
    let current: LeaderElectionRecord;
    try {
      current = await lock.get(signal);
    } catch (err) {
      if (!isNotFound(err)) {
        this.logger.warn({ err }, 'error retrieving the lease');
        return false;
      }
      try {
        await lock.create(mine, signal);
      } catch (createErr) {
        this.logger.info({ err: createErr }, 'could not create the lease');
        return false;
      }
      this.observe(mine);
      return true;
    }
    this.observe(current);
    const heldByOther = current.holderIdentity !== '' && current.holderIdentity !== this.identity;
    if (heldByOther && this.observedTime + current.leaseDurationSeconds * 1000 > now) return false;
    if (current.holderIdentity === this.identity) {
      mine.acquireTime = current.acquireTime;
      mine.leaseTransitions = current.leaseTransitions;
    } else {
      mine.leaseTransitions = current.leaseTransitions + 1;
    }
    try {
      await lock.update(mine, signal);
    } catch (err) {
      // Most often a 409: another candidate wrote first. Either way, not ours this round.
      this.logger.info({ err }, 'could not update the lease');
      return false;
    }
    this.observe(mine);
    return true;
  }

  private async release(): Promise<void> {
    if (!this.isLeader() || !this.observed) return;
    const now = this.clock.now();
    const released: LeaderElectionRecord = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: this.observed.leaseTransitions };
    try {
      await this.opts.lock.update(released);
      this.observe(released);
    } catch (err) {
      this.logger.warn({ err }, 'failed to release the lease');
    }
  }
}
