/**
 * Unknown fields, found by walking the object alongside its schema rather than by a second ajv
 * compilation with additionalProperties:false. Why: a strict copy of every schema would double compile
 * time and memory for a question that a 30-line walk answers; the walk yields Kubernetes-style paths
 * (`spec.template.spec.containers[0].imagee`) directly, and it naturally skips maps (labels, data) and
 * free-form objects, which a blanket additionalProperties:false would have to special-case.
 */
import type { FieldSchema } from './build';
import { getKindSchema } from './kinds';
import { childPath, indexPath } from './paths';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, schema: FieldSchema, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items !== undefined) value.forEach((item, i) => walk(item, items, indexPath(path, i), out));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const known = schema.properties?.[key];
    if (known !== undefined) {
      walk(child, known, childPath(path, key), out);
    } else if (typeof schema.additionalProperties === 'object') {
      walk(child, schema.additionalProperties, indexPath(path, key), out);
    } else if (schema.additionalProperties !== true && schema.properties !== undefined) {
      out.push(childPath(path, key));
    }
  }
}

/** Paths of fields the kind does not define, in document order. Unknown kinds report nothing. */
export function unknownFieldPaths(kind: string, obj: unknown): string[] {
  const schema = getKindSchema(kind);
  if (schema === undefined) return [];
  const out: string[] = [];
  walk(obj, schema, '', out);
  return out;
}
