/**
 * The logger factory every component uses: pino JSON with the component name on every line, and a
 * child logger per reconcile carrying the key, so one object's story can be grepped out of the logs.
 */
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** e.g. 'scheduler', 'controller-manager', 'node-agent'. */
  component: string;
  /** Default: $LOG_LEVEL, else 'info'. */
  level?: LevelWithSilent | string;
  /** Where lines go (default stdout); tests pass a stream to read them back. */
  destination?: DestinationStream;
  /** Extra fields on every line, e.g. { node: 'n1' }. */
  base?: Record<string, unknown>;
}

export function createLogger(opts: LoggerOptions): Logger {
  const options = {
    name: opts.component,
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { component: opts.component, ...opts.base },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/** The child logger for one reconcile of `key` by `controller`. */
export function reconcileLogger(logger: Logger, controller: string, key: string): Logger {
  return logger.child({ controller, key });
}

/** A logger that drops everything, the default where a caller passes none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
