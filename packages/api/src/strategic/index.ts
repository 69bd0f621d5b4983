/**
 * Strategic merge patch (application/strategic-merge-patch+json): JSON merge patch that knows, per kind,
 * which lists merge by key (containers by name, ports by containerPort, ...) instead of being replaced,
 * plus the directives kubectl sends ($patch, $setElementOrder, $deleteFromPrimitiveList, $retainKeys).
 * Behaviour follows Kubernetes' apimachinery strategicpatch package; the code is our own.
 */
import { diffMaps } from './diff';
import { StrategicPatchError } from './errors';
import { cloneJson, isObject } from './json';
import { patchMetaFor } from './kinds';
import { mergeMaps } from './merge';

export { StrategicPatchError, type StrategicPatchErrorStatus } from './errors';
export type { PatchMeta, PatchMetaField } from './meta';
export { patchMetaFor, strategicPatchKinds } from './kinds';

/** Applies an SMP document to `original` (not mutated) for `kind`, as the apiserver does for a PATCH. */
export function strategicMergePatch(
  kind: string,
  original: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  if (!isObject(patch)) throw new StrategicPatchError('a strategic merge patch must be a JSON object', '', 400);
  return mergeMaps(cloneJson(original), cloneJson(patch), patchMetaFor(kind).root, 'apply', '');
}

/**
 * What `kubectl apply` sends: the changes from `current` (the live object) to `modified` (the manifest),
 * plus the deletions of what `original` (the last-applied configuration) had and `modified` dropped.
 * Fields only `current` has (set by controllers or other writers) are left alone.
 */
export function createThreeWayStrategicPatch(
  kind: string,
  original: Record<string, unknown> | undefined,
  modified: Record<string, unknown>,
  current: Record<string, unknown>,
): Record<string, unknown> {
  const meta = patchMetaFor(kind).root;
  const delta = diffMaps(cloneJson(current), cloneJson(modified), meta, {
    setElementOrder: true,
    ignoreChangesAndAdditions: false,
    ignoreDeletions: true,
  }, false, '');
  const deletions = diffMaps(cloneJson(original ?? {}), cloneJson(modified), meta, {
    setElementOrder: true,
    ignoreChangesAndAdditions: true,
    ignoreDeletions: false,
  }, false, '');
  // Additions are applied onto the deletions as a patch of the patch, keeping every directive.
  return mergeMaps(deletions, delta, meta, 'combine', '');
}

/** The patch that turns `original` into `modified` (what `kubectl edit` computes). */
export function createTwoWayStrategicPatch(
  kind: string,
  original: Record<string, unknown>,
  modified: Record<string, unknown>,
): Record<string, unknown> {
  const options = { setElementOrder: true, ignoreChangesAndAdditions: false, ignoreDeletions: false };
  return diffMaps(cloneJson(original), cloneJson(modified), patchMetaFor(kind).root, options, false, '');
}
