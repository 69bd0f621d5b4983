import { FakeClock, flushPromises } from '../clock';
import { ConfigError, StatusError } from '../errors';
import { LeaderElector } from './elector';
import { leaderElectionFromFlags, parseDuration } from './flags';
import type { LeaderElectionRecord, ResourceLock } from './lease-lock';

const statusError = (code: number, reason: 'NotFound' | 'Conflict') =>
  new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code, reason });

/** One Lease in memory with a version, as the apiserver keeps it: writes carry the version last seen. */
class Store {
  record: LeaderElectionRecord | undefined;
  version = 0;
}

class MemoryLock implements ResourceLock {
  private seen = -1;
  /** Simulates a candidate cut off from the apiserver. */
  unreachable = false;
  constructor(
    private readonly store: Store,
    readonly identity: string,
  ) {}
  describe() {
    return 'kube-system/test';
  }
  private check() {
    if (this.unreachable) throw new Error('connection refused');
  }
  async get() {
    this.check();
    if (!this.store.record) throw statusError(404, 'NotFound');
    this.seen = this.store.version;
    return { ...this.store.record };
  }
  async create(r: LeaderElectionRecord) {
    this.check();
    if (this.store.record) throw statusError(409, 'Conflict');
    this.store.record = { ...r };
    this.seen = ++this.store.version;
  }
  async update(r: LeaderElectionRecord) {
    this.check();
    if (this.seen !== this.store.version) throw statusError(409, 'Conflict');
    this.store.record = { ...r };
    this.seen = ++this.store.version;
  }
}

const timing = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000, random: () => 0 };

function candidate(store: Store, clock: FakeClock, identity: string, releaseOnCancel = false) {
  const lock = new MemoryLock(store, identity);
  const state = { leading: false, startedCount: 0, stopped: 0, leaders: [] as string[], signal: undefined as AbortSignal | undefined };
  const elector = new LeaderElector({
    ...timing,
    lock,
    clock,
    releaseOnCancel,
    callbacks: {
      onStartedLeading: (signal) => {
        state.leading = true;
        state.startedCount++;
        state.signal = signal;
        signal.addEventListener('abort', () => (state.leading = false));
      },
      onStoppedLeading: () => state.stopped++,
      onNewLeader: (id) => state.leaders.push(id),
    },
  });
  const stop = new AbortController();
  const done = elector.run(stop.signal);
  return { lock, state, elector, stop: () => stop.abort(), done };
}

describe('LeaderElector', () => {
  it('lets one candidate lead; the other takes over only after the lease expires on its own clock', async () => {
    const clock = new FakeClock();
    const store = new Store();
    const a = candidate(store, clock, 'a');
    await flushPromises();
    const b = candidate(store, clock, 'b');
    await flushPromises();
    expect([a.state.leading, b.state.leading]).toEqual([true, false]);
    expect(store.record).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 15, leaseTransitions: 0 });
    await clock.step(30_000);
    expect([a.elector.isLeader(), b.elector.isLeader()]).toEqual([true, false]);
    expect(b.state.leaders).toEqual(['a']);

    a.lock.unreachable = true; // the leader is gone without a word
    const lastRenewal = store.record!.renewTime;
    for (let t = 0; t < 14_000; t += 1000) {
      await clock.step(1000);
      expect(b.state.leading).toBe(false);
    }
    await clock.step(4_000); // lease duration plus one retry period
    expect(b.state.leading).toBe(true);
    expect(store.record).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    expect(store.record!.acquireTime - lastRenewal).toBeLessThanOrEqual(15_000 + 2_000);
    a.stop();
    b.stop();
    await Promise.all([a.done, b.done]);
  });

  it('stops the work when the lease cannot be renewed within the renew deadline', async () => {
    const clock = new FakeClock();
    const a = candidate(new Store(), clock, 'a');
    await flushPromises();
    expect(a.state.leading).toBe(true);
    a.lock.unreachable = true;
    await clock.step(9_000);
    expect(a.state.signal?.aborted).toBe(false);
    await clock.step(3_000);
    expect(a.state.signal?.aborted).toBe(true);
    expect(a.state.stopped).toBe(1);
    await a.done;
  });

  it('releases the lease on cancel when asked, so the next candidate need not wait for expiry', async () => {
    const clock = new FakeClock();
    const store = new Store();
    const a = candidate(store, clock, 'a', true);
    await flushPromises();
    const b = candidate(store, clock, 'b');
    await flushPromises();
    a.stop();
    await a.done;
    expect(store.record?.holderIdentity).toBe('');
    expect(a.state.stopped).toBe(1);
    await clock.step(2_000);
    expect(b.state.leading).toBe(true);
    b.stop();
    await b.done;
  });

  it.each([
    [{ leaseDurationMs: 10_000, renewDeadlineMs: 10_000 }, /leaseDuration must be greater than renewDeadline/],
    [{ renewDeadlineMs: 2_000, retryPeriodMs: 2_000 }, /renewDeadline must be greater than retryPeriod\*JitterFactor/],
  ])('rejects inconsistent timings %o', (opts, message) => {
    const lock = new MemoryLock(new Store(), 'a');
    expect(() => new LeaderElector({ lock, callbacks: { onStartedLeading: () => undefined }, ...opts })).toThrow(message);
  });
});

describe('leader election flags', () => {
  it.each([
    ['15s', 15_000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['0', 0],
  ])('parses the duration %s', (input, ms) => expect(parseDuration(input)).toBe(ms));

  it.each(['', '15', 's', '1x', '1s2'])('rejects the duration "%s"', (input) => expect(() => parseDuration(input)).toThrow(ConfigError));

  it('turns parsed flags into settings, with Kubernetes defaults', () => {
    expect(leaderElectionFromFlags({}, 'kube-scheduler')).toEqual({
      enabled: true,
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      resourceName: 'kube-scheduler',
      resourceNamespace: 'kube-system',
    });
    expect(leaderElectionFromFlags({ leaderElect: 'false', leaderElectLeaseDuration: '3s', leaderElectResourceNamespace: 'ns' }, 'c')).toMatchObject({
      enabled: false,
      leaseDurationMs: 3_000,
      resourceNamespace: 'ns',
    });
    expect(() => leaderElectionFromFlags({ leaderElectResourceLock: 'endpoints' }, 'c')).toThrow(/only "leases"/);
  });
});
