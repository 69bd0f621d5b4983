/**
 * All pods of one node: a PodWorker per pod UID fed by the pod informer, a relist of the runtime
 * (the kubelet's PLEG) that wakes a pod's worker when one of its containers changes state, a periodic
 * resync, and the cleanup of sandboxes no pod owns any more. A restarted agent finds its pods'
 * containers through the labels it put on them and carries on: it kills only what no pod wants.
 */
import type { Pod, PodStatus } from '@tinykube/api';
import { isNotFound, type KubeClient } from '@tinykube/client';
import type { PodSyncDeps } from './deps';
import { LABEL_POD_UID, readPodView } from './runtime-view';
import { PodWorker, type PodWorkerState } from './worker';
import { removePodFromRuntime } from './sync';
import { sameStatus } from './status';
import type { PodStage } from './lifecycle';

export interface PodManagerOptions {
  /** How often the runtime is listed to notice container changes (default 1 s). */
  relistMs: number;
  /** Sync every pod at least this often (ConfigMap/Secret volume refresh, default 10 s). */
  resyncMs: number;
}

export interface PodSummary {
  uid: string;
  namespace: string;
  name: string;
  worker: PodWorkerState;
  stage: PodStage | undefined;
}

export class PodManager {
  private readonly workers = new Map<string, PodWorker>();
  private readonly lastWritten = new Map<string, PodStatus>();
  /** Pods the informer reported deleted while their worker was still stopping them. */
  private readonly gone = new Set<string>();
  private relistSignatures = new Map<string, string>();
  private cancelRelist: (() => void) | undefined;
  private relisting: Promise<void> | undefined;
  private stopped = false;
  /** Set once the pod informer has synced: only then may unknown sandboxes be called orphans. */
  private podsSynced = false;

  constructor(
    private readonly deps: PodSyncDeps,
    private readonly client: KubeClient | undefined,
    private readonly opts: PodManagerOptions,
  ) {}

  /** The informer saw this pod (added or changed). */
  podChanged(pod: Pod): void {
    const uid = pod.metadata.uid;
    if (!uid || this.stopped) return;
    let worker = this.workers.get(uid);
    if (!worker) {
      worker = new PodWorker(pod, this.deps, {
        writeStatus: (p, s) => this.writeStatus(p, s),
        deletePod: (p) => this.deletePod(p),
        onTerminated: (id) => {
          this.lastWritten.delete(id);
          if (this.gone.delete(id)) this.workers.delete(id);
        },
        resyncMs: this.opts.resyncMs,
      });
      this.workers.set(uid, worker);
    }
    worker.update(pod);
  }

  /** The informer saw this pod go. */
  podDeleted(pod: Pod): void {
    const worker = pod.metadata.uid ? this.workers.get(pod.metadata.uid) : undefined;
    if (!worker) return;
    if (worker.workerState.phase === 'Terminated') {
      this.workers.delete(worker.uid);
      return;
    }
    this.gone.add(worker.uid);
    worker.removed();
  }

  /** The pod list is complete; starts the relist loop (which also finds orphans). */
  start(): void {
    this.podsSynced = true;
    this.scheduleRelist(0);
  }

  pods(): PodSummary[] {
    return [...this.workers.values()].map((w) => ({
      uid: w.uid,
      namespace: w.pod.metadata.namespace ?? '',
      name: w.pod.metadata.name ?? '',
      worker: w.workerState,
      stage: w.sync.stage,
    }));
  }

  /** The worker of a pod by namespace and name (for the log server). */
  findPod(namespace: string, name: string): PodWorker | undefined {
    for (const w of this.workers.values()) if (w.pod.metadata.namespace === namespace && w.pod.metadata.name === name && w.workerState.phase !== 'Terminated') return w;
    return undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelRelist?.();
    await this.relisting;
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
  }

  private scheduleRelist(ms: number): void {
    if (this.stopped) return;
    this.cancelRelist = this.deps.clock.setTimer(() => {
      this.relisting = this.relist()
        .catch((err: unknown) => this.deps.logger.warn({ err }, 'runtime relist failed'))
        .finally(() => {
          this.relisting = undefined;
          this.scheduleRelist(this.opts.relistMs);
        });
    }, ms);
  }

  /** Lists the runtime's containers and wakes the workers of pods whose containers changed. */
  private async relist(): Promise<void> {
    const [containers, sandboxes] = await Promise.all([this.deps.runtime.listContainers({}), this.deps.runtime.listPodSandbox({})]);
    const byUid = new Map<string, string[]>();
    const note = (uid: string | undefined, sig: string) => {
      if (!uid) return;
      const list = byUid.get(uid) ?? [];
      list.push(sig);
      byUid.set(uid, list);
    };
    for (const s of sandboxes.items) note(s.labels[LABEL_POD_UID], `s:${s.id}:${s.state}`);
    for (const c of containers.containers) note(c.labels[LABEL_POD_UID], `c:${c.id}:${c.state}`);
    const next = new Map<string, string>();
    for (const [uid, sigs] of byUid) next.set(uid, sigs.sort().join(','));
    for (const [uid, sig] of next) {
      if (this.relistSignatures.get(uid) === sig) continue;
      const worker = this.workers.get(uid);
      if (worker) worker.kick();
      else if (this.podsSynced) await this.removeOrphan(uid);
    }
    this.relistSignatures = next;
  }

  /** A sandbox whose pod no longer exists (deleted while this agent was down): stop and remove it. */
  private async removeOrphan(uid: string): Promise<void> {
    const view = await readPodView(this.deps.runtime, uid);
    this.deps.logger.info({ uid }, 'removing the containers of a pod that no longer exists');
    await Promise.all(view.containers.filter((c) => c.state === 'CONTAINER_RUNNING').map((c) => this.deps.runtime.stopContainer({ containerId: c.id, timeout: 2 }).catch(() => undefined)));
    await removePodFromRuntime(this.deps, view);
  }

  private async writeStatus(pod: Pod, status: PodStatus): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    if (sameStatus(this.lastWritten.get(uid), status) || sameStatus(pod.status, status)) return;
    if (this.client) {
      try {
        await this.client.resource<Pod>('pods', pod.metadata.namespace).patch(pod.metadata.name ?? '', { status }, 'merge', { subresource: 'status' });
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
    }
    this.lastWritten.set(uid, status);
  }

  private async deletePod(pod: Pod): Promise<void> {
    if (!this.client) return;
    try {
      await this.client.resource<Pod>('pods', pod.metadata.namespace).delete(pod.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
