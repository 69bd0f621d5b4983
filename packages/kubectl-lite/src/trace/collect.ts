/**
 * The event chain of one Deployment, gathered from the API: the Deployment, its ReplicaSets and Pods
 * (by ownerReferences), the Events about any of them, the Services whose selector takes its pods and
 * their Endpoints, and the scheduler's decision recorded on each pod. Times come from eventTime
 * (microseconds) where the writer set it, else from second-precision timestamps.
 */
import { parseTime, type KubeObject } from '@tinykube/api';
import type { KubeClient } from '@tinykube/client';

export interface TraceEntry {
  /** Milliseconds since the epoch. */
  at: number;
  component: string;
  object: string;
  message: string;
}

export interface PodDecision {
  pod: string;
  node: string;
  evaluated: number;
  feasible: number;
  filtered: Record<string, number>;
  scores: Array<{ node: string; total: number; plugins: Record<string, number> }>;
}

export interface Trace {
  deployment: string;
  namespace: string;
  start: number;
  entries: TraceEntry[];
  decisions: PodDecision[];
  /** Pods Running and Ready / desired, and how many are in a Service's endpoints. */
  summary: { desired: number; ready: number; inEndpoints: number; services: string[] };
}

interface EventLike extends KubeObject {
  involvedObject?: { kind?: string; name?: string; uid?: string };
  reason?: string;
  message?: string;
  eventTime?: string;
  lastTimestamp?: string;
  firstTimestamp?: string;
  source?: { component?: string };
  reportingComponent?: string;
}

interface PodView {
  spec?: { nodeName?: string };
  status?: { podIP?: string; conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }> };
}

const DECISION_ANNOTATION = 'scheduler.tinykube.io/decision';

const ownedBy = (obj: KubeObject, uids: Set<string>) => (obj.metadata.ownerReferences ?? []).some((o) => uids.has(o.uid));

function selectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** Times seen live by a watcher (milliseconds), more precise than what the objects record. */
export interface ObservedTimes {
  podReady: Map<string, number>;
  endpoint: Map<string, number>;
}

export async function collectTrace(client: KubeClient, namespace: string, name: string, observed?: ObservedTimes): Promise<Trace> {
  const deployment = await client.resource('deployments.apps', namespace).get(name);
  const [rsList, podList, eventList, svcList, epList] = await Promise.all([
    client.resource('replicasets.apps', namespace).list(),
    client.resource('pods', namespace).list(),
    client.resource<EventLike>('events', namespace).list(),
    client.resource('services', namespace).list(),
    client.resource('endpoints', namespace).list(),
  ]);
  const replicaSets = rsList.items.filter((rs) => ownedBy(rs, new Set([deployment.metadata.uid as string])));
  const rsUids = new Set(replicaSets.map((rs) => rs.metadata.uid as string));
  const pods = podList.items.filter((p) => ownedBy(p, rsUids));
  const uids = new Set([deployment.metadata.uid as string, ...rsUids, ...pods.map((p) => p.metadata.uid as string)]);
  const start = parseTime(deployment.metadata.creationTimestamp) ?? Date.now();
  const entries: TraceEntry[] = [{ at: start, component: 'apiserver', object: `deployment/${name}`, message: 'created and stored' }];

  for (const ev of eventList.items) {
    if (!ev.involvedObject?.uid || !uids.has(ev.involvedObject.uid)) continue;
    const at = parseTime(ev.eventTime) ?? parseTime(ev.lastTimestamp) ?? parseTime(ev.firstTimestamp) ?? start;
    const kind = (ev.involvedObject.kind ?? '').toLowerCase();
    entries.push({ at, component: ev.source?.component || ev.reportingComponent || '?', object: `${kind}/${ev.involvedObject.name}`, message: `${ev.reason}: ${ev.message}` });
  }

  const templateLabels = (deployment.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template?.metadata?.labels;
  const services = svcList.items.filter((s) => selectorMatches((s.spec as { selector?: Record<string, string> } | undefined)?.selector, templateLabels));
  const endpointIps = new Map<string, string>();
  for (const svc of services) {
    const ep = epList.items.find((e) => e.metadata.name === svc.metadata.name);
    const subsets = (ep?.subsets ?? []) as Array<{ addresses?: Array<{ ip: string }> }>;
    for (const s of subsets) for (const a of s.addresses ?? []) endpointIps.set(a.ip, svc.metadata.name as string);
  }

  // Conditions only have second precision; a pod cannot turn Ready before its containers started, so
  // its Ready time is at least the (microsecond) time of its last Started event.
  const lastStarted = new Map<string, number>();
  for (const e of entries) {
    if (e.object.startsWith('pod/') && e.message.startsWith('Started:')) lastStarted.set(e.object, Math.max(lastStarted.get(e.object) ?? 0, e.at));
  }

  let ready = 0;
  let inEndpoints = 0;
  const decisions: PodDecision[] = [];
  for (const pod of pods) {
    const view = pod as KubeObject & PodView;
    const readyCondition = view.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
    const podName = pod.metadata.name as string;
    const readyAt = Math.max(observed?.podReady.get(podName) ?? parseTime(readyCondition?.lastTransitionTime) ?? start, lastStarted.get(`pod/${podName}`) ?? 0);
    if (readyCondition) {
      ready++;
      entries.push({ at: readyAt, component: 'kubelet', object: `pod/${podName}`, message: `Ready on ${view.spec?.nodeName} with IP ${view.status?.podIP}` });
    }
    const ip = view.status?.podIP;
    const svc = ip ? endpointIps.get(ip) : undefined;
    if (ip && svc) {
      inEndpoints++;
      const seen = observed?.endpoint.get(ip);
      entries.push({ at: seen ?? readyAt, component: 'endpoints-controller', object: `endpoints/${svc}`, message: `${ip} (pod/${podName}) added${seen ? '' : ' (time: when the pod turned Ready)'}` });
    }
    const raw = pod.metadata.annotations?.[DECISION_ANNOTATION];
    if (raw) {
      try {
        decisions.push({ pod: podName, ...(JSON.parse(raw) as Omit<PodDecision, 'pod'>) });
      } catch {
        // an annotation someone else edited: no table for this pod
      }
    }
  }
  entries.sort((a, b) => a.at - b.at);
  const desired = (deployment.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  return { deployment: name, namespace, start, entries, decisions, summary: { desired, ready, inEndpoints, services: services.map((s) => s.metadata.name as string) } };
}
