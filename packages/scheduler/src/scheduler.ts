/**
 * The scheduling loop: pop a pod, run one cycle against a fresh snapshot, and either assume it on the
 * chosen node and bind it in the background, or record why it fits nowhere (a FailedScheduling Event
 * and the PodScheduled=False condition) and park it until the cluster changes.
 */
import { metaTime, type Node, type Pod, type PodCondition } from '@tinykube/api';
import { EventRecorder, isConflict, isNotFound, realClock, silentLogger, type Clock, type KubeClient, type Logger, type SharedIndexInformer } from '@tinykube/client';
import { SchedulerCache } from './cache/cache';
import { makePodInfo, withNodeName, type PodInfo } from './cache/node-info';
import { Snapshot } from './cache/snapshot';
import type { SchedulerConfig } from './config';
import { isAssigned, nodeEventHandler, podEventHandler, responsibleFor } from './event-handlers';
import { DECISION_ANNOTATION, SchedulingAlgorithm, type ScheduleResult, type SchedulingDecision } from './framework/algorithm';
import { Framework } from './framework/framework';
import { SchedulerMetrics, type AttemptResult } from './metrics';
import { SchedulingQueue, type QueuedPodInfo, type SchedulingQueueOptions } from './queue/scheduling-queue';

export interface SchedulerCoreOptions {
  client: KubeClient;
  config: SchedulerConfig;
  pods: SharedIndexInformer<Pod>;
  nodes: SharedIndexInformer<Node>;
  /** reportingInstance/source.host of this scheduler's events. */
  identity: string;
  /** Bindings in flight at once; the loop waits for a free slot before the next cycle (default 64). */
  parallelBindings?: number;
  /** Write a Normal `Scheduled` Event per bound pod, as kube-scheduler does (default true). */
  recordScheduledEvents?: boolean;
  queue?: Omit<SchedulingQueueOptions, 'clock'>;
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
  processMetrics?: boolean;
}

export interface SchedulerStats {
  scheduled: number;
  unschedulable: number;
  errors: number;
}

export class Scheduler {
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly metrics: SchedulerMetrics;
  readonly recorder: EventRecorder;
  private readonly snapshot = new Snapshot();
  private readonly algorithm: SchedulingAlgorithm;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly stats: SchedulerStats = { scheduled: 0, unschedulable: 0, errors: 0 };
  private readonly parallelBindings: number;
  private bindingsInFlight = 0;
  private slotWaiters: Array<() => void> = [];
  private readonly bindings = new Set<Promise<void>>();

  constructor(private readonly opts: SchedulerCoreOptions) {
    this.clock = opts.clock ?? realClock;
    this.logger = opts.logger ?? silentLogger();
    this.queue = new SchedulingQueue({ ...opts.queue, clock: this.clock });
    this.algorithm = new SchedulingAlgorithm(new Framework(opts.config.plugins), {
      percentageOfNodesToScore: opts.config.percentageOfNodesToScore,
      random: opts.random,
    });
    this.metrics = new SchedulerMetrics(opts.config.schedulerName, () => this.queue.lengths(), { processMetrics: opts.processMetrics });
    this.recorder = new EventRecorder(opts.client, { component: opts.config.schedulerName, host: opts.identity, clock: this.clock, logger: this.logger });
    this.parallelBindings = opts.parallelBindings ?? 64;
    const targets = { cache: this.cache, queue: this.queue, schedulerName: opts.config.schedulerName };
    opts.pods.addEventHandler(podEventHandler(targets));
    opts.nodes.addEventHandler(nodeEventHandler(targets));
  }

  counts(): SchedulerStats {
    return { ...this.stats };
  }

  /** Schedules until the signal aborts; then waits for bindings already started. */
  async run(signal: AbortSignal): Promise<void> {
    const synced = (await Promise.all([this.opts.pods.waitForSync(signal), this.opts.nodes.waitForSync(signal)])).every(Boolean);
    if (!synced) return;
    this.logger.info({ nodes: this.cache.nodeCount(), pending: this.queue.lengths() }, 'caches synced; scheduling');
    while (!signal.aborted) {
      if (!(await this.bindingSlot(signal))) break;
      const q = await this.queue.pop(signal);
      if (!q) break;
      try {
        this.scheduleOne(q);
      } catch (err) {
        this.logger.error({ err, pod: q.key }, 'scheduling cycle failed');
        this.queue.done(q.key);
      }
    }
    await Promise.all(this.bindings);
  }

  close(): void {
    this.queue.close();
  }

  /** One scheduling cycle; synchronous up to the point where binding goes to the background. */
  private scheduleOne(q: QueuedPodInfo): void {
    const start = this.clock.now();
    const cycle = this.queue.currentCycle();
    const pod = this.opts.pods.getIndexer().getByKey(q.key);
    // Gone, bound, being deleted or handed to another scheduler since it was queued: nothing to do.
    if (!pod || !responsibleFor(pod, this.opts.config.schedulerName) || this.cache.hasPod(q.key)) {
      this.queue.done(q.key);
      return;
    }
    this.cache.updateSnapshot(this.snapshot);
    let info: PodInfo;
    let result: ScheduleResult;
    try {
      info = makePodInfo(pod);
      result = this.algorithm.schedule(info, this.snapshot);
    } catch (err) {
      result = { phase: 'error', message: err instanceof Error ? err.message : String(err) };
    }
    if (result.phase !== 'scheduled') {
      this.record(result.phase === 'unschedulable' ? 'unschedulable' : 'error', start);
      this.handleFailure(q, pod, result.phase === 'unschedulable' ? 'Unschedulable' : 'SchedulerError', result.message, cycle);
      return;
    }
    const nodeName = result.nodeName;
    this.cache.assumePod(withNodeName(info!, nodeName), nodeName);
    this.queue.done(q.key);
    this.bindingsInFlight++;
    const p = this.bind(q, pod, nodeName, start, result.decision).finally(() => {
      this.bindings.delete(p);
      this.bindingsInFlight--;
      this.slotWaiters.shift()?.();
    });
    this.bindings.add(p);
  }

  private async bind(q: QueuedPodInfo, pod: Pod, nodeName: string, start: number, decision: SchedulingDecision): Promise<void> {
    const { namespace, name, uid } = pod.metadata;
    try {
      // The Binding's annotations land on the pod (as in Kubernetes): the decision travels with it.
      const annotations = { [DECISION_ANNOTATION]: JSON.stringify(decision) };
      await this.opts.client.resource('pods', namespace).bind(name!, nodeName, { uid, annotations });
    } catch (err) {
      this.cache.forgetPod(q.key);
      this.record('error', start);
      const message = err instanceof Error ? err.message : String(err);
      // 409: someone bound it first, or it is being deleted; 404: it is gone. The informer will say so.
      if (isConflict(err) || isNotFound(err)) {
        this.logger.info({ pod: q.key, node: nodeName, err: message }, 'binding not needed any more');
      } else {
        this.logger.warn({ pod: q.key, node: nodeName, err: message }, 'binding failed');
      }
      this.handleFailure(q, pod, 'SchedulerError', `Binding rejected: ${message}`, this.queue.currentCycle());
      return;
    }
    this.record('scheduled', start);
    if (this.opts.recordScheduledEvents ?? true) {
      this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${nodeName}`);
    }
  }

  private record(result: AttemptResult, start: number): void {
    if (result === 'scheduled') this.stats.scheduled++;
    else if (result === 'unschedulable') this.stats.unschedulable++;
    else this.stats.errors++;
    this.metrics.attempt(result, (this.clock.now() - start) / 1000);
  }

  /** Says why (Event + condition) and puts the pod back: parked if nothing fitted, backing off on errors. */
  private handleFailure(q: QueuedPodInfo, pod: Pod, reason: 'Unschedulable' | 'SchedulerError', message: string, cycle: number): void {
    const latest = this.opts.pods.getIndexer().getByKey(q.key);
    if (!latest || isAssigned(latest) || !responsibleFor(latest, this.opts.config.schedulerName)) {
      this.queue.done(q.key);
      return;
    }
    this.recorder.event(latest, 'Warning', 'FailedScheduling', message);
    if (reason === 'Unschedulable') this.queue.addUnschedulable(q, latest, cycle);
    else this.queue.addBackoff(q, latest);
    void this.setUnscheduledCondition(latest, reason, message);
  }

  /** PodScheduled=False with the reason and message, written only when it differs from what is there. */
  private async setUnscheduledCondition(pod: Pod, reason: string, message: string): Promise<void> {
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current && current.status === 'False' && current.reason === reason && current.message === message) return;
    const condition: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      reason,
      message,
      lastTransitionTime: current?.status === 'False' && current.lastTransitionTime ? current.lastTransitionTime : metaTime(this.clock.now()),
    };
    try {
      await this.opts.client.resource<Pod>('pods', pod.metadata.namespace).patch(pod.metadata.name!, { status: { conditions: [condition] } }, 'strategic', { subresource: 'status' });
    } catch (err) {
      // A pod deleted meanwhile has no status to update; anything else is worth a log line.
      if (!isNotFound(err)) this.logger.warn({ err, pod: pod.metadata.name }, 'could not update the PodScheduled condition');
    }
  }

  private bindingSlot(signal: AbortSignal): Promise<boolean> {
    if (this.bindingsInFlight < this.parallelBindings) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const onAbort = () => resolve(false);
      signal.addEventListener('abort', onAbort, { once: true });
      this.slotWaiters.push(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      });
    });
  }
}
