/**
 * The pod status the agent reports, computed from the pod, what the runtime says about its containers
 * and what the probes found. Pure, so it is tested by tables. Follows the kubelet: phase from the
 * containers' states and the restart policy; conditions Initialized, Ready, ContainersReady and
 * PodScheduled with Kubernetes' reasons and messages; a condition keeps its lastTransitionTime while
 * its status does not change, so an unchanged pod yields an identical status (and no write).
 */
import { metaTime, semanticDeepEqual, type Container, type ContainerState, type ContainerStatus, type Pod, type PodCondition, type PodPhase, type PodStatus } from '@tinykube/api';
import { instancesOf, type ContainerInstance, type PodRuntimeView } from './runtime-view';

export interface ContainerWaiting {
  reason: string;
  message?: string;
}

export interface ProbeResults {
  /** Readiness of a running container instance (true when it has no readiness probe). */
  ready(containerId: string): boolean;
  /** Whether its startup probe has succeeded (true when it has none). */
  started(containerId: string): boolean;
}

export interface StatusInputs {
  pod: Pod;
  view: PodRuntimeView;
  /** Why a container with no running instance waits (CrashLoopBackOff, CreateContainerConfigError, ...). */
  waiting: ReadonlyMap<string, ContainerWaiting>;
  probes: ProbeResults;
  hostIPs: string[];
  /** CRI runtime name, for containerIDs like `tinykube://<id>`. */
  runtimeName: string;
  nowMs: number;
}

function terminatedState(c: ContainerInstance, runtimeName: string): ContainerState {
  return {
    terminated: {
      exitCode: c.exitCode,
      reason: c.reason || (c.exitCode === 0 ? 'Completed' : 'Error'),
      ...(c.message ? { message: c.message } : {}),
      startedAt: c.startedAtMs > 0 ? metaTime(c.startedAtMs) : undefined,
      finishedAt: metaTime(c.finishedAtMs > 0 ? c.finishedAtMs : c.createdAtMs),
      containerID: `${runtimeName}://${c.id}`,
    },
  };
}

function containerStatus(spec: Container, inputs: StatusInputs, defaultWaiting: string): ContainerStatus {
  const [latest, previous] = instancesOf(inputs.view, spec.name);
  const waiting = inputs.waiting.get(spec.name);
  const base = { name: spec.name, image: spec.image ?? '', imageID: latest?.imageRef ?? '' };
  if (!latest) {
    return { ...base, state: { waiting: waiting ?? { reason: defaultWaiting } }, lastState: {}, ready: false, restartCount: 0, started: false };
  }
  const containerID = `${inputs.runtimeName}://${latest.id}`;
  const lastOf = (c: ContainerInstance | undefined): ContainerState => (c && c.state === 'CONTAINER_EXITED' ? terminatedState(c, inputs.runtimeName) : {});
  if (latest.state === 'CONTAINER_RUNNING') {
    const started = inputs.probes.started(latest.id);
    return {
      ...base,
      containerID,
      state: { running: { startedAt: metaTime(latest.startedAtMs || latest.createdAtMs) } },
      lastState: lastOf(previous),
      ready: started && inputs.probes.ready(latest.id),
      restartCount: latest.attempt,
      started,
    };
  }
  if (latest.state === 'CONTAINER_EXITED') {
    // A finished container about to be restarted shows as waiting, with the finished run as lastState.
    if (waiting) return { ...base, containerID, state: { waiting }, lastState: lastOf(latest), ready: false, restartCount: latest.attempt, started: false };
    return { ...base, containerID, state: terminatedState(latest, inputs.runtimeName), lastState: lastOf(previous), ready: false, restartCount: latest.attempt, started: false };
  }
  return { ...base, containerID, state: { waiting: waiting ?? { reason: 'ContainerCreating' } }, lastState: lastOf(previous), ready: false, restartCount: latest.attempt, started: false };
}

const succeeded = (s: ContainerStatus): boolean => s.state?.terminated?.exitCode === 0;
/** The phase, as the kubelet derives it from the containers and the restart policy. */
export function podPhase(pod: Pod, init: ContainerStatus[], regular: ContainerStatus[]): PodPhase {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (init.some((s) => !succeeded(s))) {
    if (policy === 'Never' && init.some((s) => s.state?.terminated && s.state.terminated.exitCode !== 0)) return 'Failed';
    return 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let ok = 0;
  for (const s of regular) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) ok++;
    } else if (s.lastState?.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === ok) return 'Succeeded';
    if (policy === 'OnFailure') return 'Running';
    return 'Failed';
  }
  return 'Pending';
}

function condition(type: string, ok: boolean, reason: string | undefined, message: string | undefined, old: PodCondition[], nowMs: number): PodCondition {
  const status = ok ? 'True' : 'False';
  const prior = old.find((c) => c.type === type);
  const lastTransitionTime = prior && prior.status === status && prior.lastTransitionTime ? prior.lastTransitionTime : metaTime(nowMs);
  return { type, status, lastTransitionTime, ...(ok || !reason ? {} : { reason, message }) };
}

const OWN_CONDITIONS = new Set(['Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

export function computePodStatus(inputs: StatusInputs): PodStatus {
  const { pod, nowMs } = inputs;
  const old = pod.status ?? {};
  const oldConditions = old.conditions ?? [];
  const initSpecs = pod.spec?.initContainers ?? [];
  const initStatuses = initSpecs.map((c) => containerStatus(c, inputs, 'PodInitializing'));
  const initialized = initStatuses.every(succeeded);
  const regular = (pod.spec?.containers ?? []).map((c) => containerStatus(c, inputs, initialized ? 'ContainerCreating' : 'PodInitializing'));
  // A pod never leaves Succeeded or Failed once reported.
  const phase = old.phase === 'Succeeded' || old.phase === 'Failed' ? old.phase : podPhase(pod, initStatuses, regular);
  const terminal = phase === 'Succeeded' || phase === 'Failed';

  const incomplete = initStatuses.filter((s) => !succeeded(s)).map((s) => s.name);
  const unready = regular.filter((s) => !s.ready).map((s) => s.name);
  const readyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const conditions: PodCondition[] = [
    condition('Initialized', initialized, terminal && phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotInitialized', terminal ? undefined : `containers with incomplete status: [${incomplete.join(' ')}]`, oldConditions, nowMs),
    condition('Ready', !terminal && unready.length === 0, readyReason, readyMessage, oldConditions, nowMs),
    condition('ContainersReady', !terminal && unready.length === 0, readyReason, readyMessage, oldConditions, nowMs),
    oldConditions.find((c) => c.type === 'PodScheduled' && c.status === 'True') ?? condition('PodScheduled', true, undefined, undefined, oldConditions, nowMs),
    ...oldConditions.filter((c) => !OWN_CONDITIONS.has(c.type)),
  ];

  const sandbox = inputs.view.sandboxes[0];
  const podIPs = sandbox && sandbox.ips.length > 0 ? sandbox.ips : (old.podIPs ?? []).map((p) => p.ip);
  const status: PodStatus = {
    phase,
    conditions,
    ...(inputs.hostIPs.length > 0 ? { hostIP: inputs.hostIPs[0], hostIPs: inputs.hostIPs.map((ip) => ({ ip })) } : {}),
    ...(podIPs.length > 0 ? { podIP: podIPs[0], podIPs: podIPs.map((ip) => ({ ip })) } : {}),
    startTime: old.startTime ?? metaTime(nowMs),
    ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: regular,
    ...(old.qosClass ? { qosClass: old.qosClass } : {}),
  };
  return status;
}

/**
 * Compares two statuses as the apiserver would store them: key order does not count, and null, undefined,
 * empty lists and empty objects are all the absent field Go's omitempty makes of them.
 */
export function sameStatus(a: PodStatus | undefined, b: PodStatus | undefined): boolean {
  return semanticDeepEqual(a ?? {}, b ?? {});
}
