/**
 * The pod row of `kubectl get pods`: READY, STATUS, RESTARTS, AGE and the wide columns, computed from the
 * pod's phase, conditions and container states the way Kubernetes' printer does it.
 */
import type { KubeObject } from '../types/meta';
import { parseTime } from '../time';
import { age, humanDuration, list, view } from './format';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface LoosePod {
  spec?: {
    nodeName?: string;
    containers?: { name?: string }[];
    initContainers?: { name?: string; restartPolicy?: string }[];
    readinessGates?: { conditionType?: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    podIPs?: { ip?: string }[];
    nominatedNodeName?: string;
    conditions?: { type?: string; status?: string; reason?: string }[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

/** Reason a pod carries when its node stopped answering; such pods print "Unknown" while deleted. */
const NODE_LOST_REASON = 'NodeLost';

/** Sums restarts and tracks the latest time a container was restarted. */
class RestartTally {
  count = 0;
  last = 0;

  add(cs: ContainerStatus): void {
    this.count += cs.restartCount ?? 0;
    this.last = Math.max(this.last, parseTime(cs.lastState?.terminated?.finishedAt) ?? 0);
  }
}

const isTerminalPhase = (phase: string | undefined): boolean => phase === 'Succeeded' || phase === 'Failed';

function conditionTrue(pod: LoosePod, type: string): boolean {
  const c = list(pod.status?.conditions).find((x) => x.type === type);
  return c?.status === 'True';
}

/** A terminated container without a reason is described by its signal or exit code. */
function terminatedReason(t: NonNullable<ContainerState['terminated']>): string {
  if (t.reason) return t.reason;
  return t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
}

interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: RestartTally;
}

/**
 * Walks init containers (a failing or pending one explains the pod: "Init:CrashLoopBackOff", "Init:0/2"),
 * then regular containers from last to first (the first container's problem wins), then deletion.
 */
function summarise(pod: LoosePod): PodSummary {
  const initSpecs = list(pod.spec?.initContainers);
  // Init containers with restartPolicy Always are sidecars: they count as containers of the pod.
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const total = list(pod.spec?.containers).length + sidecars.size;
  let ready = 0;
  let reason = pod.status?.reason || pod.status?.phase || '';
  if (list(pod.status?.conditions).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const all = new RestartTally();
  const sidecarOnly = new RestartTally();
  let initializing = false;
  const initStatuses = list(pod.status?.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    all.add(cs);
    const isSidecar = sidecars.has(cs.name);
    if (isSidecar) sidecarOnly.add(cs);
    const { terminated, waiting } = cs.state ?? {};
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isSidecar && cs.started) {
      if (cs.ready) ready++;
      continue;
    }
    initializing = true;
    if (terminated) reason = `Init:${terminatedReason(terminated)}`;
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    break;
  }

  let restarts = all;
  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarOnly;
    let hasRunning = false;
    const statuses = list(pod.status?.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts.add(cs);
      const { waiting, terminated, running } = cs.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminatedReason(terminated);
      else if (cs.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    // A pod whose last container completed while another still runs is not "Completed".
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }
  return { ready, total, reason, restarts };
}

function deletionAware(obj: KubeObject, pod: LoosePod, reason: string): string {
  if (!obj.metadata?.deletionTimestamp) return reason;
  if (pod.status?.reason === NODE_LOST_REASON) return 'Unknown';
  return isTerminalPhase(pod.status?.phase) ? reason : 'Terminating';
}

/** The STATUS column alone, e.g. for `kubectl-lite get pods` without a server-side table. */
export function podStatusReason(obj: KubeObject): string {
  const pod = view<LoosePod>(obj);
  return deletionAware(obj, pod, summarise(pod).reason);
}

export function podCells(obj: KubeObject, now: Date): unknown[] {
  const pod = view<LoosePod>(obj);
  const { ready, total, reason, restarts } = summarise(pod);
  const restartText =
    restarts.count !== 0 && restarts.last > 0
      ? `${restarts.count} (${humanDuration(now.getTime() - restarts.last)} ago)`
      : `${restarts.count}`;
  const podIP = list(pod.status?.podIPs)[0]?.ip || pod.status?.podIP || '<none>';
  const gates = list(pod.spec?.readinessGates);
  let gatesText = '<none>';
  if (gates.length > 0) {
    const trueGates = gates.filter((g) => {
      const c = list(pod.status?.conditions).find((x) => x.type === g.conditionType);
      return c?.status === 'True';
    }).length;
    gatesText = `${trueGates}/${gates.length}`;
  }
  return [
    obj.metadata?.name ?? '',
    `${ready}/${total}`,
    deletionAware(obj, pod, reason),
    restartText,
    age(obj, now),
    podIP,
    pod.spec?.nodeName || '<none>',
    pod.status?.nominatedNodeName || '<none>',
    gatesText,
  ];
}

interface PodFieldView {
  spec?: { nodeName?: string; restartPolicy?: string; schedulerName?: string; serviceAccountName?: string; hostNetwork?: boolean };
  status?: { phase?: string; podIP?: string; podIPs?: { ip?: string }[]; nominatedNodeName?: string };
}

export const POD_SELECTABLE_FIELDS = [
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.schedulerName',
  'spec.serviceAccountName',
  'spec.hostNetwork',
  'status.phase',
  'status.podIP',
  'status.nominatedNodeName',
];

export function podFields(obj: KubeObject): Record<string, string> {
  const pod = view<PodFieldView>(obj);
  return {
    'spec.nodeName': pod.spec?.nodeName ?? '',
    'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
    'spec.schedulerName': pod.spec?.schedulerName ?? '',
    'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': String(pod.spec?.hostNetwork === true),
    'status.phase': pod.status?.phase ?? '',
    'status.podIP': list(pod.status?.podIPs)[0]?.ip || pod.status?.podIP || '',
    'status.nominatedNodeName': pod.status?.nominatedNodeName ?? '',
  };
}
