/** `rollout history` and `rollout undo`: revisions are the Deployment's ReplicaSets. */
import type { Deployment, ReplicaSet } from '@tinykube/api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { DescribeWriter } from '../describe/writer';
import { podTemplate } from '../describe/template';
import { alignCells } from '../print/tabwriter';
import { CHANGE_CAUSE_ANNOTATION, REVISION_ANNOTATION, replicaSetsOf, revisionOf, sameTemplate, withoutHash } from '../resources/replicasets';
import { objectRef, resolveOne } from '../resources/resolve';

const deployments = () => resolveOne('deployments');

async function history(ctx: CliContext, name: string): Promise<{ dep: Deployment; byRevision: Map<number, ReplicaSet> }> {
  const dep = await ctx.client().resource<Deployment>(deployments(), ctx.namespace()).get(name, { signal: ctx.signal });
  const byRevision = new Map<number, ReplicaSet>();
  for (const rs of await replicaSetsOf(ctx, dep)) byRevision.set(revisionOf(rs), rs);
  return { dep, byRevision };
}

export async function rolloutHistory(ctx: CliContext, name: string, revision: number | undefined): Promise<void> {
  const { byRevision } = await history(ctx, name);
  const ref = objectRef(deployments(), name);
  if (revision !== undefined && revision > 0) {
    const rs = byRevision.get(revision);
    if (!rs) throw new CliError(`unable to find the specified revision`);
    const w = new DescribeWriter();
    podTemplate(w, 0, withoutHash(rs.spec?.template));
    ctx.out(`${ref} with revision #${revision}`);
    ctx.io.stdout.write(`${w.text()}\n`);
    return;
  }
  const revisions = [...byRevision.keys()].filter((r) => r > 0).sort((a, b) => a - b);
  const rows = revisions.map((r) => [String(r), byRevision.get(r)?.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '<none>']);
  // kubectl's header line ends with a space: the object name, then an empty "message".
  ctx.out(`${ref} `);
  ctx.io.stdout.write(alignCells([['REVISION', 'CHANGE-CAUSE'], ...rows], { padding: 2 }).text);
  ctx.out('');
}

/** Annotations a rollback copies from the ReplicaSet to the Deployment are all but these. */
const NOT_COPIED = new Set([REVISION_ANNOTATION, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'kubectl.kubernetes.io/last-applied-configuration']);

export async function rolloutUndo(ctx: CliContext, name: string, toRevision: number): Promise<void> {
  const { dep, byRevision } = await history(ctx, name);
  const ref = objectRef(deployments(), name);
  if (dep.spec?.paused) throw new CliError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume ${ref}' and try again`);
  const revisions = [...byRevision.keys()].sort((a, b) => b - a);
  if (revisions.length === 0) throw new CliError(`no rollout history found for deployment "${name}"`);
  let target: ReplicaSet | undefined;
  if (toRevision > 0) {
    target = byRevision.get(toRevision);
    if (!target) throw new CliError(`unable to find specified revision ${toRevision} in history`);
  } else {
    if (revisions.length < 2) throw new CliError(`no revision found for deployment "${name}"`);
    target = byRevision.get(revisions[1]);
  }
  if (!target) throw new CliError(`no revision found for deployment "${name}"`);
  if (sameTemplate(target.spec?.template, dep.spec?.template)) {
    ctx.out(`${ref} skipped rollback (current template already matches revision ${revisionOf(target)})`);
    return;
  }
  const annotations = { ...(dep.metadata.annotations ?? {}) };
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!NOT_COPIED.has(k)) annotations[k] = v;
  // The precondition is the generation, not the resourceVersion: the controller writes the status
  // and the revision annotation all through a rollout, and neither makes this rollback stale; a
  // template change by someone else does, and that moves the generation.
  const precondition = dep.metadata.generation === undefined ? [] : [{ op: 'test', path: '/metadata/generation', value: dep.metadata.generation }];
  const patch = [
    ...precondition,
    { op: 'replace', path: '/spec/template', value: withoutHash(target.spec?.template) },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  await ctx.client().resource(deployments(), ctx.namespace()).patch(name, patch, 'json');
  ctx.out(`${ref} rolled back`);
}
