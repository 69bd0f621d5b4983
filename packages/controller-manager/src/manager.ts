/**
 * startControllerManager: one client, one shared informer factory, the selected controllers on it, and
 * (with leaderElect) all of that only while this process holds the Lease kube-system/<name>. Losing the
 * Lease stops the controllers; the bin then exits, as kube-controller-manager does, so a fresh process
 * competes again.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import {
  clientConfigFromFlags,
  EventRecorder,
  KubeClient,
  LeaderElector,
  LeaseLock,
  realClock,
  SharedInformerFactory,
  silentLogger,
} from '@tinykube/client';
import { kubeApi, type Recorder } from './api';
import { selectControllers } from './controllers/registry';
import type { ControllerContext } from './controllers/types';
import { startHealthServer, type HealthServer } from './http';
import { ControllerMetrics } from './metrics';
import { COMPONENT, resolveOptions, type ControllerManagerOptions, type ResolvedOptions } from './options';

/** How long a stop waits for informers to end their watches. */
const INFORMER_STOP_GRACE_MS = 5000;

export interface ControllerManager {
  /** The controllers this process runs (when leading). */
  readonly controllers: string[];
  readonly options: ResolvedOptions;
  /** Where /healthz and /metrics are served (undefined with port null). */
  readonly url?: string;
  readonly port?: number;
  readonly identity: string;
  isLeader(): boolean;
  /** Resolves when the controllers stop: stop() was called, or leadership was lost. */
  readonly done: Promise<void>;
  /** Stops controllers and informers, releases the Lease, closes the port. */
  stop(): Promise<void>;
}

export async function startControllerManager(opts: ControllerManagerOptions = {}): Promise<ControllerManager> {
  const options = resolveOptions(opts);
  const descriptors = selectControllers(options.controllers);
  const logger = opts.logger ?? silentLogger();
  const clock = opts.clock ?? realClock;
  const identity = opts.identity ?? `${hostname()}_${randomUUID()}`;
  const client = opts.client ?? new KubeClient(clientConfigFromFlags({ server: opts.server, kubeconfig: opts.kubeconfig }));
  const metrics = new ControllerMetrics();
  const stopAll = new AbortController();
  let leading = !options.leaderElect;
  let controllersDone: Promise<void> = Promise.resolve();
  const recorders: EventRecorder[] = [];

  /** Runs the controllers until `signal` aborts; a fresh factory each time, as the caches belong to one term. */
  const runControllers = async (outer: AbortSignal): Promise<void> => {
    // One signal per term, shared by every informer, worker and timer: many listeners are expected.
    const term = new AbortController();
    setMaxListeners(0, term.signal);
    if (outer.aborted) term.abort();
    else outer.addEventListener('abort', () => term.abort(), { once: true });
    const signal = term.signal;
    const factory = new SharedInformerFactory(client, { logger, clock, defaultResyncMs: options.resyncPeriodMs });
    const ctx: ControllerContext = {
      api: kubeApi(client),
      factory,
      recorder: (component): Recorder => {
        const r = new EventRecorder(client, { component, clock, logger });
        recorders.push(r);
        return r;
      },
      clock,
      logger,
      options,
      metrics,
    };
    const runnables = descriptors.map((d) => d.setup(ctx));
    factory.start(signal);
    logger.info({ controllers: descriptors.map((d) => d.name) }, 'controllers started');
    await Promise.all(runnables.map((r) => r.run(signal)));
    // Bounded: a watch whose abort raced its opening can linger until the client's sockets close
    // (stop() closes them), and a stopping manager must not hang on it.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), INFORMER_STOP_GRACE_MS)));
    if ((await Promise.race([factory.shutdown(), late])) === 'late') logger.warn('informers did not stop in time; leaving them to the client close');
    clearTimeout(timer);
  };

  let health: HealthServer | undefined;
  if (options.port !== null) {
    health = await startHealthServer({ port: options.port, bindAddress: options.bindAddress, registry: metrics.registry, healthy: () => !stopAll.signal.aborted });
  }

  const start = (signal: AbortSignal): Promise<void> => {
    controllersDone = runControllers(signal).catch((err: unknown) => logger.error({ err }, 'controllers failed'));
    return controllersDone;
  };
  let elector: LeaderElector | undefined;
  if (options.leaderElect) {
    elector = new LeaderElector({
      lock: new LeaseLock(client, options.leaderElectResourceNamespace, options.leaderElectResourceName, identity),
      leaseDurationMs: options.leaderElectLeaseDurationMs,
      renewDeadlineMs: options.leaderElectRenewDeadlineMs,
      retryPeriodMs: options.leaderElectRetryPeriodMs,
      releaseOnCancel: true,
      clock,
      logger,
      callbacks: {
        onStartedLeading: (signal) => {
          leading = true;
          return start(signal);
        },
        onStoppedLeading: () => {
          leading = false;
        },
      },
    });
  }
  // Without leader election the controllers run at once; with it, while this process leads.
  const main = elector ? elector.run(stopAll.signal) : start(stopAll.signal);
  const done = main.then(() => controllersDone).catch((err: unknown) => logger.error({ err }, 'controller manager failed'));

  return {
    controllers: descriptors.map((d) => d.name),
    options,
    url: health?.url,
    port: health?.port,
    identity,
    isLeader: () => (elector ? elector.isLeader() && leading : leading),
    done,
    async stop() {
      stopAll.abort();
      await done;
      await Promise.all(recorders.map((r) => r.flush().catch(() => undefined)));
      await health?.close();
      if (!opts.client) client.close();
    },
  };
}

export { COMPONENT };
