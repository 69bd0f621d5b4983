/**
 * Computing a strategic merge patch from two versions of an object, as kubectl does: additions and
 * changes as values, removed fields as null, removed elements of keyed lists as `$patch: delete`,
 * removed scalars of merged lists in `$deleteFromPrimitiveList/<field>`, the wanted order of merged lists
 * in `$setElementOrder/<field>`, and `$retainKeys` for retainKeys fields.
 */
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  deleteElement,
  joinPath,
  PATCH_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
} from './directives';
import { deepEqual } from '../deep-equal';
import { StrategicPatchError } from './errors';
import {
  commonElementType,
  dedupeScalars,
  hasKey,
  isObject,
  jsonType,
  scalarText,
  sortByKeyText,
  sortScalars,
  type JsonObject,
} from './json';
import { childMeta, isMergeList, mergeKeyOf, type PatchMetaField } from './meta';
import { requireMergeKey, sortByOrder } from './order';

export interface DiffOptions {
  /** Emit `$setElementOrder/<field>` for merged lists whose content or order changed. */
  readonly setElementOrder: boolean;
  /** Leave out additions and changes (the deletions half of a three-way patch). */
  readonly ignoreChangesAndAdditions: boolean;
  /** Leave out deletions (the additions half of a three-way patch). */
  readonly ignoreDeletions: boolean;
}

/**
 * The patch turning `original` into `modified`, both objects described by `meta`. `buildRetainKeys` is
 * set when the field holding these objects has the retainKeys strategy.
 */
export function diffMaps(
  original: JsonObject,
  modified: JsonObject,
  meta: PatchMetaField | undefined,
  opts: DiffOptions,
  buildRetainKeys: boolean,
  path: string,
): JsonObject {
  const patch: JsonObject = {};
  const retained: string[] = [];
  for (const [key, value] of Object.entries(modified)) {
    if (buildRetainKeys && value !== null) retained.push(key);
    const fieldPath = joinPath(path, key);
    if (!hasKey(original, key)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = value;
      continue;
    }
    const old = original[key];
    if (key === PATCH_DIRECTIVE) {
      if (typeof old !== 'string' || typeof value !== 'string') {
        throw new StrategicPatchError(`invalid value for special key: ${key}`, path);
      }
      if (old !== value) patch[key] = value;
      continue;
    }
    if (jsonType(old) !== jsonType(value)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = value;
      continue;
    }
    const child = childMeta(meta, key);
    if (isObject(old) && isObject(value)) {
      diffObjectField(patch, key, old, value, child, opts, fieldPath);
    } else if (Array.isArray(old) && Array.isArray(value) && isMergeList(child)) {
      diffListField(patch, key, old, value, child, opts, fieldPath);
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(old, value)) {
      patch[key] = value;
    }
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!hasKey(modified, key)) patch[key] = null;
  }
  // Sent when anything changed or when the old object had a key the new one dropped.
  if (retained.length > 0 && (Object.keys(patch).length > 0 || hasDroppedKey(original, modified))) {
    patch[RETAIN_KEYS_DIRECTIVE] = sortScalars(retained);
  }
  return patch;
}

function hasDroppedKey(original: JsonObject, modified: JsonObject): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !hasKey(modified, k));
}

function diffObjectField(
  patch: JsonObject,
  key: string,
  old: JsonObject,
  value: JsonObject,
  meta: PatchMetaField | undefined,
  opts: DiffOptions,
  path: string,
): void {
  if (meta?.patchStrategy === 'replace') {
    if (!opts.ignoreChangesAndAdditions) patch[key] = value;
    return;
  }
  const sub = diffMaps(old, value, meta, opts, meta?.retainKeys === true, path);
  if (Object.keys(sub).length > 0) patch[key] = sub;
}

function diffListField(
  patch: JsonObject,
  key: string,
  old: unknown[],
  value: unknown[],
  meta: PatchMetaField | undefined,
  opts: DiffOptions,
  path: string,
): void {
  const { changes, deletions, order } = diffLists(old, value, meta, opts, path);
  if (changes.length > 0) patch[key] = changes;
  if (deletions.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/${key}`] = deletions;
  if (order.length > 0) patch[`${SET_ELEMENT_ORDER_PREFIX}/${key}`] = order;
}

interface ListDiff {
  /** The patch list: changed and added elements, then `$patch: delete` elements for lists of objects. */
  changes: unknown[];
  /** Scalars removed from a merged list of scalars. */
  deletions: unknown[];
  /** The `$setElementOrder` list, empty when the order needs no saying. */
  order: unknown[];
}

function diffLists(
  original: unknown[],
  modified: unknown[],
  meta: PatchMetaField | undefined,
  opts: DiffOptions,
  path: string,
): ListDiff {
  if (original.length === 0) {
    const changes = modified.length === 0 || opts.ignoreChangesAndAdditions ? [] : modified;
    return { changes, deletions: [], order: [] };
  }
  const elementType = commonElementType(path, original, modified);
  return elementType === 'object'
    ? diffListsOfMaps(original, modified, meta, opts, path)
    : diffListsOfScalars(original, modified, opts, path);
}

function diffListsOfMaps(
  original: unknown[],
  modified: unknown[],
  meta: PatchMetaField | undefined,
  opts: DiffOptions,
  path: string,
): ListDiff {
  const mergeKey = mergeKeyOf(meta);
  if (mergeKey === '') throw new StrategicPatchError('cannot merge lists without merge key', path);
  const olds = sortByKeyText(original.map((item) => requireMergeKey(item, mergeKey, path)), mergeKey);
  const news = sortByKeyText(modified.map((item) => requireMergeKey(item, mergeKey, path)), mergeKey);
  const changes: unknown[] = [];
  const removed: unknown[] = [];
  let i = 0;
  let j = 0;
  // Both lists sorted by merge key text: walk them side by side like a sorted merge.
  while (i < olds.length || j < news.length) {
    const oldKey = i < olds.length ? scalarText(olds[i][mergeKey]) : undefined;
    const newKey = j < news.length ? scalarText(news[j][mergeKey]) : undefined;
    if (oldKey !== undefined && newKey !== undefined && oldKey === newKey) {
      const sub = diffMaps(olds[i], news[j], meta, opts, meta?.retainKeys === true, path);
      if (Object.keys(sub).length > 0) changes.push({ ...sub, [mergeKey]: news[j][mergeKey] });
      i++;
      j++;
    } else if (oldKey === undefined || (newKey !== undefined && oldKey > newKey)) {
      if (!opts.ignoreChangesAndAdditions) changes.push(news[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) removed.push(deleteElement(mergeKey, olds[i][mergeKey]));
      i++;
    }
  }
  const patchList = [...sortByOrder(changes, modified, mergeKey, true, path), ...removed];
  const orderSame = original.length === modified.length && original.every((o, k) => sameKey(o, modified[k], mergeKey));
  const wantOrder =
    opts.setElementOrder &&
    ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
      (!opts.ignoreDeletions && patchList.length > 0));
  const order = wantOrder ? modified.map((m) => ({ [mergeKey]: (m as JsonObject)[mergeKey] })) : [];
  return { changes: patchList, deletions: [], order };
}

function sameKey(a: unknown, b: unknown, mergeKey: string): boolean {
  return isObject(a) && isObject(b) && a[mergeKey] === b[mergeKey];
}

function diffListsOfScalars(original: unknown[], modified: unknown[], opts: DiffOptions, path: string): ListDiff {
  const olds = sortScalars(original);
  const news = sortScalars(modified);
  const added: unknown[] = [];
  const removed: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < olds.length || j < news.length) {
    const oldText = i < olds.length ? scalarText(olds[i]) : undefined;
    const newText = j < news.length ? scalarText(news[j]) : undefined;
    if (oldText !== undefined && oldText === newText) {
      i++;
      j++;
    } else if (oldText === undefined || (newText !== undefined && oldText > newText)) {
      if (!opts.ignoreChangesAndAdditions) added.push(news[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) removed.push(olds[i]);
      i++;
    }
  }
  const deletions = dedupeScalars(removed);
  // Kubernetes compares the new list with the old one in sorted order: a mere reordering of the live
  // list into sorted order is not worth an order directive.
  const wantOrder =
    opts.setElementOrder &&
    ((!opts.ignoreDeletions && deletions.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(olds, modified)));
  return { changes: sortByOrder(added, modified, '', false, path), deletions, order: wantOrder ? [...modified] : [] };
}
