/**
 * Waiting on the server without polling: a watch narrowed to one object by
 * fieldSelector=metadata.name=NAME, re-opened from the last resourceVersion if the server ends it.
 */
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import { isGone, isNotFound } from '@tinykube/client';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { watchObjects } from './fetch';

/** A signal that fires on Ctrl-C or after `timeoutMs` (0 or undefined: no time limit). */
export function deadlineSignal(ctx: CliContext, timeoutMs: number | undefined): AbortSignal {
  return timeoutMs ? AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]) : ctx.signal;
}

/**
 * Watches one object until `done(obj)` is true (or it is deleted, when `done` accepts undefined).
 * Resolves with the object that satisfied it; throws CliError on timeout.
 */
export async function watchOne<T extends KubeObject>(
  ctx: CliContext,
  info: ResourceInfo,
  namespace: string | undefined,
  name: string,
  done: (obj: T | undefined) => boolean,
  opts: { timeoutMs?: number; timeoutMessage: string },
): Promise<T | undefined> {
  const signal = deadlineSignal(ctx, opts.timeoutMs);
  const rc = ctx.client().resource<T>(info, info.namespaced ? namespace : undefined);
  const sel = { namespace, fieldSelector: `metadata.name=${name}` };
  while (!signal.aborted) {
    let current: T | undefined;
    try {
      current = await rc.get(name, { signal });
    } catch (e) {
      if (signal.aborted) break;
      if (!isNotFound(e)) throw e;
    }
    if (done(current)) return current;
    if (!current) return undefined;
    try {
      for await (const ev of watchObjects<T>(ctx, info, sel, current.metadata.resourceVersion, signal)) {
        const obj = ev.type === 'DELETED' ? undefined : ev.object;
        if (done(obj)) return obj;
      }
    } catch (e) {
      // A watch window that moved on (410) is recovered by reading the object again.
      if (!isGone(e)) throw e;
    }
  }
  if (ctx.signal.aborted) throw new CliError('interrupted');
  throw new CliError(opts.timeoutMessage);
}

/** Resolves when the object with this uid is gone (deleted, or replaced by a new one of the same name). */
export async function waitForDeletion(ctx: CliContext, info: ResourceInfo, namespace: string | undefined, name: string, uid: string | undefined, timeoutMs?: number): Promise<void> {
  await watchOne<KubeObject>(ctx, info, namespace, name, (obj) => !obj || (uid !== undefined && obj.metadata.uid !== uid), {
    timeoutMs,
    timeoutMessage: `timed out waiting for the condition on ${info.group ? `${info.resource}.${info.group}` : info.resource}/${name}`,
  });
}

/** Go-style durations as kubectl flags take them (30s, 5m, 1h, 500ms, 0); a bare number is seconds. */
export function parseDuration(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) throw new CliError(`invalid argument "${value}" for "${flag}" flag: time: invalid duration "${value}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2] as keyof typeof unit], 0);
}
