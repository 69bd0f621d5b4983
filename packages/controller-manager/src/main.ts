/** `tinykube-controller-manager`: flags like kube-controller-manager's, then run until SIGINT/SIGTERM. */
import { Command, InvalidArgumentError } from 'commander';
import pino from 'pino';
import { ConfigError, exitOnSignals, leaderElectionFlagSpecs, leaderElectionFromFlags, parseDuration, type LeaderElectionFlags, type LeaderElectionSettings } from '@tinykube/client';
import { ALL_CONTROLLERS, selectControllers } from './controllers/registry';
import { startControllerManager } from './manager';
import { COMPONENT, DEFAULT_PORT } from './options';

function durationArg(v: string): number {
  try {
    return parseDuration(v);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof ConfigError ? e.message : String(e));
  }
}

function portArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function nonNegative(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a non-negative number');
  return n;
}

interface Flags extends LeaderElectionFlags {
  server?: string;
  master?: string;
  kubeconfig?: string;
  controllers: string;
  port: number;
  bindAddress: string;
  nodeMonitorPeriod: number;
  nodeMonitorGracePeriod: number;
  nodeStartupGracePeriod: number;
  nodeEvictionRate: number;
  secondaryNodeEvictionRate: number;
  largeClusterSizeThreshold: number;
  unhealthyZoneThreshold: number;
  concurrentDeploymentSyncs: number;
  concurrentReplicasetSyncs: number;
  concurrentEndpointSyncs: number;
  concurrentGcSyncs: number;
  concurrentNamespaceSyncs: number;
  logLevel: string;
}

export function buildCommand(): Command {
  const program = new Command('tinykube-controller-manager')
    .description('The tinykube controller manager: deployment, replicaset, endpoints, node lifecycle, garbage collector and namespace controllers.')
    .option('-s, --server <url>', 'the address of the API server (overrides the kubeconfig)')
    .option('--master <url>', 'the address of the API server (as kube-controller-manager names it)')
    .option('--kubeconfig <path>', 'path to a kubeconfig file')
    .option('--controllers <list>', `controllers to run: '*' for all, 'foo' to enable, '-foo' to disable; known: ${ALL_CONTROLLERS.map((c) => c.name).join(', ')}`, '*')
    .option('--port <port>', 'port for /healthz and /metrics (0 picks a free one)', portArg, DEFAULT_PORT)
    .option('--bind-address <ip>', 'address to serve /healthz and /metrics on', '127.0.0.1')
    .option('--node-monitor-period <duration>', 'how often node health is checked', durationArg, 5_000)
    .option('--node-monitor-grace-period <duration>', 'how long a node may go without a heartbeat before it is marked unhealthy', durationArg, 40_000)
    .option('--node-startup-grace-period <duration>', 'how long a new node may go without ever reporting status', durationArg, 60_000)
    .option('--node-eviction-rate <qps>', 'nodes per second whose pods may be evicted, in a healthy zone', nonNegative, 0.1)
    .option('--secondary-node-eviction-rate <qps>', 'the same in a partially disrupted big zone', nonNegative, 0.01)
    .option('--large-cluster-size-threshold <n>', 'zones bigger than this use the secondary rate when partially disrupted', positiveInt, 50)
    .option('--unhealthy-zone-threshold <fraction>', 'fraction of not-ready nodes (at least 3) that makes a zone partially disrupted', nonNegative, 0.55)
    .option('--concurrent-deployment-syncs <n>', 'deployments synced at once', positiveInt, 5)
    .option('--concurrent-replicaset-syncs <n>', 'replica sets synced at once', positiveInt, 5)
    .option('--concurrent-endpoint-syncs <n>', 'services synced at once', positiveInt, 5)
    .option('--concurrent-gc-syncs <n>', 'garbage collector workers', positiveInt, 20)
    .option('--concurrent-namespace-syncs <n>', 'namespaces synced at once', positiveInt, 10)
    .option('--log-level <level>', 'pino log level', process.env.LOG_LEVEL ?? 'info');
  for (const spec of leaderElectionFlagSpecs(COMPONENT)) program.option(spec.flags, spec.description, spec.defaultValue);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildCommand();
  program.parse(argv);
  const f = program.opts<Flags>();
  let leader: LeaderElectionSettings;
  try {
    leader = leaderElectionFromFlags(f, COMPONENT);
    selectControllers([f.controllers]);
  } catch (e) {
    // One line and a non-zero exit, as for any bad flag.
    return program.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  }
  const logger = pino({ name: 'controller-manager', level: f.logLevel }, process.stdout.isTTY ? pino.transport({ target: 'pino-pretty' }) : undefined);
  const cm = await startControllerManager({
    server: f.server ?? f.master,
    kubeconfig: f.kubeconfig,
    controllers: [f.controllers],
    port: f.port,
    bindAddress: f.bindAddress,
    leaderElect: leader.enabled,
    leaderElectLeaseDurationMs: leader.leaseDurationMs,
    leaderElectRenewDeadlineMs: leader.renewDeadlineMs,
    leaderElectRetryPeriodMs: leader.retryPeriodMs,
    leaderElectResourceName: leader.resourceName,
    leaderElectResourceNamespace: leader.resourceNamespace,
    nodeMonitorPeriodMs: f.nodeMonitorPeriod,
    nodeMonitorGracePeriodMs: f.nodeMonitorGracePeriod,
    nodeStartupGracePeriodMs: f.nodeStartupGracePeriod,
    nodeEvictionRate: f.nodeEvictionRate,
    secondaryNodeEvictionRate: f.secondaryNodeEvictionRate,
    largeClusterSizeThreshold: f.largeClusterSizeThreshold,
    unhealthyZoneThreshold: f.unhealthyZoneThreshold,
    concurrentDeploymentSyncs: f.concurrentDeploymentSyncs,
    concurrentReplicasetSyncs: f.concurrentReplicasetSyncs,
    concurrentEndpointSyncs: f.concurrentEndpointSyncs,
    concurrentGcSyncs: f.concurrentGcSyncs,
    concurrentNamespaceSyncs: f.concurrentNamespaceSyncs,
    logger,
  });
  logger.info({ controllers: cm.controllers, healthz: cm.url ? `${cm.url}/healthz` : undefined, leaderElect: leader.enabled }, 'controller manager started');
  const shutdown = exitOnSignals(() => cm.stop(), logger);
  // Leadership lost (or the controllers died): exit so a fresh process competes again.
  void cm.done.then(() => {
    if (shutdown.stopping()) return;
    logger.error('leader election lost or controllers stopped; exiting');
    void cm.stop().finally(() => process.exit(1));
  });
}
