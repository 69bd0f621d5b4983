/**
 * Defaulting runs on decoded but not yet validated objects, so it must not trust shapes: these guards
 * let it skip anything malformed and leave the complaint to validation.
 */

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a list, skipping anything that is not one. */
export function objects(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isObj) : [];
}

/** Sets `obj[key]` when it is absent or null (JSON null means "unset" to Kubernetes). */
export function setDefault(obj: Obj, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/** Sets `obj[key]` when it is absent, null or 0: for Kubernetes' non-pointer integers, 0 means "unset". */
export function setDefaultNumber(obj: Obj, key: string, value: number): void {
  if (obj[key] === undefined || obj[key] === null || obj[key] === 0) obj[key] = value;
}

/** Sets `obj[key]` when it is absent, null or the empty string (Go's zero value for string enums). */
export function setDefaultString(obj: Obj, key: string, value: string): void {
  if (obj[key] === undefined || obj[key] === null || obj[key] === '') obj[key] = value;
}

/** The child object at `key`, created empty when missing; undefined when the slot holds a non-object. */
export function child(obj: Obj, key: string): Obj | undefined {
  setDefault(obj, key, {});
  const value = obj[key];
  return isObj(value) ? value : undefined;
}
