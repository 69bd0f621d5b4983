/**
 * DELETE: preconditions, propagation finalizers, graceful deletion. An object is only marked
 * (deletionTimestamp) while finalizers or a grace period hold it; otherwise it goes from storage at once.
 * The answer is 200 when the object is gone and 202 while it is still being deleted, as in Kubernetes.
 */
import { deepEqual, metaTime, type DeleteOptions, type KubeObject, type ResourceInfo } from '@tinykube/api';
import { badRequest, conflict, forbidden, isApiError } from '../errors';
import { decodeObject as decodeBody, type BodyFormat } from '../request/body';
import type { ResourceRequest } from '../request/path';
import { optionalBoolParam, parseDryRun, type ListQuery } from '../request/query';
import { gr, type UpdateDecision } from '../rest/store';
import { strategyFor } from '../rest/strategy';
import { UNDELETABLE_NAMESPACES } from './admission';
import type { ApiContext, HandlerResult } from './context';
import { handleList } from './read';
import { releaseServiceIp } from './service-ips';
import { readyToRemove } from './update';

const POLICIES = ['Orphan', 'Background', 'Foreground'] as const;

/** DeleteOptions from the body (if any) and the query, the query winning as in Kubernetes. */
export function parseDeleteOptions(raw: Buffer, format: BodyFormat, q: URLSearchParams): DeleteOptions {
  const opts: DeleteOptions = raw.length > 0 && raw.toString('utf8').trim() !== '' ? (decodeBody(raw, format) as DeleteOptions) : {};
  const grace = q.get('gracePeriodSeconds');
  if (grace !== null) {
    if (!/^-?\d+$/.test(grace)) throw badRequest(`invalid gracePeriodSeconds "${grace}"`);
    opts.gracePeriodSeconds = Number(grace);
  }
  const policy = q.get('propagationPolicy');
  if (policy !== null) opts.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  const orphan = optionalBoolParam(q, 'orphanDependents');
  if (orphan !== undefined) opts.orphanDependents = orphan;
  if (opts.gracePeriodSeconds !== undefined && (!Number.isInteger(opts.gracePeriodSeconds) || opts.gracePeriodSeconds < 0)) {
    throw badRequest('gracePeriodSeconds must be a non-negative integer');
  }
  if (opts.propagationPolicy !== undefined && !POLICIES.includes(opts.propagationPolicy)) {
    throw badRequest(`propagationPolicy must be one of Orphan, Background, Foreground, got "${String(opts.propagationPolicy)}"`);
  }
  if (opts.propagationPolicy !== undefined && opts.orphanDependents !== undefined) {
    throw badRequest('orphanDependents and propagationPolicy cannot both be set');
  }
  return opts;
}

function checkPreconditions(info: ResourceInfo, obj: KubeObject, opts: DeleteOptions): void {
  const pre = opts.preconditions;
  const name = obj.metadata.name as string;
  if (pre?.uid && pre.uid !== obj.metadata.uid) {
    throw conflict(gr(info), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw conflict(
      gr(info),
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`,
    );
  }
}

function propagationFinalizer(opts: DeleteOptions): string | undefined {
  if (opts.propagationPolicy === 'Orphan' || opts.orphanDependents === true) return 'orphan';
  if (opts.propagationPolicy === 'Foreground') return 'foregroundDeletion';
  return undefined;
}

export function decideDelete(info: ResourceInfo, current: KubeObject, opts: DeleteOptions, now: Date): UpdateDecision {
  checkPreconditions(info, current, opts);
  const next = structuredClone(current);
  const meta = next.metadata;
  const finalizer = propagationFinalizer(opts);
  if (finalizer && !(meta.finalizers ?? []).includes(finalizer)) meta.finalizers = [...(meta.finalizers ?? []), finalizer];

  const grace = strategyFor(info.kind).deleteGracePeriod?.(current, opts.gracePeriodSeconds) ?? 0;
  if (meta.deletionTimestamp) {
    // Already being deleted: a shorter grace period may cut the wait, nothing else changes.
    const running = meta.deletionGracePeriodSeconds ?? 0;
    if (grace < running) {
      meta.deletionGracePeriodSeconds = grace;
      meta.deletionTimestamp = metaTime(now.getTime() + grace * 1000);
    }
  } else {
    meta.deletionTimestamp = metaTime(now.getTime() + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
    if (info.kind === 'Namespace') next.status = { ...(next.status as object | undefined), phase: 'Terminating' };
  }
  if (readyToRemove(next)) return { action: 'delete' };
  if (deepEqual(next, current)) return { action: 'unchanged' };
  return { action: 'write', object: next };
}

export async function handleDelete(ctx: ApiContext, r: ResourceRequest, opts: DeleteOptions, query: URLSearchParams): Promise<HandlerResult> {
  const { info } = r;
  const name = r.name as string;
  if (info.kind === 'Namespace' && UNDELETABLE_NAMESPACES.has(name)) {
    throw forbidden(gr(info), name, 'this namespace may not be deleted');
  }
  const dryRun = parseDryRun(query);
  if (dryRun) {
    const current = await ctx.store.get(info, r.namespace, name);
    decideDelete(info, current, opts, ctx.now());
    return { status: 200, body: current };
  }
  const res = await ctx.store.guaranteedUpdate(info, r.namespace, name, (cur) => decideDelete(info, cur, opts, ctx.now()));
  if (info.kind === 'Namespace') {
    // Admission reads namespaces from the watch cache; answering only once the cache holds the
    // Terminating state means no create that follows this response can slip into the namespace.
    await ctx.hub.waitForRevision(Number(res.object.metadata.resourceVersion));
  }
  if (res.outcome === 'deleted') {
    if (info.kind === 'Service') await releaseServiceIp(ctx, res.object);
    return { status: 200, body: res.object };
  }
  return { status: 202, body: res.object };
}

/** DELETE on a collection: every object the selectors match, one by one. */
export async function handleDeleteCollection(
  ctx: ApiContext,
  r: ResourceRequest,
  opts: DeleteOptions,
  q: ListQuery,
  query: URLSearchParams,
): Promise<HandlerResult> {
  const list = await handleList(ctx, r, { ...q, limit: undefined, continueToken: undefined });
  const items: KubeObject[] = [];
  for (const obj of list.items) {
    const one: ResourceRequest = { info: r.info, namespace: obj.metadata.namespace, name: obj.metadata.name };
    try {
      items.push((await handleDelete(ctx, one, opts, query)).body as KubeObject);
    } catch (e) {
      // Gone in the meantime is what we wanted anyway.
      if (!isApiError(e) || e.code !== 404) throw e;
    }
  }
  return { status: 200, body: { ...list, items } };
}
