/** GET of one object and of collections (lists); watches are served by watch/serve.ts. */
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import { badRequest, gone, timeout } from '../errors';
import type { ResourceRequest } from '../request/path';
import { parseResourceVersion, type ListQuery } from '../request/query';
import { objectKey } from '../rest/codec';
import { isCompacted } from '../storage/types';
import { filterFromQuery, matchesFilter } from '../watch/filter';
import type { ApiContext, HandlerResult } from './context';

export async function handleGet(ctx: ApiContext, r: ResourceRequest): Promise<HandlerResult> {
  return { status: 200, body: await ctx.store.get(r.info, r.namespace, r.name as string) };
}

export interface ListBody {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string };
  items: KubeObject[];
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

function encodeContinue(rv: number, lastKey: string): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: lastKey };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  let parsed: Partial<ContinueToken> | undefined;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueToken>;
  } catch {
    parsed = undefined;
  }
  if (parsed?.v !== 'meta.k8s.io/v1' || !Number.isInteger(parsed.rv) || typeof parsed.start !== 'string') {
    throw badRequest('continue key is not valid: the token cannot be decoded');
  }
  return parsed as ContinueToken;
}

const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

export async function handleList(ctx: ApiContext, r: ResourceRequest, q: ListQuery): Promise<ListBody> {
  const { info } = r;
  const filter = filterFromQuery(r.namespace, q.labelSelector, q.fieldSelector);
  const wrap = (items: KubeObject[], rv: number, cont?: string): ListBody => ({
    apiVersion: info.apiVersion,
    kind: info.listKind,
    metadata: cont ? { resourceVersion: String(rv), continue: cont } : { resourceVersion: String(rv) },
    items,
  });

  // resourceVersion=0 means "any version is fine": serve from the watch cache without touching storage.
  if (q.resourceVersion === '0' && !q.continueToken && !q.limit) {
    const items = ctx.hub.cache(info).snapshot(filter);
    items.sort((a, b) => (objectKey(info, a.metadata.namespace, a.metadata.name as string) < objectKey(info, b.metadata.namespace, b.metadata.name as string) ? -1 : 1));
    return wrap(items, ctx.hub.currentRevision);
  }

  let revision: number | undefined;
  let startAfter: string | undefined;
  if (q.continueToken) {
    const token = decodeContinue(q.continueToken);
    revision = token.rv;
    startAfter = token.start;
  } else if (q.resourceVersionMatch === 'Exact') {
    revision = parseResourceVersion(q.resourceVersion);
    if (revision !== undefined && revision > (await ctx.store.storage.currentRevision())) {
      throw timeout(`Too large resource version: ${revision}, current: ${await ctx.store.storage.currentRevision()}`);
    }
  }

  try {
    return await readFiltered(ctx, info, r.namespace, filter, { revision, startAfter, limit: q.limit }, wrap);
  } catch (e) {
    if (isCompacted(e)) {
      throw gone(q.continueToken ? CONTINUE_EXPIRED : `The resourceVersion for the provided list is too old.`);
    }
    throw e;
  }
}

const PAGE_FLOOR = 500;

/** Reads pages from storage until `limit` matching objects are found; the continue token resumes after the last one returned. */
async function readFiltered(
  ctx: ApiContext,
  info: ResourceInfo,
  namespace: string | undefined,
  filter: ReturnType<typeof filterFromQuery>,
  opts: { revision?: number; startAfter?: string; limit?: number },
  wrap: (items: KubeObject[], rv: number, cont?: string) => ListBody,
): Promise<ListBody> {
  const items: KubeObject[] = [];
  let revision = opts.revision;
  let startAfter = opts.startAfter;
  for (;;) {
    const page = await ctx.store.list(info, namespace, {
      revision,
      startAfter,
      limit: opts.limit ? Math.max(opts.limit, PAGE_FLOOR) : undefined,
    });
    revision = page.revision;
    for (const obj of page.items) {
      if (!matchesFilter(info, filter, obj)) continue;
      items.push(obj);
      if (opts.limit && items.length === opts.limit) {
        const lastKey = objectKey(info, obj.metadata.namespace, obj.metadata.name as string);
        const isLastOfAll = !page.more && obj === page.items[page.items.length - 1];
        return wrap(items, revision, isLastOfAll ? undefined : encodeContinue(revision, lastKey));
      }
    }
    if (!page.more || !page.lastKey) return wrap(items, revision);
    startAfter = page.lastKey;
  }
}
