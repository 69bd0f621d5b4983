/**
 * The serial worker of one pod (one per pod UID): syncs never overlap, and while one runs, newer
 * desired states replace each other so only the newest is synced next. Its state is a union:
 * Syncing (run the pod), Terminating (stop it; after a deletion, also report and delete it from the
 * apiserver), Terminated (nothing left on this node).
 */
import { objectKey, type Pod, type PodStatus } from '@tinykube/api';
import { PodProber } from '../probe/pod-prober';
import { podRef, type PodSyncDeps } from './deps';
import { EMPTY_VIEW } from './runtime-view';
import { computePodStatus } from './status';
import { removePodFromRuntime, stopPodContainers, syncRunningPod, type PodSyncState } from './sync';
import { tearDownPodDir } from './volumes';
import { rm } from 'node:fs/promises';
import { podLogDirectory } from './container-start';

export type PodWorkerState =
  | { phase: 'Syncing' }
  | { phase: 'Terminating'; gracePeriodSeconds: number; deleteFromApi: boolean }
  | { phase: 'Terminated' };

export interface PodWorkerHooks {
  writeStatus(pod: Pod, status: PodStatus): Promise<void>;
  /** Deletes the pod object for good (gracePeriodSeconds=0, preconditioned on its UID). */
  deletePod(pod: Pod): Promise<void>;
  onTerminated(uid: string): void;
  /** How long to wait before syncing a pod again when nothing happens. */
  resyncMs: number;
}

const ERROR_RETRY_MS = 1000;

export class PodWorker {
  private desired: Pod;
  private state: PodWorkerState = { phase: 'Syncing' };
  private dirty = false;
  private loop: Promise<void> | undefined;
  private cancelTimer: (() => void) | undefined;
  private stopped = false;
  readonly sync: PodSyncState;

  constructor(
    pod: Pod,
    private readonly deps: PodSyncDeps,
    private readonly hooks: PodWorkerHooks,
  ) {
    this.desired = pod;
    this.sync = {
      waiting: new Map(),
      view: EMPTY_VIEW,
      stage: undefined,
      prober: new PodProber(deps.runtime, deps.clock, {
        onChange: () => this.kick(),
        onUnhealthy: (container, _kind, message) => deps.events.event(podRef(this.desired, `spec.containers{${container.name}}`), 'Warning', 'Unhealthy', message),
      }),
    };
  }

  get uid(): string {
    return this.desired.metadata.uid ?? '';
  }

  get pod(): Pod {
    return this.desired;
  }

  get workerState(): PodWorkerState {
    return this.state;
  }

  /** A newer desired state; it replaces any not yet synced. */
  update(pod: Pod): void {
    this.desired = pod;
    if (this.state.phase === 'Syncing' && pod.metadata.deletionTimestamp) {
      const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      this.state = { phase: 'Terminating', gracePeriodSeconds: grace, deleteFromApi: true };
    }
    this.kick();
  }

  /** The pod is gone from the apiserver (force-deleted, or deleted while this agent was away). */
  removed(): void {
    if (this.state.phase === 'Syncing') {
      const grace = this.desired.metadata.deletionGracePeriodSeconds ?? Math.min(this.desired.spec?.terminationGracePeriodSeconds ?? 30, 2);
      this.state = { phase: 'Terminating', gracePeriodSeconds: grace, deleteFromApi: false };
    } else if (this.state.phase === 'Terminating') {
      this.state = { ...this.state, deleteFromApi: false };
    }
    this.kick();
  }

  /** Syncs soon (a container changed, a probe result flipped, a timer fired). */
  kick(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (!this.loop) this.loop = this.run().finally(() => (this.loop = undefined));
  }

  /** Resolves when the syncs asked for so far have run. */
  async settled(): Promise<void> {
    while (this.loop) await this.loop;
  }

  /** Stops syncing (agent shutdown); containers keep running. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.sync.prober.stop();
    await this.loop;
  }

  private schedule(ms: number): void {
    this.cancelTimer?.();
    if (this.stopped || this.state.phase === 'Terminated') return;
    this.cancelTimer = this.deps.clock.setTimer(() => this.kick(), ms);
  }

  private async run(): Promise<void> {
    while (this.dirty && !this.stopped) {
      this.dirty = false;
      try {
        const next = await this.syncOnce();
        if (next !== undefined) this.schedule(next);
      } catch (err) {
        this.deps.logger.warn({ err, pod: objectKey(this.desired) }, 'pod sync failed; retrying');
        this.schedule(ERROR_RETRY_MS);
      }
    }
  }

  /** One sync; returns when to sync again (undefined: only when something happens). */
  private async syncOnce(): Promise<number | undefined> {
    const pod = this.desired;
    const state = this.state;
    switch (state.phase) {
      case 'Syncing': {
        const result = await syncRunningPod(this.deps, pod, this.sync);
        this.sync.stage = result.stage;
        await this.hooks.writeStatus(pod, this.status(pod));
        return Math.min(result.requeueAfterMs ?? this.hooks.resyncMs, this.hooks.resyncMs);
      }
      case 'Terminating': {
        this.sync.stage = { stage: 'Terminating', gracePeriodSeconds: state.gracePeriodSeconds };
        this.sync.prober.stop();
        this.sync.waiting = new Map();
        this.sync.view = await stopPodContainers(this.deps, pod, state.gracePeriodSeconds);
        // Whatever the restart policy, a deleted pod whose containers stopped is finished.
        if (this.currentDeleteFromApi()) await this.hooks.writeStatus(pod, this.status({ ...pod, spec: { containers: [], ...pod.spec, restartPolicy: 'Never' } }));
        await removePodFromRuntime(this.deps, this.sync.view);
        await tearDownPodDir(this.deps.rootDir, this.uid);
        await rm(podLogDirectory(this.deps.logDir, pod), { recursive: true, force: true });
        this.deps.backoff.forgetPrefix(`${this.uid}/`);
        if (this.currentDeleteFromApi()) await this.hooks.deletePod(pod);
        this.sync.stage = { stage: 'Terminated' };
        this.state = { phase: 'Terminated' };
        this.hooks.onTerminated(this.uid);
        return undefined;
      }
      case 'Terminated':
        return undefined;
    }
  }

  /** Read again: the pod may have vanished from the apiserver while containers were stopping. */
  private currentDeleteFromApi(): boolean {
    return this.state.phase === 'Terminating' && this.state.deleteFromApi;
  }

  private status(pod: Pod): PodStatus {
    return computePodStatus({
      pod,
      view: this.sync.view,
      waiting: this.sync.waiting,
      probes: this.sync.prober,
      hostIPs: this.deps.hostIPs,
      runtimeName: this.deps.runtimeName,
      nowMs: this.deps.clock.now(),
    });
  }
}
