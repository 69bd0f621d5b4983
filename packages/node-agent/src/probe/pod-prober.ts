/**
 * The probes of one pod: a ProbeWorker per (running container instance, probe kind), started and
 * stopped as the pod's containers come and go, and the answers the status computation and the pod
 * worker ask for (is this instance ready, started, or due for a restart).
 */
import type { Container, Pod } from '@tinykube/api';
import type { Clock } from '@tinykube/client';
import type { CriRuntime } from '@tinykube/runtime';
import type { ContainerInstance, PodRuntimeView } from '../pod/runtime-view';
import type { ProbeResults } from '../pod/status';
import { PROBE_EVENT_NAMES, ProbeWorker, type ProbeKind } from './probe-worker';
import { runProbe } from './run-probe';

export interface PodProberHooks {
  /** A result changed: the pod should be synced again (status, or a restart). */
  onChange(): void;
  /** A probe attempt failed: becomes an Unhealthy event. */
  onUnhealthy(container: Container, kind: ProbeKind, message: string): void;
}

/** Why a container instance must be restarted, when a liveness or startup probe gave up on it. */
export interface ProbeKill {
  containerId: string;
  message: string;
}

export class PodProber implements ProbeResults {
  private readonly workers = new Map<string, ProbeWorker>();
  private readonly kills = new Map<string, string>();

  constructor(
    private readonly runtime: Pick<CriRuntime, 'execSync'>,
    private readonly clock: Clock,
    private readonly hooks: PodProberHooks,
  ) {}

  /** Starts workers for newly running instances and stops those of instances that are gone. */
  sync(pod: Pod, view: PodRuntimeView): void {
    const podIP = view.sandboxes[0]?.ips[0] ?? '127.0.0.1';
    const wanted = new Set<string>();
    const specs = [...(pod.spec?.containers ?? [])];
    for (const instance of view.containers) {
      if (instance.state !== 'CONTAINER_RUNNING') continue;
      const spec = specs.find((c) => c.name === instance.name);
      if (!spec) continue;
      for (const kind of ['startup', 'liveness', 'readiness'] as const) {
        const probe = kind === 'startup' ? spec.startupProbe : kind === 'liveness' ? spec.livenessProbe : spec.readinessProbe;
        if (!probe) continue;
        const key = `${instance.id}/${kind}`;
        wanted.add(key);
        if (!this.workers.has(key)) this.startWorker(key, kind, spec, instance, podIP);
      }
    }
    for (const [key, worker] of this.workers) {
      if (wanted.has(key)) continue;
      worker.stop();
      this.workers.delete(key);
    }
    for (const id of this.kills.keys()) if (!view.containers.some((c) => c.id === id && c.state === 'CONTAINER_RUNNING')) this.kills.delete(id);
  }

  private startWorker(key: string, kind: ProbeKind, spec: Container, instance: ContainerInstance, podIP: string): void {
    const worker = new ProbeWorker({
      kind,
      probe: kind === 'startup' ? spec.startupProbe! : kind === 'liveness' ? spec.livenessProbe! : spec.readinessProbe!,
      startedAtMs: instance.startedAtMs || this.clock.now(),
      clock: this.clock,
      attempt: () => runProbe(kind === 'startup' ? spec.startupProbe! : kind === 'liveness' ? spec.livenessProbe! : spec.readinessProbe!, { podIP, container: spec, containerId: instance.id, runtime: this.runtime }),
      mayRun: () => kind === 'startup' || this.started(instance.id),
      onFailedAttempt: (output) => this.hooks.onUnhealthy(spec, kind, `${PROBE_EVENT_NAMES[kind]} probe failed: ${output}`),
      onResult: (ok) => {
        if (!ok && kind !== 'readiness') this.kills.set(instance.id, `Container ${spec.name} failed ${kind} probe, will be restarted`);
        this.hooks.onChange();
      },
    });
    this.workers.set(key, worker);
    worker.start();
  }

  ready(containerId: string): boolean {
    const w = this.workers.get(`${containerId}/readiness`);
    return w ? w.result : true;
  }

  started(containerId: string): boolean {
    const w = this.workers.get(`${containerId}/startup`);
    return w ? w.result : true;
  }

  /** Instances a liveness or startup probe gave up on. */
  pendingKills(): ProbeKill[] {
    return [...this.kills].map(([containerId, message]) => ({ containerId, message }));
  }

  stop(): void {
    for (const w of this.workers.values()) w.stop();
    this.workers.clear();
    this.kills.clear();
  }
}
