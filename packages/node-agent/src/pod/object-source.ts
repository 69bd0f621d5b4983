/**
 * Where the node agent reads the ConfigMaps and Secrets a pod refers to. Kubernetes' kubelet fetches
 * them from the apiserver (with a cache); tests pass a map.
 */
import type { ConfigMap, Secret } from '@tinykube/api';
import { isNotFound, type KubeClient } from '@tinykube/client';

export interface ObjectSource {
  /** undefined when it does not exist. */
  configMap(namespace: string, name: string): Promise<ConfigMap | undefined>;
  secret(namespace: string, name: string): Promise<Secret | undefined>;
}

export function apiObjectSource(client: KubeClient): ObjectSource {
  const get = async <T extends ConfigMap | Secret>(resource: string, namespace: string, name: string): Promise<T | undefined> => {
    try {
      return await client.resource<T>(resource, namespace).get(name);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };
  return {
    configMap: (ns, name) => get<ConfigMap>('configmaps', ns, name),
    secret: (ns, name) => get<Secret>('secrets', ns, name),
  };
}

/** The decoded bytes of every key of a ConfigMap (data and binaryData) or Secret (data). */
export function configMapEntries(cm: ConfigMap): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(cm.data ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out.set(k, Buffer.from(v, 'base64'));
  return out;
}

export function secretEntries(secret: Secret): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(secret.data ?? {})) out.set(k, Buffer.from(v, 'base64'));
  return out;
}
