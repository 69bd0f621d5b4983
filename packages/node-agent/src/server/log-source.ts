/**
 * Which log file answers `/containerLogs/<ns>/<pod>/<container>`: the kubelet's rules. The current
 * log is the newest instance's (for a container waiting to restart, that is its last run); with
 * `previous`, the run before the current one (for a crash-looping container: the last run).
 */
import type { CriRuntime } from '@tinykube/runtime';
import type { PodManager } from '../pod/pod-manager';
import { instancesOf, readPodView } from '../pod/runtime-view';

export class LogRequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'LogRequestError';
  }
}

export interface LogTarget {
  path: string;
  containerId: string;
}

export interface LogSource {
  resolve(namespace: string, pod: string, container: string, previous: boolean): Promise<LogTarget>;
  isRunning(containerId: string): Promise<boolean>;
}

export function podLogSource(pods: PodManager, runtime: CriRuntime): LogSource {
  return {
    async resolve(namespace, podName, container, previous) {
      const worker = pods.findPod(namespace, podName);
      if (!worker) throw new LogRequestError(404, `pod "${namespace}/${podName}" not found on this node`);
      const pod = worker.pod;
      const known = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].some((c) => c.name === container);
      if (!known) throw new LogRequestError(400, `container "${container}" not found in pod "${podName}"`);
      const view = await readPodView(runtime, pod.metadata.uid ?? '');
      const [latest, before] = instancesOf(view, container);
      const waitingToRestart = latest?.state === 'CONTAINER_EXITED' && worker.sync.waiting.has(container);
      const chosen = previous ? (waitingToRestart ? latest : before) : latest;
      if (!chosen) {
        if (previous) throw new LogRequestError(400, `previous terminated container "${container}" in pod "${podName}" not found`);
        const reason = worker.sync.waiting.get(container)?.reason ?? 'ContainerCreating';
        throw new LogRequestError(400, `container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
      }
      return { path: chosen.logPath, containerId: chosen.id };
    },
    async isRunning(containerId) {
      const status = await runtime.containerStatus({ containerId }).catch(() => undefined);
      return status?.status?.state === 'CONTAINER_RUNNING';
    },
  };
}
