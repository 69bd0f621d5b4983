/** `tinykube-apiserver`: flags like kube-apiserver's, then run until SIGINT/SIGTERM. */
import { Command, InvalidArgumentError } from 'commander';
import pino from 'pino';
import { DEFAULT_PORT } from './options';
import { startApiServer } from './server';

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

/** Go-style durations as Kubernetes flags take them: 300ms, 30s, 5m, 1h; a bare 0 is allowed. */
export function parseDuration(v: string): number {
  if (v === '0') return 0;
  const m = /^(\d+)(ms|s|m|h)$/.exec(v);
  if (!m) throw new InvalidArgumentError('must be a duration like 30s, 5m or 1h');
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

function parseNonNegative(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

function parsePositive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('tinykube-apiserver')
    .description('The tinykube API server: Kubernetes API on etcd (or the embedded store), with watches.')
    .option('--etcd-servers <urls>', 'comma-separated etcd client URLs; without it the embedded in-memory store is used', process.env.ETCD_SERVERS)
    .option('--bind-address <ip>', 'address to listen on', process.env.BIND_ADDRESS ?? '127.0.0.1')
    .option('--port <port>', 'port to serve plain HTTP on (0 picks a free one)', parsePort, Number(process.env.PORT ?? DEFAULT_PORT))
    .option('--service-cluster-ip-range <cidr>', 'range that Service ClusterIPs come from', '10.96.0.0/12')
    .option('--max-requests-inflight <n>', 'requests served at once before answering 429 (watches excluded)', parsePositive, 400)
    .option('--snapshot-file <path>', 'with the embedded store: load from and save to this file')
    .option('--watch-cache-size <n>', 'events kept per resource for watches that resume', parsePositive, 4096)
    .option('--etcd-compaction-interval <duration>', 'how often storage history is compacted (e.g. 5m, 30s; 0 disables)', parseDuration, 5 * 60_000)
    .option('--default-not-ready-toleration-seconds <n>', 'tolerationSeconds of the not-ready NoExecute toleration added to every pod', parseNonNegative, 300)
    .option('--default-unreachable-toleration-seconds <n>', 'tolerationSeconds of the unreachable NoExecute toleration added to every pod', parseNonNegative, 300)
    .option('--log-level <level>', 'pino log level', process.env.LOG_LEVEL ?? 'info');
  program.parse(argv);
  const o = program.opts<{
    etcdServers?: string;
    bindAddress: string;
    port: number;
    serviceClusterIpRange: string;
    maxRequestsInflight: number;
    snapshotFile?: string;
    watchCacheSize: number;
    etcdCompactionInterval: number;
    defaultNotReadyTolerationSeconds: number;
    defaultUnreachableTolerationSeconds: number;
    logLevel: string;
  }>();
  const logger = pino({ name: 'apiserver', level: o.logLevel }, process.stdout.isTTY ? pino.transport({ target: 'pino-pretty' }) : undefined);
  const server = await startApiServer({
    etcdServers: o.etcdServers ? o.etcdServers.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    bindAddress: o.bindAddress,
    port: o.port,
    serviceClusterIpRange: o.serviceClusterIpRange,
    maxRequestsInflight: o.maxRequestsInflight,
    snapshotFile: o.snapshotFile,
    watchWindowSize: o.watchCacheSize,
    compactionIntervalMs: o.etcdCompactionInterval,
    defaultNotReadyTolerationSeconds: o.defaultNotReadyTolerationSeconds,
    defaultUnreachableTolerationSeconds: o.defaultUnreachableTolerationSeconds,
    logger,
  });
  process.stdout.write(
    `\ntinykube apiserver is up at ${server.url} (storage: ${server.storage.backend})\n` +
      `Point kubectl at it:\n` +
      `  kubectl config set-cluster tinykube --server=${server.url}\n` +
      `  kubectl config set-context tinykube --cluster=tinykube --user=tinykube\n` +
      `  kubectl config set-credentials tinykube\n` +
      `  kubectl config use-context tinykube\n` +
      `or just: kubectl --server=${server.url} get namespaces\n\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
