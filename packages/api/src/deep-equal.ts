/**
 * Equality of JSON values by structure, for "did this object change?" checks. Unlike comparing
 * JSON.stringify output it ignores key order (a decoded object and one built in code rarely list keys
 * alike) and does not allocate two strings per comparison.
 */

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Absent, null, an empty list or an object of nothing but such: what Go decodes to a zero value. */
function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).every((k) => value[k] === undefined || value[k] === null);
}

function equal(a: unknown, b: unknown, emptyIsAbsent: boolean): boolean {
  if (a === b) return true;
  if (emptyIsAbsent && isEmptyValue(a) && isEmptyValue(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => equal(v, b[i], emptyIsAbsent));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!equal(a[k], b[k], emptyIsAbsent)) return false;
  return true;
}

/**
 * Structural equality, treating an absent key and a key set to `undefined` as the same (objects decoded
 * from storage never carry `undefined`, objects built in code often do). `null` is a value, not absence.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, false);
}

/**
 * Equality as Kubernetes' validation compares decoded Go structs: like deepEqual, but a missing list or
 * map equals an empty one, and null equals absent (both decode to the same zero value).
 */
export function semanticDeepEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, true);
}
