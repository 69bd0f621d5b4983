/**
 * Objects as kubectl writes them with -o json|yaml|name: keys sorted (kubectl prints through Go maps),
 * JSON indented by four spaces, YAML with block sequences flush with their key, managedFields hidden.
 */
import type { KubeObject } from '@tinykube/api';
import YAML from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Drops metadata.managedFields, as kubectl does unless --show-managed-fields. */
export function forDisplay(obj: KubeObject): KubeObject {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _hidden, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** Go's encoding/json escapes <, > and & (and two line separators) for HTML safety; kubectl's output has them so. */
function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function toJson(value: unknown): string {
  return `${goEscape(JSON.stringify(sortKeys(value), null, 4))}\n`;
}

/** A string that YAML 1.1 would read as something else when plain (8080, yes, null, a timestamp). */
function readsAsOtherType(s: string): boolean {
  if (s === '') return true;
  const doc = YAML.parseDocument(s, { version: '1.1' });
  const node = doc.contents;
  // Anything but one plain scalar (an anchor, alias, map or list) needs quoting for syntax, not type.
  if (doc.errors.length > 0 || !YAML.isScalar(node) || node.anchor) return false;
  return typeof node.value !== 'string';
}

/**
 * YAML as kubectl prints it through Go's yaml.v2: strings that would read as another type are
 * double-quoted, strings that need quoting for their characters ('&&', '*x') single-quoted.
 */
export function toYaml(value: unknown): string {
  const doc = new YAML.Document(sortKeys(value), { version: '1.1' });
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && !node.value.includes('\n') && readsAsOtherType(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true });
}

/** JSON with sorted keys and no spaces, as Go's json.Marshal writes a map (the last-applied annotation). */
export function compactJson(value: unknown): string {
  return goEscape(JSON.stringify(sortKeys(value)));
}

/** Several objects as the v1 List kubectl prints for -o json|yaml. */
export function asList(items: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } } as KubeObject;
}
