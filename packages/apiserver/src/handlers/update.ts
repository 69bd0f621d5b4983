/**
 * PUT and PATCH of an object (not of its subresources). Both end in the same place: a candidate object
 * built from the stored one, checked like a create, written only if the stored revision has not moved.
 */
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import { badRequest, conflict, MODIFIED_CONFLICT } from '../errors';
import type { ResourceRequest } from '../request/path';
import { parseDryRun, parseFieldValidation } from '../request/query';
import { prepareUpdateMetadata, sameStoredContent } from '../rest/metadata';
import { gr, type UpdateDecision } from '../rest/store';
import { strategyFor } from '../rest/strategy';
import type { ApiContext, HandlerResult } from './context';
import { defaultObject, handleUnknownFields, toObject, validateUpdated } from './incoming';
import { applyParsedPatch, type ParsedPatch } from './patch';
import { keepAllocatedIp, releaseServiceIp } from './service-ips';

/** True once a deleted object has nothing left to wait for: no finalizers and no grace period running. */
export function readyToRemove(obj: KubeObject): boolean {
  const m = obj.metadata;
  if (!m.deletionTimestamp || (m.finalizers?.length ?? 0) > 0 || (m.deletionGracePeriodSeconds ?? 0) > 0) return false;
  if (obj.kind === 'Namespace') return ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length ?? 0) === 0;
  return true;
}

/** Builds the stored form of an update to the main resource (status stays as stored). */
export function decideUpdate(info: ResourceInfo, candidate: KubeObject, current: KubeObject): UpdateDecision {
  const next = structuredClone(candidate);
  if (info.subresources.includes('status')) {
    if (current.status === undefined) delete next.status;
    else next.status = structuredClone(current.status);
  }
  if (info.kind === 'Service') keepAllocatedIp(next, current);
  // Defaults first, as Go's decoding applies them: a spec that only omits defaulted fields is the
  // stored spec, and must not move generation.
  defaultObject(info, next);
  prepareUpdateMetadata(next, current, strategyFor(info.kind).tracksGeneration);
  validateUpdated(info, next, current);
  if (readyToRemove(next)) return { action: 'delete' };
  if (sameStoredContent(next, current)) return { action: 'unchanged' };
  return { action: 'write', object: next };
}

export async function finishUpdate(
  ctx: ApiContext,
  r: ResourceRequest,
  decide: (current: KubeObject) => UpdateDecision,
  opts: { preconditionRV?: string; dryRun: boolean; warnings: string[] },
): Promise<HandlerResult> {
  if (opts.dryRun) {
    const current = await ctx.store.get(r.info, r.namespace, r.name as string);
    const d = decide(current);
    return { status: 200, body: d.action === 'write' ? d.object : current, warnings: opts.warnings };
  }
  const res = await ctx.store.guaranteedUpdate(r.info, r.namespace, r.name as string, decide, { preconditionRV: opts.preconditionRV });
  if (res.outcome === 'deleted' && r.info.kind === 'Service') await releaseServiceIp(ctx, res.object);
  return { status: 200, body: res.object, warnings: opts.warnings };
}

export async function handleUpdate(ctx: ApiContext, r: ResourceRequest, body: Record<string, unknown>, query: URLSearchParams): Promise<HandlerResult> {
  const { info } = r;
  const fieldValidation = parseFieldValidation(query);
  const dryRun = parseDryRun(query);
  const candidate = toObject(info, body, r.namespace);
  if (candidate.metadata.name === undefined || candidate.metadata.name === '') candidate.metadata.name = r.name;
  if (candidate.metadata.name !== r.name) {
    throw badRequest(`the name of the object (${candidate.metadata.name}) does not match the name on the URL (${r.name})`);
  }
  const warnings = handleUnknownFields(info, candidate, fieldValidation);
  const rv = candidate.metadata.resourceVersion || undefined;
  return finishUpdate(ctx, r, (current) => decideUpdate(info, candidate, current), { preconditionRV: rv, dryRun, warnings });
}

export async function handlePatch(ctx: ApiContext, r: ResourceRequest, patch: ParsedPatch, query: URLSearchParams): Promise<HandlerResult> {
  const { info } = r;
  const fieldValidation = parseFieldValidation(query);
  const dryRun = parseDryRun(query);
  const warnings: string[] = [];
  const decide = (current: KubeObject): UpdateDecision => {
    const patched = applyParsedPatch(info.kind, current as Record<string, unknown>, patch);
    const candidate = toObject(info, patched, r.namespace);
    if (candidate.metadata.name !== r.name) throw badRequest('metadata.name cannot be changed by a patch');
    // A resourceVersion the patch sets is a precondition, as with PUT; re-checked on every retry.
    const rv = candidate.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(gr(info), r.name as string, MODIFIED_CONFLICT);
    warnings.splice(0, warnings.length, ...handleUnknownFields(info, candidate, fieldValidation));
    return decideUpdate(info, candidate, current);
  };
  const result = await finishUpdate(ctx, r, decide, { dryRun, warnings: [] });
  return { ...result, warnings };
}
