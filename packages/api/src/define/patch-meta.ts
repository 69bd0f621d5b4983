/**
 * Strategic merge patch metadata, derived from the `patchStrategy` / `patchMergeKey` facts the
 * definitions carry (Go's struct tags): which lists merge element by element and by which key, and
 * which objects retain only the keys a patch lists. A field without facts, and with no such field
 * below it, has no metadata: it merges like JSON merge patch.
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import type { PatchMetaField } from '../strategic/meta';
import { FIELD, MESSAGE, type Annotated } from './dsl';

type Fields = Record<string, PatchMetaField>;

const byMessage = new Map<string, Fields>();

/** The patch metadata of the fields of a message (cached: PodSpec is inside several kinds). */
export function patchFieldsOf(schema: TObject): Fields {
  const name = (schema as Annotated)[MESSAGE] ?? '';
  const cached = byMessage.get(name);
  if (cached !== undefined) return cached;
  const fields: Fields = {};
  for (const [field, child] of Object.entries(schema.properties)) {
    const meta = fieldMeta(child);
    if (meta !== undefined) fields[field] = meta;
  }
  if (name !== '') byMessage.set(name, fields);
  return fields;
}

function fieldMeta(child: TSchema): PatchMetaField | undefined {
  const facts = (child as Annotated)[FIELD];
  const element = child.type === 'array' ? (child.items as TSchema) : child;
  const nested = (element as Annotated)[MESSAGE] !== undefined ? patchFieldsOf(element as TObject) : {};
  const strategy = facts?.patchStrategy ?? '';
  const meta: { -readonly [K in keyof PatchMetaField]: PatchMetaField[K] } = {};
  if (strategy.includes('merge')) meta.patchStrategy = 'merge';
  if (facts?.patchMergeKey !== undefined) meta.mergeKey = facts.patchMergeKey;
  if (strategy.includes('retainKeys')) meta.retainKeys = true;
  if (Object.keys(nested).length > 0) meta.fields = nested;
  return Object.keys(meta).length > 0 ? meta : undefined;
}
