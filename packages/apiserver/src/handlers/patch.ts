/**
 * PATCH documents: JSON merge patch (RFC 7386, written here: it is a dozen lines), JSON patch
 * (RFC 6902, through fast-json-patch, which validates operations and paths), and strategic merge patch
 * (@tinykube/api's, which knows each kind's merge keys), the default of kubectl patch/apply/edit.
 */
import { strategicMergePatch, StrategicPatchError } from '@tinykube/api';
import { applyPatch, JsonPatchError, type Operation } from 'fast-json-patch';
import { ApiError, badRequest, unsupportedMediaType } from '../errors';
import { decodeValue, mediaType } from '../request/body';

export type PatchType = 'merge' | 'json' | 'strategic';

export function patchTypeFor(contentType: string | undefined): PatchType {
  const mt = mediaType(contentType);
  if (mt === 'application/merge-patch+json') return 'merge';
  if (mt === 'application/json-patch+json') return 'json';
  if (mt === 'application/strategic-merge-patch+json') return 'strategic';
  throw unsupportedMediaType(mt);
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

export interface ParsedPatch {
  type: PatchType;
  document: unknown;
}

export function parsePatch(raw: Buffer, contentType: string | undefined): ParsedPatch {
  const type = patchTypeFor(contentType);
  const document = decodeValue(raw, 'json');
  if (type !== 'json' && (document === null || typeof document !== 'object' || Array.isArray(document))) {
    throw badRequest(`a ${type === 'merge' ? 'merge' : 'strategic merge'} patch must be a JSON object`);
  }
  if (type === 'json' && !Array.isArray(document)) throw badRequest('a JSON patch must be an array of operations');
  return { type, document };
}

/**
 * Applies the patch to a copy of `current` (an object of `kind`: strategic merge needs its merge keys).
 * A patch that cannot apply is the client's error.
 */
export function applyParsedPatch(kind: string, current: Record<string, unknown>, patch: ParsedPatch): Record<string, unknown> {
  if (patch.type === 'merge') return mergePatch(current, patch.document) as Record<string, unknown>;
  if (patch.type === 'strategic') {
    try {
      return strategicMergePatch(kind, current, patch.document as Record<string, unknown>);
    } catch (e) {
      // Kubernetes answers some of these (a list item without its merge key, an unknown $patch value)
      // with 500; they are the client's mistakes, so they get a 400 here.
      if (e instanceof StrategicPatchError) {
        if (e.httpStatus === 422) throw new ApiError(422, 'Invalid', e.message);
        throw badRequest(e.message);
      }
      throw e;
    }
  }
  try {
    const result = applyPatch(structuredClone(current), patch.document as Operation[], true, false).newDocument;
    if (result === null || typeof result !== 'object' || Array.isArray(result)) throw badRequest('the patched document is not an object');
    return result as Record<string, unknown>;
  } catch (e) {
    if (e instanceof JsonPatchError) {
      const message = e.message.split('\n')[0];
      if (e.name === 'TEST_OPERATION_FAILED' || e.name === 'OPERATION_PATH_UNRESOLVABLE' || e.name === 'OPERATION_PATH_CANNOT_ADD') {
        throw new ApiError(422, 'Invalid', `the patch cannot be applied: ${message}`);
      }
      throw badRequest(`invalid JSON patch: ${message}`);
    }
    throw e;
  }
}
