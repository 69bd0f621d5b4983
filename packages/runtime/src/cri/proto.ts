/**
 * Loads proto/api.proto once, with the options every tinykube CRI peer uses (see ./types.ts for what
 * they mean for the JavaScript shapes), and exposes the two service definitions.
 */
import * as path from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import type { ServiceDefinition } from '@grpc/grpc-js';

/** proto/ sits beside src/ and lib/, and this file is two levels down in either. */
export const CRI_PROTO_PATH = path.resolve(__dirname, '..', '..', 'proto', 'api.proto');

export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

export interface CriServiceDefinitions {
  runtime: ServiceDefinition;
  image: ServiceDefinition;
}

let loaded: CriServiceDefinitions | undefined;

export function criServiceDefinitions(): CriServiceDefinitions {
  if (!loaded) {
    const pkg = protoLoader.loadSync(CRI_PROTO_PATH, PROTO_LOADER_OPTIONS);
    loaded = {
      runtime: pkg['runtime.v1.RuntimeService'] as ServiceDefinition,
      image: pkg['runtime.v1.ImageService'] as ServiceDefinition,
    };
  }
  return loaded;
}

/** gRPC method name for a CriRuntime method: 'runPodSandbox' -> 'RunPodSandbox'. */
export function grpcMethodName(method: string): string {
  return method.charAt(0).toUpperCase() + method.slice(1);
}

/**
 * Decoded protobuf messages carry `null` for absent sub-messages; the types promise `undefined`.
 * Buffers (bytes fields) are left alone.
 */
export function stripNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => stripNulls(v)) as T;
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) out[k] = stripNulls(v);
    }
    return out as T;
  }
  return value;
}
