/** The "Containers:" and "Pod Template:" sections shared by pod, deployment and replicaset describers. */
import type { Container, ContainerStatus, PodTemplateSpec, Toleration } from '@tinykube/api';
import { describeTime, type DescribeWriter } from './writer';

function portText(c: Container): string {
  const ports = c.ports ?? [];
  return ports.length === 0 ? '<none>' : ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
}

function state(w: DescribeWriter, level: number, title: string, s: ContainerStatus['state']): void {
  if (s?.running) {
    w.line(level, `${title}:`, 'Running');
    w.line(level + 1, 'Started:', describeTime(s.running.startedAt));
  } else if (s?.waiting) {
    w.line(level, `${title}:`, 'Waiting');
    w.line(level + 1, 'Reason:', s.waiting.reason ?? '');
  } else if (s?.terminated) {
    w.line(level, `${title}:`, 'Terminated');
    w.line(level + 1, 'Reason:', s.terminated.reason ?? '');
    w.line(level + 1, 'Exit Code:', String(s.terminated.exitCode));
    w.line(level + 1, 'Started:', describeTime(s.terminated.startedAt));
    w.line(level + 1, 'Finished:', describeTime(s.terminated.finishedAt));
  } else w.line(level, `${title}:`, 'Waiting');
}

/**
 * Containers of a pod (`statuses` given: names one level in, fields two) or of a template (names one
 * space in, fields one level): kubectl's two layouts.
 */
export function containers(w: DescribeWriter, level: number, title: string, list: Container[] | undefined, statuses?: ContainerStatus[]): void {
  if (!list || list.length === 0) return;
  w.line(level, `${title}:`);
  const inPod = statuses !== undefined;
  const f = inPod ? level + 2 : level + 1;
  for (const c of list) {
    const st = statuses?.find((s) => s.name === c.name);
    if (inPod) w.line(level + 1, `${c.name}:`);
    else w.line(level, ` ${c.name}:`);
    if (inPod) w.line(f, 'Container ID:', st?.containerID ?? '');
    w.line(f, 'Image:', c.image ?? '');
    if (inPod) w.line(f, 'Image ID:', st?.imageID ?? '');
    w.line(f, 'Port:', portText(c));
    w.line(f, 'Host Port:', c.ports?.length ? c.ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>');
    if (c.command?.length) {
      w.line(f, 'Command:');
      for (const part of c.command) w.line(f + 1, part);
    }
    if (c.args?.length) {
      w.line(f, 'Args:');
      for (const part of c.args) w.line(f + 1, part);
    }
    if (inPod) {
      state(w, f, 'State', st?.state);
      if (st?.lastState?.terminated) state(w, f, 'Last State', st.lastState);
      w.line(f, 'Ready:', st?.ready ? 'True' : 'False');
      w.line(f, 'Restart Count:', String(st?.restartCount ?? 0));
    }
    for (const kind of ['limits', 'requests'] as const) {
      const res = Object.entries(c.resources?.[kind] ?? {});
      if (res.length === 0) continue;
      w.line(f, `${kind === 'limits' ? 'Limits' : 'Requests'}:`);
      for (const [k, v] of res) w.line(f + 1, `${k}:`, String(v));
    }
    const env = c.env ?? [];
    if (env.length === 0) w.line(f, 'Environment:', '<none>');
    else {
      w.line(f, 'Environment:');
      for (const e of env) w.line(f + 1, `${e.name}:`, e.value ?? (e.valueFrom ? '<set from a reference>' : ''));
    }
    const mounts = c.volumeMounts ?? [];
    if (mounts.length === 0) w.line(f, 'Mounts:', '<none>');
    else {
      w.line(f, 'Mounts:');
      for (const m of mounts) w.line(f + 1, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})`);
    }
  }
}

export function podTemplate(w: DescribeWriter, level: number, template: PodTemplateSpec | undefined): void {
  w.line(level, 'Pod Template:');
  w.labels(level + 1, 'Labels', template?.metadata?.labels);
  if (template?.metadata?.annotations && Object.keys(template.metadata.annotations).length > 0) w.annotations(level + 1, template.metadata.annotations);
  containers(w, level + 1, 'Containers', template?.spec?.containers);
  const volumes = template?.spec?.volumes ?? [];
  w.line(level + 1, 'Volumes:', volumes.length === 0 ? '<none>' : volumes.map((v) => v.name).join(', '));
  w.map(level + 1, 'Node-Selectors', Object.entries(template?.spec?.nodeSelector ?? {}));
  tolerations(w, level + 1, template?.spec?.tolerations);
}

/** "key=value:Effect op=Exists for 300s", one per line. */
export function tolerations(w: DescribeWriter, level: number, list: Toleration[] | undefined): void {
  const entries = (list ?? []).map((t): [string, string] => [
    `${t.key ?? ''}${t.operator === 'Exists' || t.value === undefined ? '' : `=${t.value}`}${t.effect ? `:${t.effect}` : ''}`,
    t.tolerationSeconds !== undefined ? ` op=${t.operator ?? 'Equal'} for ${t.tolerationSeconds}s` : '',
  ]);
  w.map(level, 'Tolerations', entries, '');
}
