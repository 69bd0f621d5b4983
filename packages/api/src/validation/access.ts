/**
 * Readers for objects that passed the schema's type check but may still miss anything. They return
 * Go's zero values ('' / undefined / []) for absent fields, which is what Kubernetes' validation sees.
 */

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObj(value: unknown): Obj {
  return isObj(value) ? value : {};
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The object items of a list with their indexes (type errors on other items were reported already). */
export function items(value: unknown): Array<[Obj, number]> {
  if (!Array.isArray(value)) return [];
  const out: Array<[Obj, number]> = [];
  value.forEach((item, i) => {
    if (isObj(item)) out.push([item, i]);
  });
  return out;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** True when the field holds something other than absent/null. */
export function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

