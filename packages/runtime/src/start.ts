/** startRuntime: the process driver behind a CRI socket, as tinykube-runtime runs it (and tests in-process). */
import type { Logger } from 'pino';
import { ProcessRuntime } from './process/process-runtime';
import { type CriServer, serveCri } from './server/cri-server';

export interface RuntimeOptions {
  /** `unix:///path/to/runtime.sock` */
  listen: string;
  /** State directory; a runtime started again on the same root adopts what the last one left. */
  root: string;
  /** Loopback range for pod IPs, e.g. 127.1.0.0/16; give each node on one machine its own. */
  podIpRange?: string;
  pollIntervalMs?: number;
  logger?: Logger;
}

export interface RunningRuntime {
  endpoint: string;
  runtime: ProcessRuntime;
  /** Stops serving; containers keep running (a later runtime on the same root adopts them). */
  close(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<RunningRuntime> {
  const runtime = new ProcessRuntime({ root: options.root, podIpRange: options.podIpRange, pollIntervalMs: options.pollIntervalMs, logger: options.logger });
  let server: CriServer;
  try {
    server = await serveCri(runtime, options.listen, { logger: options.logger });
  } catch (err) {
    runtime.close();
    throw err;
  }
  return {
    endpoint: server.endpoint,
    runtime,
    close: async () => {
      await server.close();
      runtime.close();
    },
  };
}
