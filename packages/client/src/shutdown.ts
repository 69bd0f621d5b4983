/**
 * How every component process ends: the first SIGINT or SIGTERM runs `stop`, then the process exits 0
 * (or 1 if stopping failed). A second signal while stopping is ignored rather than cutting cleanup short.
 */
import type { Logger } from 'pino';

export interface ShutdownHandle {
  /** True once a signal has started the shutdown. */
  stopping(): boolean;
}

export function exitOnSignals(stop: () => Promise<void>, logger: Logger, message = 'shutting down'): ShutdownHandle {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, message);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { stopping: () => stopping };
}
