/**
 * `apply -f`: client-side apply as kubectl does it. The manifest is recorded in the
 * kubectl.kubernetes.io/last-applied-configuration annotation (sorted-key JSON, as Go writes it), and
 * a later apply sends the three-way strategic merge patch between that record, the new manifest and
 * the live object, so kubectl and kubectl-lite can take turns applying the same objects.
 */
import type { Command } from 'commander';
import { createThreeWayStrategicPatch, type KubeObject } from '@tinykube/api';
import { isConflict, isNotFound, StatusError } from '@tinykube/client';
import type { CliContext } from '../context';
import { errorLine, ReportedError, serverErrorLine } from '../errors';
import { readManifests } from '../io/manifests';
import { compactJson } from '../print/objects';
import { targetOf, type ManifestTarget } from '../resources/manifest-target';
import { objectRef } from '../resources/resolve';
import { collect, type RegisterCommand } from './types';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_CONFLICT_RETRIES = 5;

/** The annotation value for a manifest: the object without the annotation itself, plus a newline. */
export function lastAppliedFor(obj: KubeObject): string {
  const copy = structuredClone(obj);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  return `${compactJson(copy)}\n`;
}

export function withLastApplied(obj: KubeObject): KubeObject {
  const annotated = structuredClone(obj);
  annotated.metadata.annotations = { ...(annotated.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedFor(obj) };
  return annotated;
}

type Outcome = 'created' | 'configured' | 'unchanged';

async function applyOne(ctx: CliContext, t: ManifestTarget): Promise<Outcome> {
  const modified = withLastApplied(t.object);
  for (let attempt = 0; ; attempt++) {
    let current: KubeObject;
    try {
      current = await t.rc.get(t.name, { signal: ctx.signal });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      try {
        await t.rc.create(modified, { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict', signal: ctx.signal });
      } catch (err) {
        if (err instanceof StatusError) throw new ReportedError(serverErrorLine(err, `error when creating "${t.source}"`));
        throw err;
      }
      return 'created';
    }
    const recorded = current.metadata.annotations?.[LAST_APPLIED];
    const original = recorded ? (JSON.parse(recorded) as Record<string, unknown>) : undefined;
    const patch = createThreeWayStrategicPatch(t.info.kind, original, modified as Record<string, unknown>, current as Record<string, unknown>);
    if (Object.keys(patch).length === 0) return 'unchanged';
    try {
      await t.rc.patch(t.name, patch, 'strategic', { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict', signal: ctx.signal });
      return 'configured';
    } catch (err) {
      if (isConflict(err) && attempt < MAX_CONFLICT_RETRIES) continue;
      if (err instanceof StatusError) throw new ReportedError(serverErrorLine(err, `error when applying patch to "${t.source}"`));
      throw err;
    }
  }
}

/** Runs `fn` for every manifest, reporting failures one line each and carrying on, as kubectl does. */
export async function forEachManifest(
  ctx: CliContext,
  files: string[],
  opts: { recursive: boolean; needName: boolean },
  fn: (t: ManifestTarget) => Promise<string | undefined>,
): Promise<void> {
  const manifests = await readManifests(files, { recursive: opts.recursive, cwd: ctx.cwd, stdin: ctx.stdin });
  for (const m of manifests) {
    try {
      const line = await fn(targetOf(ctx, m, { needName: opts.needName }));
      if (line) ctx.out(line);
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      ctx.report(errorLine(e));
    }
  }
}

export const registerApply: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('apply')
    .description('Apply a configuration to a resource by file name or stdin')
    .option('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .option('-R, --recursive', 'process the directory used in -f recursively')
    .action(async (flags: { filename: string[]; recursive?: boolean }) => {
      await forEachManifest(ctx, flags.filename, { recursive: Boolean(flags.recursive), needName: true }, async (t) => `${objectRef(t.info, t.name)} ${await applyOne(ctx, t)}`);
    });
};
