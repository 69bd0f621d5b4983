/**
 * The merge engine. It runs in two modes, as Kubernetes' does:
 * - 'apply' (the apiserver applying a PATCH): directives are carried out and removed, nulls delete.
 * - 'combine' (kubectl joining its deletions patch with its additions patch into one patch): directives
 *   and nulls are kept, since the result is itself a patch for the server to apply.
 * Both arguments are private working copies: they are rewritten in place.
 */
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  isDeleteFromPrimitiveListKey,
  isSetElementOrderKey,
  joinPath,
  parallelListField,
  PATCH_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
} from './directives';
import { StrategicPatchError } from './errors';
import { deepEqual } from '../deep-equal';
import { commonElementType, dedupeScalars, hasKey, isObject, jsonType, type JsonObject } from './json';
import { childMeta, isMergeList, mergeKeyOf, type PatchMetaField } from './meta';
import {
  indexByIdentity,
  normalizeElementOrder,
  partitionByPresence,
  requireMergeKey,
  validateSetElementOrder,
} from './order';

export type MergeMode = 'apply' | 'combine';

/** Merges `patch` into `original` (the fields of `meta`), returning the merged object. */
export function mergeMaps(
  original: JsonObject,
  patch: JsonObject,
  meta: PatchMetaField | undefined,
  mode: MergeMode,
  path: string,
): JsonObject {
  if (hasKey(patch, PATCH_DIRECTIVE)) return mapDirective(patch, meta, mode, path);
  retainKeys(original, patch, mode, path);
  setElementOrders(original, patch, meta, mode, path);
  // Removals from lists of scalars run after the additions to the same lists.
  const removalsLast = (key: string): number => Number(isDeleteFromPrimitiveListKey(key));
  const keys = Object.keys(patch).sort((a, b) => removalsLast(a) - removalsLast(b));
  for (const key of keys) {
    const value = patch[key];
    const fieldPath = joinPath(path, key);
    if (isDeleteFromPrimitiveListKey(key)) {
      if (mode === 'combine') original[key] = value;
      else deleteFromPrimitiveList(original, parallelListField(key, DELETE_FROM_PRIMITIVE_LIST_PREFIX, path), value, path);
      continue;
    }
    const child = childMeta(meta, key);
    if (value === null) {
      delete original[key];
      // kubectl's patch must still carry the null to the server.
      if (mode === 'combine') original[key] = null;
      continue;
    }
    const current = original[key];
    const asIs = (): unknown => (mode === 'apply' ? cleanValue(value, child, fieldPath) : value);
    if (!hasKey(original, key) || jsonType(current) !== jsonType(value)) {
      original[key] = asIs();
    } else if (isObject(current) && isObject(value)) {
      original[key] = child?.patchStrategy === 'replace' ? asIs() : mergeMaps(current, value, child, mode, fieldPath);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      original[key] = isMergeList(child) ? mergeLists(current, value, child, mode, fieldPath) : asIs();
    } else {
      original[key] = value;
    }
  }
  return original;
}

/** `$patch` in an object: replace it with the rest of the patch, or empty it. */
function mapDirective(patch: JsonObject, meta: PatchMetaField | undefined, mode: MergeMode, path: string): JsonObject {
  const directive = patch[PATCH_DIRECTIVE];
  if (directive === 'replace') {
    delete patch[PATCH_DIRECTIVE];
    return mode === 'apply' ? mergeMaps({}, patch, meta, mode, path) : patch;
  }
  if (directive === 'delete') return {};
  throw new StrategicPatchError(`unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(patch)}`, path);
}

function retainKeys(original: JsonObject, patch: JsonObject, mode: MergeMode, path: string): void {
  if (!hasKey(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const keep = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (mode === 'combine') {
    if (hasKey(original, RETAIN_KEYS_DIRECTIVE) && !deepEqual(original[RETAIN_KEYS_DIRECTIVE], keep)) {
      throw new StrategicPatchError('the two patches disagree on $retainKeys', path);
    }
    original[RETAIN_KEYS_DIRECTIVE] = keep;
    return;
  }
  if (!Array.isArray(keep)) throw new StrategicPatchError('invalid patch format of retainKeys', path, 400);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || isDeleteFromPrimitiveListKey(key) || isSetElementOrderKey(key)) continue;
    // A patch that sets a key it does not retain contradicts itself.
    if (!keep.includes(key)) {
      throw new StrategicPatchError('invalid patch format of retainKeys', joinPath(path, key), 400);
    }
  }
  for (const key of Object.keys(original)) if (!keep.includes(key)) delete original[key];
}

/** Merges each list named by a `$setElementOrder/<field>` together with that list, then orders it. */
function setElementOrders(
  original: JsonObject,
  patch: JsonObject,
  meta: PatchMetaField | undefined,
  mode: MergeMode,
  path: string,
): void {
  for (const key of Object.keys(patch).filter(isSetElementOrderKey)) {
    const order = patch[key];
    delete patch[key];
    if (mode === 'combine') {
      if (hasKey(original, key) && !deepEqual(original[key], order)) {
        const message = `invalid patch format of setElementOrder list: the two patches disagree on ${key}`;
        throw new StrategicPatchError(message, path);
      }
      original[key] = order;
    }
    const field = parallelListField(key, SET_ELEMENT_ORDER_PREFIX, path);
    const fieldPath = joinPath(path, field);
    if (!Array.isArray(order)) {
      throw new StrategicPatchError('invalid patch format of setElementOrder list', joinPath(path, key), 400);
    }
    const live = listAt(original, field, fieldPath);
    const patchList = listAt(patch, field, fieldPath);
    const child = childMeta(meta, field);
    const mergeKey = mergeKeyOf(child);
    validateSetElementOrder(patchList ?? [], order, mergeKey, fieldPath);
    let merged: unknown[];
    if (patchList === undefined) {
      if (live === undefined) continue;
      merged = live;
    } else if (live === undefined || !isMergeList(child)) {
      merged = mode === 'apply' ? (cleanValue(patchList, child, fieldPath) as unknown[]) : patchList;
    } else {
      merged = mergeLists([...live], patchList, child, mode, fieldPath);
    }
    delete patch[field];
    const elementType = commonElementType(fieldPath, live ?? [], patchList ?? []);
    if (elementType === undefined) {
      original[field] = merged;
      continue;
    }
    const [inOrder, notInOrder] = partitionByPresence(merged, order, mergeKey, fieldPath);
    const isMaps = elementType === 'object';
    original[field] = normalizeElementOrder(inOrder, notInOrder, order, live ?? [], mergeKey, isMaps, fieldPath);
  }
}

function listAt(obj: JsonObject, field: string, path: string): unknown[] | undefined {
  if (!hasKey(obj, field) || obj[field] === null) return undefined;
  const value = obj[field];
  if (!Array.isArray(value)) throw new StrategicPatchError(`expected a list, got ${jsonType(value)}`, path);
  return value;
}

function deleteFromPrimitiveList(original: JsonObject, field: string, toDelete: unknown, path: string): void {
  if (!Array.isArray(toDelete)) {
    throw new StrategicPatchError('invalid patch format of primitive list', joinPath(path, field), 400);
  }
  const live = original[field];
  // Nothing to remove from a list the object does not have.
  if (Array.isArray(live)) original[field] = live.filter((v) => !toDelete.includes(v));
}

/** Merges two lists of a field with the merge strategy. */
export function mergeLists(
  original: unknown[],
  patch: unknown[],
  meta: PatchMetaField | undefined,
  mode: MergeMode,
  path: string,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const elementType = commonElementType(path, original, patch);
  const mergeKey = mergeKeyOf(meta);
  let live = original;
  let patchItems = patch;
  let merged: unknown[];
  if (elementType !== 'object') {
    merged = dedupeScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new StrategicPatchError('cannot merge lists without merge key', path);
    const special = specialElements(original, patch, mergeKey, path);
    if (special.replaced) {
      // `$patch: replace`: the patch's other elements are the whole list, in their order.
      live = mode === 'apply' ? special.plain.map((item) => cleanValue(item, meta, path)) : special.plain;
      patchItems = [];
    } else {
      live = special.live;
      patchItems = special.plain;
    }
    merged = mergeElements([...live], patchItems, mergeKey, meta, mode, path);
  }
  const [inPatch, serverOnly] = partitionByPresence(merged, patchItems, mergeKey, path);
  return normalizeElementOrder(inPatch, serverOnly, patchItems, live, mergeKey, elementType === 'object', path);
}

/**
 * Carries out `$patch` elements: `delete` removes the live element with the same merge key; `replace`
 * makes the patch's other elements the whole list. Returns what is left of the live list and the plain
 * (directive-free) patch elements.
 */
function specialElements(
  live: unknown[],
  patch: unknown[],
  mergeKey: string,
  path: string,
): { live: unknown[]; plain: unknown[]; replaced: boolean } {
  const plain: unknown[] = [];
  let replace = false;
  let remaining = live;
  for (const item of patch) {
    if (!isObject(item) || !hasKey(item, PATCH_DIRECTIVE)) {
      plain.push(item);
      continue;
    }
    const directive = item[PATCH_DIRECTIVE];
    if (directive === 'delete') {
      requireMergeKey(item, mergeKey, path);
      remaining = remaining.filter((v) => !(isObject(v) && v[mergeKey] === item[mergeKey]));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new StrategicPatchError('merging lists cannot yet be specified in the patch', path);
    } else {
      const message = `unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(item)}`;
      throw new StrategicPatchError(message, path);
    }
  }
  return { live: remaining, plain, replaced: replace };
}

/** Merges each patch element into the live element with its merge key, or appends it. */
function mergeElements(
  live: unknown[],
  patch: unknown[],
  mergeKey: string,
  meta: PatchMetaField | undefined,
  mode: MergeMode,
  path: string,
): unknown[] {
  for (const item of patch) {
    const element = requireMergeKey(item, mergeKey, path);
    const i = indexByIdentity(live, element, mergeKey);
    const target = i >= 0 ? live[i] : undefined;
    if (isObject(target)) live[i] = mergeMaps(target, element, meta, mode, path);
    else live.push(mode === 'apply' ? cleanValue(element, meta, path) : element);
  }
  return live;
}

/**
 * A patch value stored where the object had nothing to merge with. Kubernetes stores it as sent and
 * lets decoding into Go structs drop what cannot be kept; merging it into an empty value gives the same
 * result here (directives carried out, nulls dropped) without Go's decoder.
 */
function cleanValue(value: unknown, meta: PatchMetaField | undefined, path: string): unknown {
  if (isObject(value)) return mergeMaps({}, value, meta, 'apply', path);
  if (!Array.isArray(value)) return value;
  if (isMergeList(meta)) return mergeLists([], value, meta, 'apply', path);
  return value.map((item) => (isObject(item) ? dropNulls(item) : item));
}

/** Atomic list elements are kept as sent, minus null fields (which mean "unset"). */
function dropNulls(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === null) continue;
    out[k] = isObject(v) ? dropNulls(v) : v;
  }
  return out;
}
