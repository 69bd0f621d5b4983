/** Field paths in Kubernetes' notation: `spec.containers[0].name`, `metadata.labels[app]`. */
import type { FieldSchema } from './build';

/** Appends a child to a path: a property (`.name`), a list index (`[0]`) or a map key (`[key]`). */
export function childPath(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

export function indexPath(parent: string, index: number | string): string {
  return `${parent}[${index}]`;
}

/**
 * Turns the segments of a JSON pointer into a Kubernetes field path. The schema decides the notation:
 * list items and map entries are bracketed, struct fields are dotted, exactly as Kubernetes prints them.
 */
export function segmentsToPath(root: FieldSchema, segments: string[]): string {
  let path = '';
  let schema: FieldSchema | undefined = root;
  for (const segment of segments) {
    if (schema?.items !== undefined) {
      path = indexPath(path, segment);
      schema = schema.items;
    } else if (schema?.properties?.[segment] !== undefined) {
      path = childPath(path, segment);
      schema = schema.properties[segment];
    } else if (typeof schema?.additionalProperties === 'object') {
      path = indexPath(path, segment);
      schema = schema.additionalProperties;
    } else {
      path = childPath(path, segment);
      schema = undefined;
    }
  }
  return path;
}

/** Splits an ajv `instancePath` ("/spec/containers/0/name") into unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
