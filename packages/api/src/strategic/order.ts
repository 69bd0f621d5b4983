/**
 * Element order of merged lists. Kubernetes keeps, in order of precedence, the order `$setElementOrder`
 * asks for, then the order of the patch's own list, then the live list's order for elements the patch
 * does not mention; those are woven in between the patch's elements where the live list had them.
 */
import { isDeleteElement, PATCH_DIRECTIVE, SET_ELEMENT_ORDER_PREFIX } from './directives';
import { StrategicPatchError } from './errors';
import { hasKey, isObject, scalarText } from './json';

/** What identifies an element: its merge key's value, or the scalar itself for lists of scalars. */
function identity(item: unknown, mergeKey: string): unknown {
  if (mergeKey === '') return item;
  return isObject(item) ? item[mergeKey] : undefined;
}

export function indexByIdentity(list: readonly unknown[], item: unknown, mergeKey: string): number {
  const id = identity(item, mergeKey);
  return list.findIndex((v) => identity(v, mergeKey) === id);
}

export function requireMergeKey(item: unknown, mergeKey: string, path: string): Record<string, unknown> {
  if (!isObject(item)) throw new StrategicPatchError(`expected a map in the merged list, got ${scalarText(item)}`, path);
  if (!hasKey(item, mergeKey)) {
    throw new StrategicPatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`, path);
  }
  return item;
}

/** Splits `items` into those whose identity appears in `by` and the rest, both in their current order. */
export function partitionByPresence(
  items: readonly unknown[],
  by: readonly unknown[],
  mergeKey: string,
  path: string,
): [present: unknown[], absent: unknown[]] {
  const present: unknown[] = [];
  const absent: unknown[] = [];
  for (const item of items) {
    if (mergeKey !== '') requireMergeKey(item, mergeKey, path);
    (indexByIdentity(by, item, mergeKey) >= 0 ? present : absent).push(item);
  }
  return [present, absent];
}

/**
 * Sorts `toSort` by the positions of its elements in `order`. Elements `order` does not know keep their
 * relative order after the known ones; deletion directives go last.
 */
export function sortByOrder(
  toSort: readonly unknown[],
  order: readonly unknown[],
  mergeKey: string,
  isMaps: boolean,
  path: string,
): unknown[] {
  let deletions: unknown[] = [];
  let rest = [...toSort];
  if (isMaps) {
    for (const item of [...toSort, ...order]) requireMergeKey(item, mergeKey, path);
    deletions = rest.filter(isDeleteElement);
    rest = rest.filter((item) => !isDeleteElement(item));
  }
  const rank = (item: unknown): number => {
    const i = indexByIdentity(order, item, mergeKey);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const sorted = rest.map((item, i) => ({ item, i, r: rank(item) })).sort((a, b) => a.r - b.r || a.i - b.i);
  return [...sorted.map((s) => s.item), ...deletions];
}

/**
 * Weaves `serverOnly` (sorted by the live order) into `patchItems` (sorted by the patch order): a live
 * element goes before the next patch element when the live list had it before that element; patch
 * elements the live list never had come first.
 */
function weave(
  serverOnly: readonly unknown[],
  patchItems: readonly unknown[],
  liveOrder: readonly unknown[],
  mergeKey: string,
): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (j >= patchItems.length) {
      out.push(serverOnly[i++]);
    } else if (i >= serverOnly.length) {
      out.push(patchItems[j++]);
    } else {
      const li = indexByIdentity(liveOrder, serverOnly[i], mergeKey);
      const ri = indexByIdentity(liveOrder, patchItems[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}

/** The final order of a merged list: patch items by `patchOrder`, live-only items by `liveOrder`, woven. */
export function normalizeElementOrder(
  patchItems: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  liveOrder: readonly unknown[],
  mergeKey: string,
  isMaps: boolean,
  path: string,
): unknown[] {
  const sortedPatch = sortByOrder(patchItems, patchOrder, mergeKey, isMaps, path);
  const sortedServer = sortByOrder(serverOnly, liveOrder, mergeKey, isMaps, path);
  return weave(sortedServer, sortedPatch, liveOrder, mergeKey);
}

/**
 * A `$setElementOrder` list must name the patch list's elements (deletions aside) in the same relative
 * order; otherwise the two disagree and the patch is rejected.
 */
export function validateSetElementOrder(
  patchList: readonly unknown[],
  order: readonly unknown[],
  mergeKey: string,
  path: string,
): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : patchList.filter((item) => !isDeleteElement(item));
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (isObject(items[p]) && hasKey(items[p] as Record<string, unknown>, PATCH_DIRECTIVE)) {
      p++;
      continue;
    }
    if (mergeKey !== '') {
      requireMergeKey(items[p], mergeKey, path);
      requireMergeKey(order[o], mergeKey, path);
    }
    if (identity(items[p], mergeKey) === identity(order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length) {
    const lists = `patch list ${JSON.stringify(patchList)} doesn't match ${SET_ELEMENT_ORDER_PREFIX} list ${JSON.stringify(order)}`;
    throw new StrategicPatchError(`the order in ${lists}`, path);
  }
}
