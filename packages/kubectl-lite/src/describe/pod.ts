/** `describe pod`. */
import type { Pod } from '@tinykube/api';
import { containers, tolerations } from './template';
import { controllerOf, describeTime, DescribeWriter } from './writer';
import type { DescribeInput } from './types';

export function describePod({ obj, events, now }: DescribeInput): string {
  const pod = obj as Pod;
  const spec = pod.spec;
  const status = pod.status;
  const w = new DescribeWriter().meta(pod.metadata, { namespace: true });
  w.line(0, 'Priority:', String(spec?.priority ?? 0));
  w.line(0, 'Service Account:', spec?.serviceAccountName ?? 'default');
  w.line(0, 'Node:', spec?.nodeName ? `${spec.nodeName}/${status?.hostIP ?? ''}` : '<none>');
  if (status?.startTime) w.line(0, 'Start Time:', describeTime(status.startTime));
  w.labels(0, 'Labels', pod.metadata.labels);
  w.annotations(0, pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp) {
    w.line(0, 'Status:', `Terminating (lasts ${Math.max(0, Math.round((now.getTime() - Date.parse(pod.metadata.deletionTimestamp)) / 1000))}s)`);
    w.line(0, 'Termination Grace Period:', `${pod.metadata.deletionGracePeriodSeconds ?? 0}s`);
  } else w.line(0, 'Status:', status?.phase ?? 'Pending');
  if (status?.reason) w.line(0, 'Reason:', status.reason);
  if (status?.message) w.line(0, 'Message:', status.message);
  w.line(0, 'IP:', status?.podIP ?? '');
  const ips = status?.podIPs ?? [];
  if (ips.length === 0) w.line(0, 'IPs:', '<none>');
  else {
    w.line(0, 'IPs:');
    for (const ip of ips) w.line(1, 'IP:', ip.ip);
  }
  const controller = controllerOf(pod);
  if (controller) w.line(0, 'Controlled By:', controller);
  containers(w, 0, 'Init Containers', spec?.initContainers, status?.initContainerStatuses ?? []);
  containers(w, 0, 'Containers', spec?.containers, status?.containerStatuses ?? []);
  const conditions = status?.conditions ?? [];
  if (conditions.length > 0) {
    w.line(0, 'Conditions:');
    w.table(1, ['Type', 'Status'], conditions.map((c) => [c.type, c.status]));
  }
  const volumes = spec?.volumes ?? [];
  w.line(0, 'Volumes:', volumes.length === 0 ? '<none>' : volumes.map((v) => v.name).join(', '));
  w.line(0, 'QoS Class:', status?.qosClass ?? 'BestEffort');
  w.map(0, 'Node-Selectors', Object.entries(spec?.nodeSelector ?? {}));
  tolerations(w, 0, spec?.tolerations);
  w.events(events, now);
  return w.text();
}
