/** `tinykube-node-agent`: flags like the kubelet's, then run until SIGINT/SIGTERM (containers keep running). */
import { hostname } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import pino from 'pino';
import { clientConfigFromFlags, exitOnSignals, KubeClient } from '@tinykube/client';
import { FakeRuntime } from '@tinykube/runtime';
import { startNodeAgent } from './agent';
import { FlagValueError, parseNodeLabels, parseResourceList, parseTaints } from './node/flag-values';
import { DEFAULT_MAX_PODS, DEFAULT_PORT, DEFAULT_RUNTIME_ENDPOINT } from './options';

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

function parsePositive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** Go-style durations (10s, 500ms, 5m). */
function parseDuration(v: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(v);
  if (!m) throw new InvalidArgumentError('must be a duration like 10s, 500ms or 5m');
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

function wrap<T>(parse: (v: string) => T): (v: string) => T {
  return (v) => {
    try {
      return parse(v);
    } catch (err) {
      if (err instanceof FlagValueError) throw new InvalidArgumentError(err.message);
      throw err;
    }
  };
}

interface Flags {
  server?: string;
  kubeconfig?: string;
  nodeName: string;
  containerRuntimeEndpoint: string;
  rootDir: string;
  nodeLabels?: Record<string, string>;
  registerWithTaints?: ReturnType<typeof parseTaints>;
  maxPods: number;
  capacity?: Record<string, string | number>;
  systemReserved?: Record<string, string | number>;
  nodeIp: string;
  port: number;
  hollow?: boolean;
  nodeLeaseRenewInterval: number;
  crashLoopBackOffBase?: number;
  logLevel: string;
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('tinykube-node-agent')
    .description('The tinykube node agent (kubelet): registers its Node, runs the pods bound to it through a CRI runtime.')
    .option('-s, --server <url>', 'the address of the API server')
    .option('--kubeconfig <path>', 'kubeconfig with the API server and credentials')
    .option('--node-name <name>', 'the Node name to register as', process.env.NODE_NAME ?? hostname())
    .option('--container-runtime-endpoint <endpoint>', 'CRI endpoint of the container runtime', process.env.CONTAINER_RUNTIME_ENDPOINT ?? DEFAULT_RUNTIME_ENDPOINT)
    .option('--root-dir <dir>', 'directory for pod volumes and logs', '/var/lib/tinykube-node-agent')
    .option('--node-labels <k=v,...>', 'labels to add when registering the node', wrap(parseNodeLabels))
    .option('--register-with-taints <k=v:Effect,...>', 'taints to register the node with', wrap(parseTaints))
    .option('--max-pods <n>', 'pods this node can run', parsePositive, DEFAULT_MAX_PODS)
    .option('--capacity <cpu=4,memory=8Gi,...>', 'capacity to report instead of the machine\'s', wrap(parseResourceList))
    .option('--system-reserved <cpu=500m,memory=1Gi,...>', 'resources kept back from allocatable', wrap(parseResourceList))
    .option('--node-ip <ip>', 'the node\'s InternalIP, where its port is served and pods\' hostIP', '127.0.0.1')
    .option('--port <port>', 'port for logs, /healthz and /metrics (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--hollow', 'simulate the runtime in-process (pods run at once, no processes): for scale tests')
    .option('--node-lease-renew-interval <duration>', 'how often the node Lease is renewed', parseDuration, 10_000)
    .option('--crash-loop-back-off-base <duration>', 'first CrashLoopBackOff delay (doubling to 5m)', parseDuration)
    .option('--log-level <level>', 'pino log level', process.env.LOG_LEVEL ?? 'info');
  program.parse(argv);
  const o = program.opts<Flags>();
  const logger = pino({ name: 'node-agent', level: o.logLevel }, process.stdout.isTTY ? pino.transport({ target: 'pino-pretty' }) : undefined);
  const client = new KubeClient(clientConfigFromFlags({ server: o.server, kubeconfig: o.kubeconfig }));
  const agent = await startNodeAgent({
    nodeName: o.nodeName,
    client,
    runtime: o.hollow ? new FakeRuntime({ recordCalls: false }) : undefined,
    containerRuntimeEndpoint: o.containerRuntimeEndpoint,
    rootDir: o.rootDir,
    nodeLabels: o.nodeLabels,
    taints: o.registerWithTaints,
    maxPods: o.maxPods,
    capacity: o.capacity,
    systemReserved: o.systemReserved,
    nodeIP: o.nodeIp,
    port: o.port,
    leaseRenewMs: o.nodeLeaseRenewInterval,
    crashBackoff: o.crashLoopBackOffBase ? { baseMs: o.crashLoopBackOffBase } : undefined,
    logger,
  });
  process.stdout.write(`tinykube node agent ${agent.nodeName} is up (port ${agent.port})\n`);
  exitOnSignals(
    async () => {
      await agent.stop();
      client.close();
    },
    logger,
    'shutting down (containers keep running)',
  );
}
