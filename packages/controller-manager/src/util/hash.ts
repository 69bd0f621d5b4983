/**
 * The pod-template-hash: FNV-32a over the pod template, with the collision count appended when there is
 * one, and the decimal digits of the sum mapped onto Kubernetes' "safe" alphabet (no vowels, no 0/1/3),
 * so names like web-7c5ddbdf54 come out. Kubernetes hashes a Go dump of its struct; we hash the
 * template's canonical JSON (keys sorted), so values are equally stable but not byte-identical to a
 * real cluster's. Nothing compares them across implementations: they only need to be stable here.
 */
import type { PodTemplateSpec } from '@tinykube/api';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Each character becomes a letter of the safe alphabet, picked by its code point. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHABET[ch.codePointAt(0)! % SAFE_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted at every level, so equal templates hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let bytes: Uint8Array = Buffer.from(canonicalJson(template), 'utf8');
  if (collisionCount !== undefined) {
    // As Kubernetes: the count as 8 little-endian bytes (a uint32 in the low four) after the template.
    const extra = Buffer.alloc(8);
    extra.writeUInt32LE(collisionCount >>> 0, 0);
    bytes = Buffer.concat([bytes, extra]);
  }
  return safeEncodeString(String(fnv32a(bytes)));
}
