/**
 * What the runtime knows about one pod, read fresh through CRI at each sync: its sandboxes and every
 * container instance (each restart is a new instance with a higher attempt). The agent keeps no
 * state of its own that a restart would lose; that is what makes adoption after a restart work.
 */
import type { ContainerState, CriRuntime, PodSandboxState } from '@tinykube/runtime';

export const LABEL_POD_NAME = 'io.kubernetes.pod.name';
export const LABEL_POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const LABEL_POD_UID = 'io.kubernetes.pod.uid';
export const LABEL_CONTAINER_NAME = 'io.kubernetes.container.name';
export const ANNOTATION_RESTART_COUNT = 'io.kubernetes.container.restartCount';
export const ANNOTATION_GRACE_PERIOD = 'io.kubernetes.pod.terminationGracePeriod';

export interface SandboxInstance {
  id: string;
  state: PodSandboxState;
  attempt: number;
  createdAtMs: number;
  ips: string[];
}

export interface ContainerInstance {
  id: string;
  sandboxId: string;
  name: string;
  attempt: number;
  state: ContainerState;
  createdAtMs: number;
  startedAtMs: number;
  finishedAtMs: number;
  exitCode: number;
  reason: string;
  message: string;
  imageRef: string;
  logPath: string;
}

export interface PodRuntimeView {
  /** Newest first. */
  sandboxes: SandboxInstance[];
  /** Newest first (by attempt, then creation time). */
  containers: ContainerInstance[];
}

export const EMPTY_VIEW: PodRuntimeView = { sandboxes: [], containers: [] };

const nsToMs = (ns: number): number => Math.floor(ns / 1e6);

export async function readPodView(runtime: CriRuntime, uid: string): Promise<PodRuntimeView> {
  const selector = { [LABEL_POD_UID]: uid };
  const [sandboxList, containerList] = await Promise.all([
    runtime.listPodSandbox({ filter: { labelSelector: selector } }),
    runtime.listContainers({ filter: { labelSelector: selector } }),
  ]);
  const sandboxes = await Promise.all(
    sandboxList.items.map(async (s): Promise<SandboxInstance> => {
      const status = await runtime.podSandboxStatus({ podSandboxId: s.id }).catch(() => undefined);
      const net = status?.status?.network;
      const ips = net ? [net.ip, ...net.additionalIps.map((a) => a.ip)].filter((ip) => ip !== '') : [];
      return { id: s.id, state: status?.status?.state ?? s.state, attempt: s.metadata?.attempt ?? 0, createdAtMs: nsToMs(s.createdAt), ips };
    }),
  );
  const containers = (
    await Promise.all(
      containerList.containers.map(async (c): Promise<ContainerInstance | undefined> => {
        const status = (await runtime.containerStatus({ containerId: c.id }).catch(() => undefined))?.status;
        if (!status) return undefined;
        return {
          id: c.id,
          sandboxId: c.podSandboxId,
          name: c.labels[LABEL_CONTAINER_NAME] ?? c.metadata?.name ?? '',
          attempt: status.metadata?.attempt ?? c.metadata?.attempt ?? 0,
          state: status.state,
          createdAtMs: nsToMs(status.createdAt),
          startedAtMs: nsToMs(status.startedAt),
          finishedAtMs: nsToMs(status.finishedAt),
          exitCode: status.exitCode,
          reason: status.reason,
          message: status.message,
          imageRef: status.imageRef,
          logPath: status.logPath,
        };
      }),
    )
  ).filter((c): c is ContainerInstance => c !== undefined);
  sandboxes.sort((a, b) => b.attempt - a.attempt || b.createdAtMs - a.createdAtMs);
  containers.sort((a, b) => b.attempt - a.attempt || b.createdAtMs - a.createdAtMs);
  return { sandboxes, containers };
}

/** The instances of one container, newest first. */
export function instancesOf(view: PodRuntimeView, name: string): ContainerInstance[] {
  return view.containers.filter((c) => c.name === name);
}

export function readySandbox(view: PodRuntimeView): SandboxInstance | undefined {
  return view.sandboxes.find((s) => s.state === 'SANDBOX_READY');
}
