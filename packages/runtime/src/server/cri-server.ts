/**
 * Serves any CriRuntime over gRPC on a unix socket: the process driver in tinykube-runtime, or a
 * FakeRuntime in tests. CriError classes go back out as their gRPC codes; any other failure is
 * UNKNOWN with its message, as Go runtimes answer for plain errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { CriError } from '../cri/errors';
import { criServiceDefinitions, grpcMethodName, stripNulls } from '../cri/proto';
import { IMAGE_SERVICE_METHODS, RUNTIME_SERVICE_METHODS, type CriMethod, type CriRuntime } from '../cri/runtime';

export interface CriServer {
  /** `unix:///abs/path.sock` */
  endpoint: string;
  socketPath: string;
  close(): Promise<void>;
}

/** `unix:///run/x.sock` or `unix:/run/x.sock` or `/run/x.sock` -> `/run/x.sock`. */
export function socketPathOf(endpoint: string): string {
  const p = endpoint.replace(/^unix:(\/\/)?/, '');
  if (!p.startsWith('/')) throw new Error(`endpoint ${JSON.stringify(endpoint)} must be unix:///absolute/path.sock`);
  return p;
}

function toServiceError(err: unknown): Partial<grpc.StatusObject> {
  if (err instanceof CriError) return { code: err.code, details: err.message };
  return { code: grpc.status.UNKNOWN, details: err instanceof Error ? err.message : String(err) };
}

function handlers(runtime: CriRuntime, methods: readonly CriMethod[], logger?: Logger): grpc.UntypedServiceImplementation {
  const impl: grpc.UntypedServiceImplementation = {};
  for (const method of methods) {
    const fn = (runtime[method] as (req: unknown) => Promise<unknown>).bind(runtime);
    const handler: grpc.handleUnaryCall<unknown, unknown> = (call, callback) => {
      fn(stripNulls(call.request)).then(
        (response) => callback(null, response),
        (err: unknown) => {
          if (!(err instanceof CriError)) logger?.error({ err, method }, 'CRI call failed');
          else logger?.debug({ method, code: err.code, msg: err.message }, 'CRI call refused');
          callback(toServiceError(err));
        },
      );
    };
    impl[grpcMethodName(method)] = handler;
  }
  return impl;
}

export async function serveCri(runtime: CriRuntime, endpoint: string, options: { logger?: Logger } = {}): Promise<CriServer> {
  const socketPath = socketPathOf(endpoint);
  fs.mkdirSync(path.dirname(socketPath), { recursive: true });
  // A socket left by a runtime that died would make bind fail with EADDRINUSE.
  fs.rmSync(socketPath, { force: true });
  const server = new grpc.Server({ 'grpc.max_send_message_length': 32 * 1024 * 1024 });
  const defs = criServiceDefinitions();
  server.addService(defs.runtime, handlers(runtime, RUNTIME_SERVICE_METHODS, options.logger));
  server.addService(defs.image, handlers(runtime, IMAGE_SERVICE_METHODS, options.logger));
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(`unix://${socketPath}`, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve()));
  });
  return {
    endpoint: `unix://${socketPath}`,
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        // Finish calls in flight (a StopContainer may be waiting out its grace period), but not forever.
        const force = setTimeout(() => server.forceShutdown(), 5000);
        server.tryShutdown(() => {
          clearTimeout(force);
          fs.rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}
