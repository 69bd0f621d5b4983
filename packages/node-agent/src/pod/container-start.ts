/**
 * Starting one container: the sandbox (created once per pod), the image (pulled per imagePullPolicy),
 * the CRI ContainerConfig (env, expanded command and args, mounts, log path, the labels that let a
 * restarted agent find it again), then CreateContainer and StartContainer, with the kubelet's events.
 */
import { join } from 'node:path';
import type { Container, Pod } from '@tinykube/api';
import type { ContainerConfig, PodSandboxConfig, PortMapping } from '@tinykube/runtime';
import { containerRef, type PodSyncDeps } from './deps';
import { ContainerConfigError } from './errors';
import { expandCommand, resolveEnv } from './env';
import { formatGoDuration } from './duration';
import { ANNOTATION_GRACE_PERIOD, ANNOTATION_RESTART_COUNT, LABEL_CONTAINER_NAME, LABEL_POD_NAME, LABEL_POD_NAMESPACE, LABEL_POD_UID } from './runtime-view';
import { containerMounts } from './volumes';

/** Why a container could not be started; becomes its waiting state. */
export class ContainerStartError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContainerStartError';
  }
}

export function podLogDirectory(logDir: string, pod: Pod): string {
  return join(logDir, `${pod.metadata.namespace}_${pod.metadata.name}_${pod.metadata.uid}`);
}

function podLabels(pod: Pod): Record<string, string> {
  return { [LABEL_POD_NAME]: pod.metadata.name ?? '', [LABEL_POD_NAMESPACE]: pod.metadata.namespace ?? '', [LABEL_POD_UID]: pod.metadata.uid ?? '' };
}

export function sandboxConfig(pod: Pod, attempt: number, logDir: string): PodSandboxConfig {
  const ports: PortMapping[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.hostPort) ports.push({ protocol: p.protocol ?? 'TCP', containerPort: p.containerPort, hostPort: p.hostPort, hostIp: p.hostIP });
  }
  return {
    metadata: { name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '', namespace: pod.metadata.namespace ?? '', attempt },
    hostname: pod.spec?.hostname ?? pod.metadata.name ?? '',
    logDirectory: podLogDirectory(logDir, pod),
    portMappings: ports,
    labels: { ...(pod.metadata.labels ?? {}), ...podLabels(pod) },
    annotations: { ...(pod.metadata.annotations ?? {}) },
  };
}

async function ensureImage(deps: PodSyncDeps, pod: Pod, container: Container): Promise<void> {
  const image = container.image ?? '';
  const ref = containerRef(pod, container.name);
  const policy = container.imagePullPolicy ?? (image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent');
  if (policy !== 'Always') {
    const present = (await deps.runtime.imageStatus({ image: { image } })).image !== undefined;
    if (present) {
      deps.events.event(ref, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      return;
    }
    if (policy === 'Never') {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      deps.events.event(ref, 'Warning', 'ErrImageNeverPull', message);
      throw new ContainerStartError('ErrImageNeverPull', message);
    }
  }
  deps.events.event(ref, 'Normal', 'Pulling', `Pulling image "${image}"`);
  const started = deps.clock.now();
  try {
    await deps.runtime.pullImage({ image: { image } });
  } catch (err) {
    const message = `Failed to pull image "${image}": ${(err as Error).message}`;
    deps.events.event(ref, 'Warning', 'Failed', message);
    throw new ContainerStartError('ErrImagePull', message);
  }
  const took = formatGoDuration(deps.clock.now() - started);
  deps.events.event(ref, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting)`);
}

export interface StartContext {
  sandboxId: string;
  sandboxConfig: PodSandboxConfig;
  podIPs: string[];
  volumePaths: Map<string, string>;
}

export async function startContainer(deps: PodSyncDeps, pod: Pod, container: Container, attempt: number, ctx: StartContext): Promise<string> {
  const ref = containerRef(pod, container.name);
  await ensureImage(deps, pod, container);
  let config: ContainerConfig;
  try {
    const env = await resolveEnv(pod, container, { objects: deps.objects, nodeAllocatable: deps.nodeAllocatable, podIPs: ctx.podIPs, hostIPs: deps.hostIPs });
    const { command, args } = expandCommand(container, env);
    config = {
      metadata: { name: container.name, attempt },
      image: { image: container.image ?? '' },
      command,
      args,
      workingDir: container.workingDir ?? '',
      envs: env.map((e) => ({ key: e.name, value: e.value })),
      mounts: containerMounts(container, ctx.volumePaths, env),
      labels: { ...podLabels(pod), [LABEL_CONTAINER_NAME]: container.name },
      annotations: {
        [ANNOTATION_RESTART_COUNT]: String(attempt),
        [ANNOTATION_GRACE_PERIOD]: String(pod.spec?.terminationGracePeriodSeconds ?? 30),
        'io.kubernetes.container.terminationMessagePath': container.terminationMessagePath ?? '/dev/termination-log',
      },
      logPath: `${container.name}/${attempt}.log`,
      stdin: container.stdin ?? false,
      stdinOnce: container.stdinOnce ?? false,
      tty: container.tty ?? false,
    };
  } catch (err) {
    if (err instanceof ContainerConfigError) {
      deps.events.event(ref, 'Warning', 'Failed', `Error: ${err.message}`);
      throw new ContainerStartError(err.reason, err.message);
    }
    throw err;
  }
  let containerId: string;
  try {
    containerId = (await deps.runtime.createContainer({ podSandboxId: ctx.sandboxId, config, sandboxConfig: ctx.sandboxConfig })).containerId;
  } catch (err) {
    deps.events.event(ref, 'Warning', 'Failed', `Error: ${(err as Error).message}`);
    throw new ContainerStartError('CreateContainerError', (err as Error).message);
  }
  deps.events.event(ref, 'Normal', 'Created', `Created container ${container.name}`);
  try {
    await deps.runtime.startContainer({ containerId });
  } catch (err) {
    deps.events.event(ref, 'Warning', 'Failed', `Error: ${(err as Error).message}`);
    throw new ContainerStartError('RunContainerError', (err as Error).message);
  }
  deps.events.event(ref, 'Normal', 'Started', `Started container ${container.name}`);
  return containerId;
}
