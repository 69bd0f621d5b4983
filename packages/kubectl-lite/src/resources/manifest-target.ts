/** Where a manifest's object goes: its resource and namespace, with kubectl's checks on -n. */
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import type { ResourceClient } from '@tinykube/client';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import type { Manifest } from '../io/manifests';
import { infoForObject } from './resolve';

export interface ManifestTarget {
  info: ResourceInfo;
  /** The object with metadata.namespace filled in for namespaced kinds. */
  object: KubeObject;
  name: string;
  rc: ResourceClient;
  source: string;
}

export function targetOf(ctx: CliContext, m: Manifest, opts: { needName: boolean }): ManifestTarget {
  const info = infoForObject(m.object, m.source);
  const object = structuredClone(m.object);
  object.metadata ??= {};
  let namespace: string | undefined;
  if (info.namespaced) {
    const own = object.metadata.namespace;
    if (own && ctx.namespaceExplicit() && own !== ctx.namespace()) {
      throw new CliError(
        `the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace()}". You must pass '--namespace=${own}' to perform this operation.`,
      );
    }
    namespace = own || ctx.namespace();
    object.metadata.namespace = namespace;
  } else if (object.metadata.namespace) {
    delete object.metadata.namespace;
  }
  const name = object.metadata.name ?? '';
  if (opts.needName && !name) throw new CliError(`error when retrieving current configuration of "${m.source}": resource name may not be empty`);
  return { info, object, name, rc: ctx.client().resource(info, namespace), source: m.source };
}
