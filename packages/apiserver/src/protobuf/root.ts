/**
 * Builds the protobufjs Root holding every message this package decodes, once, on first use: the
 * apimachinery wire types from the real .proto files in ../../proto, and every kind's messages derived
 * from its one definition in @tinykube/api (`protoSources`). `keepCase` matters: Kubernetes' protobuf
 * field names already are the JSON names (including odd capitalised ones such as FieldsV1.Raw).
 */
import path from 'node:path';
import protobuf, { type Root, type Type } from 'protobufjs';
import { protoSources } from '@tinykube/api';

const PROTO_DIR = path.resolve(__dirname, '..', '..', 'proto');
const WIRE_FILES = ['runtime.proto', 'intstr.proto', 'resource.proto', 'meta-v1-wire.proto'];

let cached: Root | undefined;

export function kubernetesRoot(): Root {
  if (cached === undefined) {
    const root = new protobuf.Root();
    root.loadSync(WIRE_FILES.map((f) => path.join(PROTO_DIR, f)), { keepCase: true });
    for (const source of protoSources()) protobuf.parse(source, root, { keepCase: true });
    // Resolve every type reference now, so a mistake in a definition fails loudly at first use
    // instead of at the first request that happens to reach the broken field.
    root.resolveAll();
    cached = root;
  }
  return cached;
}

/** Looks up a message by its full protobuf name, e.g. `k8s.io.api.core.v1.Pod`. */
export function messageType(fullName: string): Type {
  return kubernetesRoot().lookupType(fullName);
}
