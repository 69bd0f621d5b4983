/**
 * A container's environment as Kubernetes builds it: envFrom sources first, then env in order; an
 * env value may refer to variables defined before it with `$(NAME)`; valueFrom reads ConfigMaps,
 * Secrets and the pod's own fields. A missing non-optional source is a ContainerConfigError, shown as
 * the container waiting with reason CreateContainerConfigError.
 */
import type { Container, Pod, ResourceList } from '@tinykube/api';
import { ContainerConfigError } from './errors';
import { expandVariables, lookupIn } from './expansion';
import { fieldRefValue, resourceFieldRefValue, type PodRuntimeFacts } from './field-ref';
import { configMapEntries, secretEntries, type ObjectSource } from './object-source';

export interface EnvVariable {
  name: string;
  value: string;
}

export interface EnvContext extends PodRuntimeFacts {
  objects: ObjectSource;
  nodeAllocatable: ResourceList;
}

export async function resolveEnv(pod: Pod, container: Container, ctx: EnvContext): Promise<EnvVariable[]> {
  const namespace = pod.metadata.namespace ?? 'default';
  const vars: EnvVariable[] = [];
  const configMaps = new Map<string, Map<string, Buffer> | undefined>();
  const secrets = new Map<string, Map<string, Buffer> | undefined>();
  const configMap = async (name: string) => {
    if (!configMaps.has(name)) {
      const cm = await ctx.objects.configMap(namespace, name);
      configMaps.set(name, cm && configMapEntries(cm));
    }
    return configMaps.get(name);
  };
  const secret = async (name: string) => {
    if (!secrets.has(name)) {
      const s = await ctx.objects.secret(namespace, name);
      secrets.set(name, s && secretEntries(s));
    }
    return secrets.get(name);
  };

  for (const source of container.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    if (source.configMapRef) {
      const name = source.configMapRef.name ?? '';
      const entries = await configMap(name);
      if (!entries) {
        if (source.configMapRef.optional) continue;
        throw new ContainerConfigError(`configmap "${name}" not found`);
      }
      for (const [k, v] of entries) if (!k.includes('=')) vars.push({ name: prefix + k, value: v.toString('utf8') });
    } else if (source.secretRef) {
      const name = source.secretRef.name ?? '';
      const entries = await secret(name);
      if (!entries) {
        if (source.secretRef.optional) continue;
        throw new ContainerConfigError(`secret "${name}" not found`);
      }
      for (const [k, v] of entries) if (!k.includes('=')) vars.push({ name: prefix + k, value: v.toString('utf8') });
    }
  }

  for (const env of container.env ?? []) {
    if (env.valueFrom === undefined) {
      vars.push({ name: env.name, value: expandVariables(env.value ?? '', lookupIn(vars)) });
      continue;
    }
    const from = env.valueFrom;
    if (from.fieldRef) {
      vars.push({ name: env.name, value: fieldRefValue(pod, from.fieldRef.fieldPath, ctx) });
    } else if (from.resourceFieldRef) {
      const target = from.resourceFieldRef.containerName
        ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === from.resourceFieldRef!.containerName)
        : container;
      if (!target) throw new ContainerConfigError(`container ${from.resourceFieldRef.containerName} not found in pod`);
      vars.push({ name: env.name, value: resourceFieldRefValue(target, from.resourceFieldRef, ctx.nodeAllocatable) });
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const entries = await configMap(ref.name ?? '');
      const value = entries?.get(ref.key);
      if (value === undefined) {
        if (ref.optional) continue;
        throw new ContainerConfigError(entries ? `couldn't find key ${ref.key} in ConfigMap ${namespace}/${ref.name}` : `configmap "${ref.name}" not found`);
      }
      vars.push({ name: env.name, value: value.toString('utf8') });
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const entries = await secret(ref.name ?? '');
      const value = entries?.get(ref.key);
      if (value === undefined) {
        if (ref.optional) continue;
        throw new ContainerConfigError(entries ? `couldn't find key ${ref.key} in Secret ${namespace}/${ref.name}` : `secret "${ref.name}" not found`);
      }
      vars.push({ name: env.name, value: value.toString('utf8') });
    }
  }
  return dedupe(vars);
}

/** The last definition of a name wins, at the position of its first definition (as the kubelet keeps them). */
function dedupe(vars: EnvVariable[]): EnvVariable[] {
  const index = new Map<string, number>();
  const out: EnvVariable[] = [];
  for (const v of vars) {
    const at = index.get(v.name);
    if (at === undefined) {
      index.set(v.name, out.length);
      out.push({ ...v });
    } else {
      out[at] = { ...v };
    }
  }
  return out;
}

/** command and args with `$(VAR)` replaced from the container's final environment. */
export function expandCommand(container: Container, env: EnvVariable[]): { command: string[]; args: string[] } {
  const lookup = lookupIn(env);
  return {
    command: (container.command ?? []).map((c) => expandVariables(c, lookup)),
    args: (container.args ?? []).map((a) => expandVariables(a, lookup)),
  };
}
