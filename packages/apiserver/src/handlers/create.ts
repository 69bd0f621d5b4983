/** POST on a collection: the create path from request body to stored object. */
import type { KubeObject } from '@tinykube/api';
import { ApiError } from '../errors';
import type { ResourceRequest } from '../request/path';
import { parseDryRun, parseFieldValidation } from '../request/query';
import { generateName, prepareCreateMetadata } from '../rest/metadata';
import { strategyFor } from '../rest/strategy';
import { addDefaultTolerations, admitIntoNamespace } from './admission';
import type { ApiContext, HandlerResult } from './context';
import { defaultAndValidateCreate, handleUnknownFields, toObject } from './incoming';
import { allocateServiceIp, releaseServiceIp } from './service-ips';

const GENERATE_NAME_ATTEMPTS = 3;

export async function handleCreate(
  ctx: ApiContext,
  r: ResourceRequest,
  body: Record<string, unknown>,
  query: URLSearchParams,
): Promise<HandlerResult> {
  const { info } = r;
  const fieldValidation = parseFieldValidation(query);
  const dryRun = parseDryRun(query);
  const obj = toObject(info, body, r.namespace);
  const warnings = handleUnknownFields(info, obj, fieldValidation);
  const strategy = strategyFor(info.kind);

  const nameGenerated = !obj.metadata.name && !!obj.metadata.generateName;
  strategy.prepareForCreate?.(obj);
  prepareCreateMetadata(obj, ctx.now(), strategy.tracksGeneration);
  defaultAndValidateCreate(info, obj);
  const name = obj.metadata.name as string;
  if (info.namespaced) await admitIntoNamespace(ctx, info, obj.metadata.namespace as string, name);
  if (info.kind === 'Pod') addDefaultTolerations(obj, ctx.admission);
  if (dryRun) return { status: 201, body: obj, warnings };

  let claimedIp: string | undefined;
  if (info.kind === 'Service') claimedIp = await allocateServiceIp(ctx, obj);
  try {
    const created = await createWithGeneratedNameRetry(ctx, r, obj, nameGenerated);
    return { status: 201, body: created, warnings };
  } catch (e) {
    if (claimedIp) await releaseServiceIp(ctx, obj);
    throw e;
  }
}

/** A generated name can collide; like Kubernetes, try a fresh suffix a few times before giving up. */
async function createWithGeneratedNameRetry(ctx: ApiContext, r: ResourceRequest, obj: KubeObject, generated: boolean): Promise<KubeObject> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.store.create(r.info, obj);
    } catch (e) {
      const collided = e instanceof ApiError && e.reason === 'AlreadyExists';
      if (!collided || !generated || attempt >= GENERATE_NAME_ATTEMPTS) throw e;
      obj.metadata.name = generateName(obj.metadata.generateName as string);
    }
  }
}
