/** Reads for printing: Tables from the server (so columns are kubectl's), objects, and watches of both. */
import type { KubeList, KubeObject, ResourceInfo } from '@tinykube/api';
import { errorFromStatus, LineSplitter, parseWatchEvent, resourcePath, withQuery, type WatchEventOf } from '@tinykube/client';
import type { CliContext } from '../context';
import { TABLE_ACCEPT, type ServerTable } from '../print/table';

export interface Selection {
  /** undefined: all namespaces (or a cluster-scoped kind). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

function scopedNamespace(info: ResourceInfo, namespace?: string): string | undefined {
  return info.namespaced ? namespace : undefined;
}

export function getTable(ctx: CliContext, info: ResourceInfo, name: string, namespace?: string): Promise<ServerTable> {
  const path = resourcePath(info, scopedNamespace(info, namespace), name);
  return ctx.client().request<ServerTable>({ method: 'GET', path, accept: TABLE_ACCEPT, signal: ctx.signal });
}

export function listTable(ctx: CliContext, info: ResourceInfo, sel: Selection): Promise<ServerTable> {
  const path = withQuery(resourcePath(info, scopedNamespace(info, sel.namespace)), { labelSelector: sel.labelSelector, fieldSelector: sel.fieldSelector });
  return ctx.client().request<ServerTable>({ method: 'GET', path, accept: TABLE_ACCEPT, signal: ctx.signal });
}

/** Items of a list carry no apiVersion/kind on the wire; printed objects should. */
export function withTypeMeta<T extends KubeObject>(info: ResourceInfo, obj: T): T {
  return { apiVersion: info.apiVersion, kind: info.kind, ...obj };
}

export async function listObjects<T extends KubeObject = KubeObject>(ctx: CliContext, info: ResourceInfo, sel: Selection): Promise<KubeList<T>> {
  const list = await ctx.client().resource<T>(info, scopedNamespace(info, sel.namespace)).listAll({ labelSelector: sel.labelSelector, fieldSelector: sel.fieldSelector, signal: ctx.signal });
  return { ...list, items: list.items.map((o) => withTypeMeta(info, o)) };
}

/**
 * A watch whose events carry Tables (one row each), as `kubectl get -w` asks for. Ends when the server
 * ends it or the command's signal aborts.
 */
export async function* watchTables(ctx: CliContext, info: ResourceInfo, sel: Selection, resourceVersion: string | undefined): AsyncGenerator<{ type: string; table: ServerTable }> {
  const path = withQuery(resourcePath(info, scopedNamespace(info, sel.namespace)), {
    watch: 'true',
    labelSelector: sel.labelSelector,
    fieldSelector: sel.fieldSelector,
    resourceVersion,
  });
  let res;
  try {
    res = await ctx.client().stream(path, { accept: TABLE_ACCEPT, signal: ctx.signal });
  } catch (e) {
    if (ctx.signal.aborted) return;
    throw e;
  }
  const splitter = new LineSplitter();
  try {
    for await (const chunk of res) {
      for (const line of splitter.push(chunk as Buffer)) {
        const ev = parseWatchEvent<KubeObject>(line) as WatchEventOf<KubeObject>;
        if (ev.type === 'ERROR') throw errorFromStatus(ev.object);
        if (ev.type === 'BOOKMARK') continue;
        yield { type: ev.type, table: ev.object as unknown as ServerTable };
      }
    }
  } catch (e) {
    if (ctx.signal.aborted) return;
    throw e;
  } finally {
    res.destroy();
  }
}

/** A watch of whole objects; ends on the server's end or the command's signal. */
export async function* watchObjects<T extends KubeObject = KubeObject>(
  ctx: CliContext,
  info: ResourceInfo,
  sel: Selection,
  resourceVersion: string | undefined,
  signal: AbortSignal = ctx.signal,
): AsyncGenerator<{ type: string; object: T }> {
  const rc = ctx.client().resource<T>(info, scopedNamespace(info, sel.namespace));
  let w;
  try {
    w = await rc.watch({ labelSelector: sel.labelSelector, fieldSelector: sel.fieldSelector, resourceVersion, signal });
  } catch (e) {
    if (signal.aborted) return;
    throw e;
  }
  try {
    for await (const ev of w) {
      if (ev.type === 'ERROR') throw errorFromStatus(ev.object);
      if (ev.type === 'BOOKMARK') continue;
      yield { type: ev.type, object: ev.object as T };
    }
  } catch (e) {
    if (signal.aborted) return;
    throw e;
  } finally {
    w.stop();
  }
}
