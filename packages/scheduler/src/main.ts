/** `tinykube-scheduler`: flags like kube-scheduler's, then schedule until SIGINT/SIGTERM. */
import { Command, InvalidArgumentError, Option } from 'commander';
import pino from 'pino';
import { CONNECTION_FLAGS, exitOnSignals, KubeClient, clientConfigFromFlags, leaderElectionFlagSpecs, leaderElectionFromFlags, type ConnectionFlags, type FlagSpec, type LeaderElectionFlags } from '@tinykube/client';
import { defaultConfig, loadConfigFile } from './config';
import { COMPONENT, DEFAULT_PORT, startScheduler } from './start';

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

function addSpecs(program: Command, specs: readonly FlagSpec[]): void {
  for (const s of specs) {
    const o = new Option(s.flags, s.description);
    if (s.defaultValue !== undefined) o.default(s.defaultValue);
    program.addOption(o);
  }
}

interface Flags extends ConnectionFlags, LeaderElectionFlags {
  config?: string;
  schedulerName?: string;
  port: number;
  bindAddress: string;
  logLevel: string;
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command(COMPONENT)
    .description('The tinykube scheduler: places pending pods on nodes and binds them.')
    .option('--config <file>', 'KubeSchedulerConfiguration YAML: percentageOfNodesToScore, plugin weights')
    .option('--scheduler-name <name>', 'schedule only pods with this spec.schedulerName (default: from --config, else default-scheduler)')
    .option('--port <port>', 'port for /healthz and /metrics (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--bind-address <ip>', 'address for /healthz and /metrics', '127.0.0.1')
    .option('--log-level <level>', 'pino log level', process.env.LOG_LEVEL ?? 'info');
  // --namespace means nothing to a scheduler, which watches every namespace.
  addSpecs(program, CONNECTION_FLAGS.filter((f) => !f.flags.includes('--namespace')));
  addSpecs(program, leaderElectionFlagSpecs(COMPONENT));
  program.parse(argv);
  const o = program.opts<Flags>();

  // Configuration problems are one line and a non-zero exit, before anything starts.
  const config = o.config ? loadConfigFile(o.config) : defaultConfig();
  const le = leaderElectionFromFlags(o, COMPONENT);
  const client = new KubeClient(clientConfigFromFlags(o));
  const logger = pino({ name: 'scheduler', level: o.logLevel, base: { component: COMPONENT } }, process.stdout.isTTY ? pino.transport({ target: 'pino-pretty' }) : undefined);

  const running = await startScheduler({
    client,
    config,
    schedulerName: o.schedulerName,
    port: o.port,
    bindAddress: o.bindAddress,
    logger,
    leaderElection: {
      enabled: le.enabled,
      leaseDurationMs: le.leaseDurationMs,
      renewDeadlineMs: le.renewDeadlineMs,
      retryPeriodMs: le.retryPeriodMs,
      resourceName: le.resourceName,
      resourceNamespace: le.resourceNamespace,
    },
  });
  process.stderr.write(`${COMPONENT} ${running.identity} is up; health and metrics at ${running.url}\n`);
  exitOnSignals(async () => {
    await running.stop();
    client.close();
  }, logger);
}
