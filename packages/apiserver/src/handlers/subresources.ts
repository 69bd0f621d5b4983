/**
 * Subresources: status (only status changes), scale (autoscaling/v1 Scale over spec.replicas),
 * binding (assigning a pod to a node, once), and namespaces/finalize.
 */
import { metaTime, type KubeObject, type ResourceInfo } from '@tinykube/api';
import { badRequest, conflict, invalid } from '../errors';
import { successStatus } from '../http/status-body';
import { normalizeGoJson } from '../request/go-json';
import type { ResourceRequest } from '../request/path';
import { parseDryRun } from '../request/query';
import { sameStoredContent } from '../rest/metadata';
import { gr, type UpdateDecision } from '../rest/store';
import type { ApiContext, HandlerResult } from './context';
import { checkTypeMeta, defaultAndValidateUpdate } from './incoming';
import { applyParsedPatch, type ParsedPatch } from './patch';
import { finishUpdate, readyToRemove } from './update';

function resourceVersionOf(body: Record<string, unknown>): string | undefined {
  const meta = body.metadata as { resourceVersion?: string } | undefined;
  return meta?.resourceVersion || undefined;
}

// ---- status ----

function decideStatus(info: ResourceInfo, body: Record<string, unknown>, current: KubeObject): UpdateDecision {
  const next = structuredClone(current);
  if (body.status === undefined) delete next.status;
  else next.status = structuredClone(body.status);
  // As Kubernetes' status strategies do, a status write may carry annotations (the deployment
  // controller records its revision this way); spec, labels and the rest stay as stored.
  const annotations = (body.metadata as { annotations?: Record<string, string> } | undefined)?.annotations;
  if (annotations !== undefined) next.metadata.annotations = structuredClone(annotations);
  defaultAndValidateUpdate(info, next, current);
  return sameStoredContent(next, current) ? { action: 'unchanged' } : { action: 'write', object: next };
}

export async function handleStatusUpdate(ctx: ApiContext, r: ResourceRequest, raw: Record<string, unknown>, query: URLSearchParams): Promise<HandlerResult> {
  const body = normalizeGoJson(raw, r.info.apiVersion, r.info.kind);
  checkTypeMeta(r.info, body);
  const name = (body.metadata as { name?: string } | undefined)?.name;
  if (name && name !== r.name) throw badRequest(`the name of the object (${name}) does not match the name on the URL (${r.name})`);
  return finishUpdate(ctx, r, (cur) => decideStatus(r.info, body, cur), {
    preconditionRV: resourceVersionOf(body),
    dryRun: parseDryRun(query),
    warnings: [],
  });
}

export async function handleStatusPatch(ctx: ApiContext, r: ResourceRequest, patch: ParsedPatch, query: URLSearchParams): Promise<HandlerResult> {
  const patched = (cur: KubeObject) => normalizeGoJson(applyParsedPatch(r.info.kind, cur as Record<string, unknown>, patch), r.info.apiVersion, r.info.kind);
  return finishUpdate(ctx, r, (cur) => decideStatus(r.info, patched(cur), cur), {
    dryRun: parseDryRun(query),
    warnings: [],
  });
}

// ---- scale ----

const asScale = (body: Record<string, unknown>) => normalizeGoJson(body, 'autoscaling/v1', 'Scale');

interface Scale {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  metadata: KubeObject['metadata'];
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

function selectorString(obj: KubeObject): string | undefined {
  const sel = (obj.spec as { selector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } } | undefined)?.selector;
  if (!sel) return undefined;
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

export function toScale(obj: KubeObject): Scale {
  const spec = (obj.spec ?? {}) as { replicas?: number };
  const status = (obj.status ?? {}) as { replicas?: number };
  const m = obj.metadata;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, selector: selectorString(obj) },
  };
}

function decideScale(info: ResourceInfo, scale: Record<string, unknown>, current: KubeObject): UpdateDecision {
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  const name = current.metadata.name as string;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    const message = `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be a non-negative integer`;
    throw invalid('Scale', 'autoscaling', name, message, [{ reason: 'FieldValueInvalid', field: 'spec.replicas', message: 'must be a non-negative integer' }]);
  }
  const rv = resourceVersionOf(scale);
  if (rv && rv !== current.metadata.resourceVersion) throw conflict(gr(info), name, 'the object has been modified; please apply your changes to the latest version and try again');
  const next = structuredClone(current);
  next.spec = { ...(next.spec as object), replicas };
  if (sameStoredContent(next, current)) return { action: 'unchanged' };
  next.metadata.generation = (current.metadata.generation ?? 1) + 1;
  return { action: 'write', object: next };
}

export async function handleScaleGet(ctx: ApiContext, r: ResourceRequest): Promise<HandlerResult> {
  return { status: 200, body: toScale(await ctx.store.get(r.info, r.namespace, r.name as string)) };
}

export async function handleScaleUpdate(ctx: ApiContext, r: ResourceRequest, raw: Record<string, unknown>, query: URLSearchParams): Promise<HandlerResult> {
  const body = asScale(raw);
  if (body.kind !== undefined && body.kind !== 'Scale') throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (Scale)`);
  const res = await finishUpdate(ctx, r, (cur) => decideScale(r.info, body, cur), { dryRun: parseDryRun(query), warnings: [] });
  return { ...res, body: toScale(res.body as KubeObject) };
}

export async function handleScalePatch(ctx: ApiContext, r: ResourceRequest, patch: ParsedPatch, query: URLSearchParams): Promise<HandlerResult> {
  const res = await finishUpdate(
    ctx,
    r,
    (cur) => decideScale(r.info, asScale(applyParsedPatch('Scale', toScale(cur) as unknown as Record<string, unknown>, patch)), cur),
    { dryRun: parseDryRun(query), warnings: [] },
  );
  return { ...res, body: toScale(res.body as KubeObject) };
}

// ---- binding ----

export async function handleBinding(ctx: ApiContext, r: ResourceRequest, podName: string, raw: Record<string, unknown>): Promise<HandlerResult> {
  const body = normalizeGoJson(raw, 'v1', 'Binding');
  if (body.kind !== undefined && body.kind !== 'Binding') throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (Binding)`);
  const bindingName = (body.metadata as { name?: string } | undefined)?.name;
  if (bindingName && bindingName !== podName) throw badRequest(`the name of the binding (${bindingName}) does not match the pod (${podName})`);
  const target = body.target as { kind?: string; name?: string } | undefined;
  if (!target?.name) {
    throw invalid('Binding', '', podName, `Binding "${podName}" is invalid: target.name: Required value`, [
      { reason: 'FieldValueRequired', field: 'target.name', message: 'Required value' },
    ]);
  }
  if (target.kind && target.kind !== 'Node') {
    throw invalid('Binding', '', podName, `Binding "${podName}" is invalid: target.kind: Unsupported value: "${target.kind}": supported values: "Node"`, [
      { reason: 'FieldValueNotSupported', field: 'target.kind', message: `Unsupported value: "${target.kind}"` },
    ]);
  }
  const bindingGR = { group: '', resource: 'pods/binding' };
  await ctx.store.guaranteedUpdate(r.info, r.namespace, podName, (pod) => {
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    if (pod.metadata.deletionTimestamp) throw conflict(bindingGR, podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
    if (spec.nodeName) throw conflict(bindingGR, podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
    const next = structuredClone(pod);
    (next.spec as { nodeName?: string }).nodeName = target.name;
    // As in Kubernetes, the Binding's annotations are copied onto the pod (schedulers record why here).
    const annotations = (body.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
    if (annotations && typeof annotations === 'object') {
      const strings = Object.fromEntries(Object.entries(annotations).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), ...strings };
    }
    const status = (next.status ?? {}) as { conditions?: Array<Record<string, unknown>> };
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastTransitionTime: metaTime(ctx.now()) });
    next.status = { ...status, conditions };
    return { action: 'write', object: next };
  });
  return { status: 201, body: successStatus(201) };
}

// ---- namespaces/finalize ----

export async function handleFinalize(ctx: ApiContext, r: ResourceRequest, raw: Record<string, unknown>): Promise<HandlerResult> {
  const body = normalizeGoJson(raw, r.info.apiVersion, r.info.kind);
  checkTypeMeta(r.info, body);
  const finalizers = (body.spec as { finalizers?: unknown } | undefined)?.finalizers ?? [];
  if (!Array.isArray(finalizers) || !finalizers.every((f) => typeof f === 'string')) throw badRequest('spec.finalizers must be a list of strings');
  const res = await ctx.store.guaranteedUpdate(r.info, undefined, r.name as string, (cur) => {
    const next = structuredClone(cur);
    next.spec = { ...(next.spec as object), finalizers };
    if (readyToRemove(next)) return { action: 'delete' };
    return sameStoredContent(next, cur) ? { action: 'unchanged' } : { action: 'write', object: next };
  }, { preconditionRV: resourceVersionOf(body) });
  return { status: 200, body: res.object };
}
