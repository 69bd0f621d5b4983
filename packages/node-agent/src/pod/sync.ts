/**
 * One sync of a pod that should be running: level-based, like the kubelet's SyncPod. It reads what
 * the runtime has for the pod and takes the next steps towards the spec: volumes, the sandbox, init
 * containers one at a time in order, then every container, restarting finished ones as the restart
 * policy and the CrashLoopBackOff allow, and killing those a liveness or startup probe gave up on.
 */
import { mkdir } from 'node:fs/promises';
import type { Container, Pod } from '@tinykube/api';
import { isNotFound as isCriNotFound } from '@tinykube/runtime';
import { containerRef, podDescription, podRef, type PodSyncDeps } from './deps';
import { ContainerStartError, sandboxConfig, startContainer, type StartContext } from './container-start';
import { formatGoDuration } from './duration';
import { VolumeMountError } from './errors';
import type { PodStage, SyncResult } from './lifecycle';
import { instancesOf, readPodView, readySandbox, type ContainerInstance, type PodRuntimeView } from './runtime-view';
import type { ContainerWaiting } from './status';
import { setUpVolumes } from './volumes';
import type { PodProber } from '../probe/pod-prober';

/** What a pod's worker keeps between syncs. */
export interface PodSyncState {
  prober: PodProber;
  /** Why containers wait, as of the last sync (for the status). */
  waiting: Map<string, ContainerWaiting>;
  /** The runtime's view as of the last sync. */
  view: PodRuntimeView;
  /** The stage the last sync reached. */
  stage: PodStage | undefined;
}

const RETRY_MS = 2000;
/** Dead instances kept per container: the current one and the previous one (for `logs --previous`). */
const KEEP_INSTANCES = 2;

function gracePeriodOf(pod: Pod): number {
  return pod.spec?.terminationGracePeriodSeconds ?? 30;
}

function nextAttempt(view: PodRuntimeView, name: string): number {
  const all = instancesOf(view, name);
  return all.length === 0 ? 0 : Math.max(...all.map((c) => c.attempt)) + 1;
}

export async function syncRunningPod(deps: PodSyncDeps, pod: Pod, state: PodSyncState): Promise<SyncResult> {
  const uid = pod.metadata.uid ?? '';
  state.waiting = new Map();
  const finished = state.stage?.stage === 'Completed' || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  if (finished) {
    state.view = await readPodView(deps.runtime, uid);
    state.prober.sync(pod, state.view);
    return { stage: { stage: 'Completed' } };
  }

  let volumePaths: Map<string, string>;
  try {
    volumePaths = await setUpVolumes(deps.rootDir, pod, deps.objects);
  } catch (err) {
    if (!(err instanceof VolumeMountError)) throw err;
    deps.events.event(podRef(pod), 'Warning', 'FailedMount', err.message);
    state.view = await readPodView(deps.runtime, uid);
    return { stage: { stage: 'WaitingForVolumes', message: err.message }, requeueAfterMs: RETRY_MS };
  }

  let view = await readPodView(deps.runtime, uid);
  let sandbox = readySandbox(view);
  if (!sandbox) {
    if (view.sandboxes.length > 0 && pod.spec?.restartPolicy === 'Never') {
      state.view = view;
      return { stage: { stage: 'SandboxGone' } };
    }
    // Containers of a dead sandbox cannot go on: the pod starts over in a new one.
    await Promise.all(view.containers.filter((c) => c.state === 'CONTAINER_RUNNING').map((c) => stopQuietly(deps, c.id, 0)));
    const config = sandboxConfig(pod, (view.sandboxes[0]?.attempt ?? -1) + 1, deps.logDir);
    await mkdir(config.logDirectory!, { recursive: true });
    try {
      await deps.runtime.runPodSandbox({ config });
    } catch (err) {
      // As the kubelet does: say so on the pod (repeats fold into one Event's count), then retry.
      deps.events.event(podRef(pod), 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    view = await readPodView(deps.runtime, uid);
    sandbox = readySandbox(view);
    if (!sandbox) throw new Error('the runtime reports no ready sandbox right after RunPodSandbox');
  }

  state.prober.sync(pod, view);
  const kills = state.prober.pendingKills();
  if (kills.length > 0) {
    await Promise.all(
      kills.map(async (k) => {
        const c = view.containers.find((i) => i.id === k.containerId);
        if (c) deps.events.event(containerRef(pod, c.name), 'Normal', 'Killing', k.message);
        await stopQuietly(deps, k.containerId, gracePeriodOf(pod));
      }),
    );
    view = await readPodView(deps.runtime, uid);
    state.prober.sync(pod, view);
  }

  const ctx: StartContext = { sandboxId: sandbox.id, sandboxConfig: sandboxConfig(pod, sandbox.attempt, deps.logDir), podIPs: sandbox.ips, volumePaths };
  const sandboxId = sandbox.id;
  const latestIn = (name: string): ContainerInstance | undefined => instancesOf(view, name).find((c) => c.sandboxId === sandboxId);
  let requeueAfterMs: number | undefined;
  const requeue = (ms: number) => (requeueAfterMs = Math.min(requeueAfterMs ?? ms, ms));
  let changed = false;

  const start = async (spec: Container): Promise<void> => {
    try {
      await startContainer(deps, pod, spec, nextAttempt(view, spec.name), ctx);
      changed = true;
    } catch (err) {
      if (!(err instanceof ContainerStartError)) throw err;
      state.waiting.set(spec.name, { reason: err.reason, message: err.message });
      requeue(RETRY_MS);
    }
  };
  /** Restarts a finished container unless its back-off says wait. */
  const restart = async (spec: Container, latest: ContainerInstance): Promise<void> => {
    const decision = deps.backoff.decide(`${uid}/${spec.name}`, latest.finishedAtMs || deps.clock.now(), deps.clock.now());
    if (decision.kind === 'wait') {
      const message = `back-off ${formatGoDuration(decision.delayMs)} restarting failed container=${spec.name} pod=${podDescription(pod)}`;
      state.waiting.set(spec.name, { reason: 'CrashLoopBackOff', message });
      deps.events.event(containerRef(pod, spec.name), 'Warning', 'BackOff', `Back-off restarting failed container ${spec.name} in pod ${podDescription(pod)}`);
      requeue(decision.remainingMs);
      return;
    }
    await start(spec);
  };
  const policy = pod.spec?.restartPolicy ?? 'Always';

  let stage: PodStage = { stage: 'Running' };
  for (const init of pod.spec?.initContainers ?? []) {
    const latest = latestIn(init.name);
    if (latest?.state === 'CONTAINER_EXITED' && latest.exitCode === 0) continue;
    stage = { stage: 'Initializing', container: init.name };
    if (!latest) await start(init);
    else if (latest.state === 'CONTAINER_CREATED') await startQuietly(deps, latest.id);
    else if (latest.state === 'CONTAINER_EXITED') {
      if (policy === 'Never') stage = { stage: 'Completed' };
      else await restart(init, latest);
    }
    break;
  }

  if (stage.stage === 'Running') {
    let done = 0;
    for (const spec of pod.spec?.containers ?? []) {
      const latest = latestIn(spec.name);
      if (!latest) await start(spec);
      else if (latest.state === 'CONTAINER_CREATED') await startQuietly(deps, latest.id);
      else if (latest.state === 'CONTAINER_EXITED') {
        const again = policy === 'Always' || (policy === 'OnFailure' && latest.exitCode !== 0);
        if (again) await restart(spec, latest);
        else done++;
      }
    }
    if (done === (pod.spec?.containers ?? []).length) stage = { stage: 'Completed' };
  }
  if (stage.stage === 'Completed') {
    // A finished pod gives its sandbox (and pod IP) back; its containers stay for logs until deletion.
    await Promise.all(view.containers.filter((c) => c.state === 'CONTAINER_RUNNING').map((c) => stopQuietly(deps, c.id, gracePeriodOf(pod))));
    await deps.runtime.stopPodSandbox({ podSandboxId: sandboxId }).catch(() => undefined);
    changed = true;
  }

  if (changed) view = await readPodView(deps.runtime, uid);
  await removeOldInstances(deps, view);
  state.view = view;
  state.prober.sync(pod, view);
  return { stage, requeueAfterMs };
}

async function stopQuietly(deps: PodSyncDeps, containerId: string, timeout: number): Promise<void> {
  try {
    await deps.runtime.stopContainer({ containerId, timeout });
  } catch (err) {
    if (!isCriNotFound(err)) throw err;
  }
}

async function startQuietly(deps: PodSyncDeps, containerId: string): Promise<void> {
  await deps.runtime.startContainer({ containerId }).catch((err: unknown) => deps.logger.warn({ err, containerId }, 'could not start a created container'));
}

async function removeOldInstances(deps: PodSyncDeps, view: PodRuntimeView): Promise<void> {
  const names = new Set(view.containers.map((c) => c.name));
  for (const name of names) {
    const old = instancesOf(view, name).slice(KEEP_INSTANCES).filter((c) => c.state === 'CONTAINER_EXITED');
    for (const c of old) await deps.runtime.removeContainer({ containerId: c.id }).catch(() => undefined);
  }
}

/** Stops every container of the pod (SIGTERM, the grace period, SIGKILL), with Killing events. */
export async function stopPodContainers(deps: PodSyncDeps, pod: Pod, gracePeriodSeconds: number): Promise<PodRuntimeView> {
  const uid = pod.metadata.uid ?? '';
  const view = await readPodView(deps.runtime, uid);
  const live = view.containers.filter((c) => c.state === 'CONTAINER_RUNNING' || c.state === 'CONTAINER_CREATED');
  await Promise.all(
    live.map(async (c) => {
      deps.events.event(containerRef(pod, c.name), 'Normal', 'Killing', `Stopping container ${c.name}`);
      await stopQuietly(deps, c.id, gracePeriodSeconds);
    }),
  );
  return live.length > 0 ? readPodView(deps.runtime, uid) : view;
}

/** Removes the pod's containers and sandboxes from the runtime (idempotent). */
export async function removePodFromRuntime(deps: PodSyncDeps, view: PodRuntimeView): Promise<void> {
  for (const c of view.containers) await deps.runtime.removeContainer({ containerId: c.id });
  for (const s of view.sandboxes) {
    await deps.runtime.stopPodSandbox({ podSandboxId: s.id }).catch((err: unknown) => {
      if (!isCriNotFound(err)) throw err;
    });
    await deps.runtime.removePodSandbox({ podSandboxId: s.id });
  }
}
