/**
 * startScheduler: the whole component in-process (what the bin runs, what tests and `kubectl-lite up`
 * call): informers on pods and nodes, the scheduler, optional leader election on a Lease, and the
 * health/metrics server. Caches fill before leadership is won, so a new leader starts warm.
 */
import { hostname } from 'node:os';
import type { Node, Pod } from '@tinykube/api';
import {
  defaultIdentity,
  KubeClient,
  LeaderElector,
  LeaseLock,
  realClock,
  SharedInformerFactory,
  silentLogger,
  type Clock,
  type Logger,
} from '@tinykube/client';
import { defaultConfig, type SchedulerConfig } from './config';
import { Scheduler, type SchedulerCoreOptions, type SchedulerStats } from './scheduler';
import { startHealthServer, type HealthServer } from './server';

export const COMPONENT = 'tinykube-scheduler';
/** kube-scheduler's secure port; tinykube serves plain http on it. */
export const DEFAULT_PORT = 10259;

export interface LeaderElectionOptions {
  enabled: boolean;
  /** Default: hostname_uuid, unique per process. */
  identity?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Default: tinykube-scheduler in kube-system. */
  resourceName?: string;
  resourceNamespace?: string;
}

export interface StartSchedulerOptions {
  /** A client, or the apiserver URL to make one for. */
  client?: KubeClient;
  server?: string;
  /** The resolved configuration (see loadConfigFile); default: every plugin at its default weight. */
  config?: SchedulerConfig;
  /** Overrides config.schedulerName: only pods with this spec.schedulerName are scheduled. */
  schedulerName?: string;
  leaderElection?: LeaderElectionOptions;
  /** Port for /healthz and /metrics; 0 picks a free one; undefined serves nothing. */
  port?: number;
  bindAddress?: string;
  parallelBindings?: number;
  recordScheduledEvents?: boolean;
  queue?: SchedulerCoreOptions['queue'];
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
}

export interface RunningScheduler {
  identity: string;
  /** Base URL of /healthz and /metrics, when a port was given. */
  url: string | undefined;
  scheduler: Scheduler;
  isLeader(): boolean;
  counts(): SchedulerStats;
  /** Resolves once the pod and node caches are filled. */
  waitForCacheSync(): Promise<void>;
  stop(): Promise<void>;
}

export async function startScheduler(opts: StartSchedulerOptions): Promise<RunningScheduler> {
  if (!opts.client && !opts.server) throw new TypeError('startScheduler needs a client or a server URL');
  const ownClient = !opts.client;
  const client = opts.client ?? new KubeClient(opts.server!);
  const clock = opts.clock ?? realClock;
  const logger = opts.logger ?? silentLogger();
  const base = opts.config ?? defaultConfig();
  const config: SchedulerConfig = { ...base, schedulerName: opts.schedulerName ?? base.schedulerName };
  const le = opts.leaderElection ?? { enabled: false };
  const identity = le.identity ?? (le.enabled ? defaultIdentity() : hostname());

  const stop = new AbortController();
  const factory = new SharedInformerFactory(client, { clock, logger });
  const pods = factory.informerFor<Pod>('pods');
  const nodes = factory.informerFor<Node>('nodes');
  const scheduler = new Scheduler({
    client,
    config,
    pods,
    nodes,
    identity,
    clock,
    logger,
    random: opts.random,
    parallelBindings: opts.parallelBindings,
    recordScheduledEvents: opts.recordScheduledEvents,
    queue: opts.queue,
    processMetrics: opts.port !== undefined,
  });
  factory.start(stop.signal);
  let synced = false;
  const syncPromise = factory.waitForCacheSync(stop.signal).then(() => {
    synced = !stop.signal.aborted;
  });

  let health: HealthServer | undefined;
  if (opts.port !== undefined) {
    try {
      health = await startHealthServer({ port: opts.port, bindAddress: opts.bindAddress ?? '127.0.0.1', registry: scheduler.metrics.registry, ready: () => synced });
    } catch (err) {
      stop.abort();
      scheduler.close();
      await factory.shutdown();
      if (ownClient) client.close();
      throw err;
    }
  }

  let elector: LeaderElector | undefined;
  let running: Promise<void>;
  // A new term starts only after the last one's loop (and its bindings) finished.
  let term: Promise<void> = Promise.resolve();
  if (le.enabled) {
    const lock = new LeaseLock(client, le.resourceNamespace ?? 'kube-system', le.resourceName ?? COMPONENT, identity);
    elector = new LeaderElector({
      lock,
      leaseDurationMs: le.leaseDurationMs,
      renewDeadlineMs: le.renewDeadlineMs,
      retryPeriodMs: le.retryPeriodMs,
      releaseOnCancel: true,
      clock,
      logger,
      callbacks: {
        onStartedLeading: (signal) => (term = term.then(() => scheduler.run(signal))),
        onNewLeader: (holder) => logger.info({ leader: holder }, 'new leader'),
      },
    });
    const e = elector;
    // kube-scheduler exits when it loses the lease; in-process we stand for election again instead.
    running = (async () => {
      while (!stop.signal.aborted) await e.run(stop.signal);
    })();
  } else {
    running = scheduler.run(stop.signal);
  }
  logger.info({ identity, schedulerName: config.schedulerName, leaderElection: le.enabled, url: health?.url }, 'scheduler started');

  let stopping: Promise<void> | undefined;
  return {
    identity,
    url: health?.url,
    scheduler,
    isLeader: () => (elector ? elector.isLeader() : true),
    counts: () => scheduler.counts(),
    waitForCacheSync: () => syncPromise,
    stop() {
      stopping ??= (async () => {
        stop.abort();
        scheduler.close();
        await running.catch((err: unknown) => logger.error({ err }, 'scheduler loop failed'));
        await term.catch((err: unknown) => logger.error({ err }, 'scheduler loop failed'));
        await factory.shutdown();
        await scheduler.recorder.flush();
        await health?.close();
        if (ownClient) client.close();
      })();
      return stopping;
    },
  };
}
