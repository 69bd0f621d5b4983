/**
 * Patch metadata of every defined kind, derived from the `patchStrategy` / `patchMergeKey` facts on the
 * fields of its definition (../define/patch-meta.ts). Lists without them are atomic in Kubernetes and
 * are replaced whole by a patch, notably: PodSpec tolerations, Node spec.taints, Endpoints subsets (and
 * their addresses/ports), container envFrom, Pod status containerStatuses, Namespace spec.finalizers,
 * ServiceAccount imagePullSecrets.
 */
import { KIND_DEFINITIONS, kindDefinition, kindFacts } from '../define/kinds';
import { patchFieldsOf } from '../define/patch-meta';
import { makePatchMeta, type PatchMeta } from './meta';

const cache = new Map<string, PatchMeta>();

/**
 * The patch metadata of a kind. Kinds without a definition (custom resources, ...) get an empty one:
 * objects merge key by key and every list is replaced, as with JSON merge patch.
 */
export function patchMetaFor(kind: string): PatchMeta {
  let meta = cache.get(kind);
  if (meta === undefined) {
    const definition = kindDefinition(kind);
    meta = makePatchMeta(kind, { fields: definition === undefined ? {} : patchFieldsOf(definition) });
    cache.set(kind, meta);
  }
  return meta;
}

/** Kinds with their own patch metadata: every defined kind. */
export function strategicPatchKinds(): string[] {
  return KIND_DEFINITIONS.map((def) => kindFacts(def).kind);
}
