/** Small helpers over decoded JSON values (objects, arrays, strings, numbers, booleans, null). */
import { StrategicPatchError } from './errors';

export type JsonObject = Record<string, unknown>;

/** The JSON type of a value; merges compare these where Go compares reflect types of decoded JSON. */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  return 'boolean';
}

export function hasKey(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** A deep copy, so that merges may rewrite their working copies without touching the caller's objects. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneJson(v)) as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneJson(v);
    return out as T;
  }
  return value;
}

/**
 * The text Kubernetes sorts scalars and merge-key values by (Go's %v): diffs order their additions and
 * deletions by it before putting additions back into the user's order.
 */
export function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Scalars sorted by their text, as a new array. */
export function sortScalars(values: readonly unknown[]): unknown[] {
  return [...values].sort((a, b) => compareText(scalarText(a), scalarText(b)));
}

/** Objects sorted by the text of one key, as a new array. */
export function sortByKeyText(values: readonly JsonObject[], key: string): JsonObject[] {
  return [...values].sort((a, b) => compareText(scalarText(a[key]), scalarText(b[key])));
}

/** Drops repeated scalars, keeping each first occurrence. */
export function dedupeScalars(values: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

/**
 * The one JSON type all elements of the given lists share; undefined when all are empty. Lists mixing
 * types, or holding lists, cannot be merged element-wise.
 */
export function commonElementType(path: string, ...lists: readonly unknown[][]): JsonType | undefined {
  let found: JsonType | undefined;
  for (const list of lists) {
    for (const item of list) {
      const t = jsonType(item);
      if (t === 'array') throw new StrategicPatchError('lists of lists are not supported', path, 422);
      if (found !== undefined && found !== t) throw new StrategicPatchError('list element types are not identical', path);
      found = t;
    }
  }
  return found;
}

