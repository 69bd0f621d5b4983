/** `tinykube-runtime`: a CRI (runtime.v1) server with the process driver, until SIGINT/SIGTERM. */
import { Command, InvalidArgumentError } from 'commander';
import pino from 'pino';
import { parseCidr } from './ip-pool';
import { socketPathOf } from './server/cri-server';
import { startRuntime } from './start';

function parseEndpoint(v: string): string {
  try {
    socketPathOf(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
  return v;
}

function parseRange(v: string): string {
  try {
    parseCidr(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
  if (!v.startsWith('127.')) throw new InvalidArgumentError('the process driver gives pods loopback addresses: the range must be inside 127.0.0.0/8');
  return v;
}

function parseDriver(v: string): string {
  if (v !== 'process') throw new InvalidArgumentError('the only driver is "process"');
  return v;
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('tinykube-runtime')
    .description('A CRI runtime.v1 server. The process driver runs containers as plain host processes (no root needed).')
    .option('--listen <endpoint>', 'unix socket to serve CRI on', parseEndpoint, 'unix:///run/tinykube/runtime.sock')
    .option('--root <dir>', 'state directory (survives restarts)', '/var/lib/tinykube/runtime')
    .option('--driver <name>', 'container driver', parseDriver, 'process')
    .option('--pod-ip-range <cidr>', 'loopback range pod IPs come from (one range per node on a machine)', parseRange, '127.1.0.0/16')
    .option('--log-level <level>', 'pino log level', process.env.LOG_LEVEL ?? 'info');
  program.parse(argv);
  const o = program.opts<{ listen: string; root: string; driver: string; podIpRange: string; logLevel: string }>();
  const logger = pino({ name: 'runtime', level: o.logLevel }, process.stdout.isTTY ? pino.transport({ target: 'pino-pretty' }) : undefined);
  const running = await startRuntime({ listen: o.listen, root: o.root, podIpRange: o.podIpRange, logger });
  logger.info({ endpoint: running.endpoint, root: o.root, podIpRange: o.podIpRange }, 'tinykube-runtime is serving CRI');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down (containers keep running)');
    running.close().then(
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
