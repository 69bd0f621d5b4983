/** `describe node`, `describe service` and `describe namespace`. */
import type { KubeObject, Namespace, Node, Pod, Service } from '@tinykube/api';
import { humanDuration } from '@tinykube/api';
import { isNotFound } from '@tinykube/client';
import { listObjects } from '../resources/fetch';
import { resolveOne } from '../resources/resolve';
import type { DescribeInput } from './types';
import { describeTime, DescribeWriter, orNone } from './writer';

function roles(node: Node): string {
  const r = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return r.length === 0 ? '<none>' : r.sort().join(',');
}

export async function describeNode(input: DescribeInput): Promise<string> {
  const node = input.obj as Node;
  const w = new DescribeWriter().meta(node.metadata, { namespace: false });
  w.line(0, 'Roles:', roles(node));
  w.labels(0, 'Labels', node.metadata.labels);
  w.annotations(0, node.metadata.annotations);
  w.line(0, 'CreationTimestamp:', describeTime(node.metadata.creationTimestamp));
  const taints = (node.spec?.taints ?? []).map((t): [string, string] => [`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`, '']);
  w.map(0, 'Taints', taints, '');
  w.line(0, 'Unschedulable:', node.spec?.unschedulable ? 'true' : 'false');
  const conditions = node.status?.conditions ?? [];
  w.line(0, 'Conditions:');
  w.table(
    1,
    ['Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message'],
    conditions.map((c) => [c.type, c.status, describeTime(c.lastHeartbeatTime), describeTime(c.lastTransitionTime), c.reason ?? '', c.message ?? '']),
  );
  w.line(0, 'Addresses:');
  for (const a of node.status?.addresses ?? []) w.line(1, `${a.type}:`, a.address);
  for (const [title, res] of [['Capacity', node.status?.capacity], ['Allocatable', node.status?.allocatable]] as const) {
    w.line(0, `${title}:`);
    for (const [k, v] of Object.entries(res ?? {})) w.line(1, `${k}:`, String(v));
  }
  const info = node.status?.nodeInfo;
  if (info) {
    w.line(0, 'System Info:');
    w.line(1, 'Kernel Version:', info.kernelVersion);
    w.line(1, 'OS Image:', info.osImage);
    w.line(1, 'Container Runtime Version:', info.containerRuntimeVersion);
    w.line(1, 'Kubelet Version:', info.kubeletVersion);
  }
  if (node.spec?.podCIDR) w.line(0, 'PodCIDR:', node.spec.podCIDR);
  const pods = await listObjects<Pod>(input.ctx, resolveOne('pods'), { fieldSelector: `spec.nodeName=${node.metadata.name}` });
  const running = pods.items.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  w.line(0, 'Non-terminated Pods:', `(${running.length} in total)`);
  w.table(
    1,
    ['Namespace', 'Name', 'Age'],
    running.map((p) => [p.metadata.namespace ?? '', p.metadata.name ?? '', humanDuration(input.now.getTime() - Date.parse(p.metadata.creationTimestamp ?? ''))]),
  );
  w.events(input.events, input.now);
  return w.text();
}

export async function describeService(input: DescribeInput): Promise<string> {
  const svc = input.obj as Service;
  const spec = svc.spec;
  const w = new DescribeWriter().meta(svc.metadata, { namespace: true });
  w.labels(0, 'Labels', svc.metadata.labels);
  w.annotations(0, svc.metadata.annotations);
  w.line(0, 'Selector:', orNone(Object.entries(spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',')));
  w.line(0, 'Type:', spec?.type ?? 'ClusterIP');
  if (spec?.ipFamilyPolicy) w.line(0, 'IP Family Policy:', spec.ipFamilyPolicy);
  if (spec?.ipFamilies) w.line(0, 'IP Families:', spec.ipFamilies.join(','));
  w.line(0, 'IP:', orNone(spec?.clusterIP));
  if (spec?.clusterIPs) w.line(0, 'IPs:', spec.clusterIPs.join(','));
  let endpoints: KubeObject | undefined;
  try {
    endpoints = await input.ctx.client().resource('endpoints', svc.metadata.namespace).get(svc.metadata.name ?? '');
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const subsets = (endpoints?.subsets ?? []) as Array<{ addresses?: Array<{ ip: string }>; ports?: Array<{ port: number; name?: string }> }>;
  for (const p of spec?.ports ?? []) {
    w.line(0, 'Port:', `${p.name || '<unset>'}  ${p.port}/${p.protocol ?? 'TCP'}`);
    w.line(0, 'TargetPort:', `${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort) w.line(0, 'NodePort:', `${p.name || '<unset>'}  ${p.nodePort}/${p.protocol ?? 'TCP'}`);
    const addrs = subsets.flatMap((s) => (s.ports ?? []).filter((sp) => (sp.name ?? '') === (p.name ?? '')).flatMap((sp) => (s.addresses ?? []).map((a) => `${a.ip}:${sp.port}`)));
    w.line(0, 'Endpoints:', orNone(addrs.join(',')));
  }
  w.line(0, 'Session Affinity:', spec?.sessionAffinity ?? 'None');
  if (spec?.externalTrafficPolicy) w.line(0, 'External Traffic Policy:', spec.externalTrafficPolicy);
  if (spec?.internalTrafficPolicy) w.line(0, 'Internal Traffic Policy:', spec.internalTrafficPolicy);
  w.events(input.events, input.now);
  return w.text();
}

export function describeNamespace(input: DescribeInput): string {
  const ns = input.obj as Namespace;
  const w = new DescribeWriter().meta(ns.metadata, { namespace: false });
  w.labels(0, 'Labels', ns.metadata.labels);
  w.annotations(0, ns.metadata.annotations);
  w.line(0, 'Status:', ns.status?.phase ?? 'Active');
  return w.text();
}
