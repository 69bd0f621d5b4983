/**
 * How objects sit in storage: JSON without `metadata.resourceVersion`, because the resourceVersion IS the
 * key's mod revision and is stamped on every read. Keys follow Kubernetes: /registry/<resource>/<ns>/<name>.
 */
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import type { KeyValue } from '../storage/types';

export const REGISTRY_PREFIX = '/registry/';

export function resourcePrefix(info: ResourceInfo, namespace?: string): string {
  const base = `${REGISTRY_PREFIX}${info.resource}/`;
  return info.namespaced && namespace ? `${base}${namespace}/` : base;
}

export function objectKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `${REGISTRY_PREFIX}${info.resource}/${namespace}/${name}` : `${REGISTRY_PREFIX}${info.resource}/${name}`;
}

export function encodeObject(obj: KubeObject): Uint8Array {
  const { resourceVersion: _rv, ...meta } = obj.metadata;
  return Buffer.from(JSON.stringify({ ...obj, metadata: meta }));
}

export function decodeObject(kv: KeyValue): KubeObject {
  const obj = JSON.parse(Buffer.from(kv.value.buffer, kv.value.byteOffset, kv.value.byteLength).toString('utf8')) as KubeObject;
  obj.metadata.resourceVersion = String(kv.modRevision);
  return obj;
}

/** A decoded object stamped with another revision (a delete event carries the last state at the delete's revision). */
export function withResourceVersion(obj: KubeObject, rv: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
}
