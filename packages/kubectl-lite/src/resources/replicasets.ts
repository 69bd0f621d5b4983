/** A Deployment's ReplicaSets and revisions, as `rollout history|undo` and `describe` read them. */
import type { Deployment, LabelSelector, PodTemplateSpec, ReplicaSet } from '@tinykube/api';
import type { CliContext } from '../context';
import { compactJson } from '../print/objects';
import { listObjects } from './fetch';
import { resolveOne } from './resolve';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

export async function replicaSetsOf(ctx: CliContext, dep: Deployment): Promise<ReplicaSet[]> {
  const list = await listObjects<ReplicaSet>(ctx, resolveOne('replicasets'), { namespace: dep.metadata.namespace });
  return list.items.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === dep.metadata.uid && r.controller));
}

export function revisionOf(rs: ReplicaSet): number {
  const n = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isInteger(n) ? n : 0;
}

/** The template without the pod-template-hash label the controller adds to each ReplicaSet's copy. */
export function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[HASH_LABEL];
  }
  return copy;
}

export function sameTemplate(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return compactJson(withoutHash(a)) === compactJson(withoutHash(b));
}

/** The ReplicaSet running the Deployment's current template, newest revision first. */
export function newReplicaSet(dep: Deployment, sets: ReplicaSet[]): ReplicaSet | undefined {
  return [...sets].sort((a, b) => revisionOf(b) - revisionOf(a)).find((rs) => sameTemplate(rs.spec?.template, dep.spec?.template));
}

export function selectorText(sel: LabelSelector | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
  return parts.join(',');
}
