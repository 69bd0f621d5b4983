/** The special keys of a strategic merge patch. */
import { StrategicPatchError } from './errors';
import { isObject } from './json';

/** `$patch: replace | delete` in an object; `$patch: delete | replace` as an element of a merged list. */
export const PATCH_DIRECTIVE = '$patch';
/** The keys an object keeps; any other key of the live object is cleared. */
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
/** `$deleteFromPrimitiveList/<field>`: scalars to remove from a merged list of scalars (finalizers). */
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
/** `$setElementOrder/<field>`: the order the merged list must end up in (merge keys, or the scalars). */
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

export function isDeleteFromPrimitiveListKey(key: string): boolean {
  return key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX);
}

export function isSetElementOrderKey(key: string): boolean {
  return key.startsWith(SET_ELEMENT_ORDER_PREFIX);
}

/** The field a parallel-list key is about: `$setElementOrder/containers` -> `containers`. */
export function parallelListField(key: string, prefix: string, path: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    const what = prefix === SET_ELEMENT_ORDER_PREFIX ? 'setElementOrder list' : 'primitive list';
    throw new StrategicPatchError(`invalid patch format of ${what}`, joinPath(path, key), 400);
  }
  return key.slice(slash + 1);
}

/** An element of a merged list that asks for this element to be removed. */
export function isDeleteElement(item: unknown): boolean {
  return isObject(item) && item[PATCH_DIRECTIVE] === 'delete';
}

export function deleteElement(mergeKey: string, value: unknown): Record<string, unknown> {
  return { [mergeKey]: value, [PATCH_DIRECTIVE]: 'delete' };
}

export function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
