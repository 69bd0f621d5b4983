/** `describe deployment` and `describe replicaset`. */
import { labelSelectorAsSelector, type Deployment, type Pod, type ReplicaSet } from '@tinykube/api';
import { listObjects } from '../resources/fetch';
import { newReplicaSet, replicaSetsOf, selectorText } from '../resources/replicasets';
import { resolveOne } from '../resources/resolve';
import { podTemplate } from './template';
import type { DescribeInput } from './types';
import { controllerOf, describeTime, DescribeWriter, orNone } from './writer';

const rsSummary = (rs: ReplicaSet) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`;

export async function describeDeployment(input: DescribeInput): Promise<string> {
  const dep = input.obj as Deployment;
  const spec = dep.spec;
  const st = dep.status ?? {};
  const w = new DescribeWriter().meta(dep.metadata, { namespace: true });
  w.line(0, 'CreationTimestamp:', describeTime(dep.metadata.creationTimestamp));
  w.labels(0, 'Labels', dep.metadata.labels);
  w.annotations(0, dep.metadata.annotations);
  w.line(0, 'Selector:', selectorText(spec?.selector));
  const unavailable = st.unavailableReplicas ?? 0;
  w.line(0, 'Replicas:', `${spec?.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${unavailable} unavailable`);
  w.line(0, 'StrategyType:', spec?.strategy?.type ?? 'RollingUpdate');
  w.line(0, 'MinReadySeconds:', String(spec?.minReadySeconds ?? 0));
  if ((spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const ru = spec?.strategy?.rollingUpdate;
    w.line(0, 'RollingUpdateStrategy:', `${ru?.maxUnavailable ?? '25%'} max unavailable, ${ru?.maxSurge ?? '25%'} max surge`);
  }
  podTemplate(w, 0, spec?.template);
  const conditions = st.conditions ?? [];
  if (conditions.length > 0) {
    w.line(0, 'Conditions:');
    w.table(1, ['Type', 'Status', 'Reason'], conditions.map((c) => [c.type, c.status, c.reason ?? '']));
  }
  const sets = await replicaSetsOf(input.ctx, dep);
  const newest = newReplicaSet(dep, sets);
  const old = sets.filter((rs) => rs !== newest && (rs.spec?.replicas ?? 0) > 0);
  // Before the controller has made any ReplicaSet, kubectl leaves both lines out.
  if (sets.length > 0) {
    w.line(0, 'OldReplicaSets:', old.length === 0 ? '<none>' : old.map(rsSummary).join(', '));
    w.line(0, 'NewReplicaSet:', newest ? rsSummary(newest) : '<none>');
  }
  w.events(input.events, input.now);
  return w.text();
}

export async function describeReplicaSet(input: DescribeInput): Promise<string> {
  const rs = input.obj as ReplicaSet;
  const w = new DescribeWriter().meta(rs.metadata, { namespace: true });
  w.line(0, 'Selector:', selectorText(rs.spec?.selector));
  w.labels(0, 'Labels', rs.metadata.labels);
  w.annotations(0, rs.metadata.annotations);
  w.line(0, 'Controlled By:', orNone(controllerOf(rs)));
  w.line(0, 'Replicas:', `${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired`);
  const selector = labelSelectorAsSelector(rs.spec?.selector ?? {}).toString();
  const pods = await listObjects<Pod>(input.ctx, resolveOne('pods'), { namespace: rs.metadata.namespace, labelSelector: selector || undefined });
  const owned = pods.items.filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid));
  const phase = (ph: string) => owned.filter((p) => (p.status?.phase ?? 'Pending') === ph).length;
  w.line(0, 'Pods Status:', `${phase('Running')} Running / ${phase('Pending')} Waiting / ${phase('Succeeded')} Succeeded / ${phase('Failed')} Failed`);
  podTemplate(w, 0, rs.spec?.template);
  const conditions = rs.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.line(0, 'Conditions:');
    w.table(1, ['Type', 'Status', 'Reason'], conditions.map((c) => [c.type, c.status, c.reason ?? '']));
  }
  w.events(input.events, input.now);
  return w.text();
}
