/** Table cells of core/v1 kinds other than pods, as Kubernetes' printers compute them. */
import type { KubeObject } from '../types/meta';
import { formatLabels } from '../selectors/labels';
import { age, firstNonEmpty, list, since, view } from './format';

interface LooseNode {
  metadata: { labels?: Record<string, string> };
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: { type?: string; status?: string }[];
    addresses?: { type?: string; address?: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
  };
}

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

/** Roles come from node-role.kubernetes.io/<role> label keys and the older kubernetes.io/role=<role> label. */
function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX) && k.length > NODE_ROLE_PREFIX.length) roles.add(k.slice(NODE_ROLE_PREFIX.length));
    else if (k === NODE_ROLE_LABEL && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

export function nodeCells(obj: KubeObject, now: Date): unknown[] {
  const node = view<LooseNode>(obj);
  const ready = list(node.status?.conditions).filter((c) => c.type === 'Ready').pop();
  const status = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  const address = (type: string): string =>
    list(node.status?.addresses).find((a) => a.type === type)?.address ?? '<none>';
  const info = node.status?.nodeInfo ?? {};
  return [
    obj.metadata?.name ?? '',
    status.join(','),
    nodeRoles(obj.metadata?.labels).join(',') || '<none>',
    age(obj, now),
    info.kubeletVersion ?? '',
    address('InternalIP'),
    address('ExternalIP'),
    info.osImage || '<unknown>',
    info.kernelVersion || '<unknown>',
    info.containerRuntimeVersion || '<unknown>',
  ];
}

interface LooseService {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    selector?: Record<string, string>;
    ports?: { port?: number; nodePort?: number; protocol?: string }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

function serviceExternalIP(svc: LooseService, type: string): string {
  const externalIPs = list(svc.spec?.externalIPs);
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = new Set<string>();
      for (const i of list(svc.status?.loadBalancer?.ingress)) {
        const addr = i.ip || i.hostname;
        if (addr) ingress.add(addr);
      }
      const all = [...[...ingress].sort(), ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export function serviceCells(obj: KubeObject, now: Date): unknown[] {
  const svc = view<LooseService>(obj);
  // Stored services are defaulted (type ClusterIP, protocol TCP); assume the same for bare input.
  const type = svc.spec?.type ?? 'ClusterIP';
  const clusterIP = list(svc.spec?.clusterIPs)[0] ?? svc.spec?.clusterIP ?? '<none>';
  const ports = list(svc.spec?.ports)
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      return p.nodePort ? `${p.port ?? 0}:${p.nodePort}/${protocol}` : `${p.port ?? 0}/${protocol}`;
    })
    .join(',');
  return [
    obj.metadata?.name ?? '',
    type,
    clusterIP || '<none>',
    serviceExternalIP(svc, type),
    ports || '<none>',
    age(obj, now),
    formatLabels(svc.spec?.selector),
  ];
}

interface LooseEndpoints {
  subsets?: { addresses?: { ip?: string }[]; ports?: { port?: number }[] }[];
}

const MAX_ENDPOINTS_SHOWN = 3;
const hostPort = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** Up to three ready "ip:port" pairs, then "+ N more...". Addresses that are not ready are not shown. */
export function formatEndpoints(obj: KubeObject): string {
  const subsets = list(view<LooseEndpoints>(obj).subsets);
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  let total = 0;
  for (const subset of subsets) {
    const addresses = list(subset.addresses);
    const ports = list(subset.ports);
    // A headless service may have no ports: then the bare IPs are the endpoints.
    const pairs = ports.length === 0 ? addresses.map((a) => a.ip ?? '') : ports.flatMap((p) => addresses.map((a) => hostPort(a.ip ?? '', p.port ?? 0)));
    total += pairs.length;
    shown.push(...pairs.slice(0, Math.max(0, MAX_ENDPOINTS_SHOWN - shown.length)));
  }
  const text = shown.join(',');
  return total > MAX_ENDPOINTS_SHOWN ? `${text} + ${total - MAX_ENDPOINTS_SHOWN} more...` : text;
}

export function endpointsCells(obj: KubeObject, now: Date): unknown[] {
  return [obj.metadata?.name ?? '', formatEndpoints(obj), age(obj, now)];
}

interface LooseEvent {
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

export function eventCells(obj: KubeObject, now: Date): unknown[] {
  const ev = view<LooseEvent>(obj);
  const firstSeen = ev.firstTimestamp ? since(ev.firstTimestamp, now) : since(ev.eventTime, now);
  let lastSeen = ev.lastTimestamp ? since(ev.lastTimestamp, now) : firstSeen;
  let count = ev.count ?? 0;
  if (ev.series) {
    lastSeen = since(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    count = 1; // events of the newer API are singletons without a count
  }
  const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
  const target = ev.involvedObject?.name ? `${kind}/${ev.involvedObject.name}` : kind;
  const component = firstNonEmpty(ev.source?.component, ev.reportingComponent);
  const instance = firstNonEmpty(ev.source?.host, ev.reportingInstance);
  return [
    lastSeen,
    ev.type ?? '',
    ev.reason ?? '',
    target,
    ev.involvedObject?.fieldPath ?? '',
    instance ? `${component}, ${instance}` : component,
    (ev.message ?? '').trim(),
    firstSeen,
    count,
    obj.metadata?.name ?? '',
  ];
}

interface EventFieldView {
  involvedObject?: {
    kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string;
  };
  reason?: string;
  type?: string;
  source?: { component?: string };
  reportingComponent?: string;
}

export const EVENT_SELECTABLE_FIELDS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
];

export function eventFields(obj: KubeObject): Record<string, string> {
  const ev = view<EventFieldView>(obj);
  const io = ev.involvedObject ?? {};
  return {
    'involvedObject.kind': io.kind ?? '',
    'involvedObject.namespace': io.namespace ?? '',
    'involvedObject.name': io.name ?? '',
    'involvedObject.uid': io.uid ?? '',
    'involvedObject.apiVersion': io.apiVersion ?? '',
    'involvedObject.resourceVersion': io.resourceVersion ?? '',
    'involvedObject.fieldPath': io.fieldPath ?? '',
    reason: ev.reason ?? '',
    // The core/v1 JSON field is reportingComponent (Kubernetes' Go field is ReportingController).
    reportingComponent: ev.reportingComponent ?? '',
    source: firstNonEmpty(ev.source?.component, ev.reportingComponent),
    type: ev.type ?? '',
  };
}
