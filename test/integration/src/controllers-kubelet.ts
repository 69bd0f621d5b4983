/**
 * A stand-in for the scheduler and the node agents in controller tests (neither exists yet): it
 * registers Nodes, renews their Leases in kube-node-lease, binds pending pods to live nodes round-robin
 * (pods/binding), reports bound pods Running and Ready with an IP (pods/status), and completes the
 * graceful deletion of pods on its nodes (DELETE with gracePeriodSeconds=0), as a node agent does.
 * Stopping a node stops all of that for it, like a node agent that died.
 */
import { metaTime, microTime, type Lease, type Node, type Pod } from '@tinykube/api';
import { Controller, isConflict, isNotFound, objectKey, SharedInformerFactory, splitKey, type KubeClient } from '@tinykube/client';

export interface FakeKubeletOptions {
  nodes: string[];
  /** Pods report Ready this long after they were bound (default 0). */
  readyDelayMs?: number;
  leaseRenewMs?: number;
}

const now = () => metaTime(Date.now());
const micro = () => microTime(Date.now());

export class FakeKubelet {
  private readonly alive = new Set<string>();
  private readonly abort = new AbortController();
  private readonly factory: SharedInformerFactory;
  private readonly controller: Controller;
  private nextNode = 0;
  private nextIp = 10;
  private leaseTimer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly opts: FakeKubeletOptions,
  ) {
    this.factory = new SharedInformerFactory(client);
    const pods = this.factory.informerFor<Pod>('pods');
    this.controller = new Controller({
      name: 'fake-kubelet',
      workers: 4,
      waitFor: [pods],
      reconcile: async (key) => {
        const pod = pods.getIndexer().getByKey(key);
        return pod ? this.handle(pod) : undefined;
      },
    });
    pods.addEventHandler({ onAdd: (p) => this.controller.enqueue(objectKey(p)), onUpdate: (_o, p) => this.controller.enqueue(objectKey(p)) });
  }

  async start(): Promise<void> {
    for (const name of this.opts.nodes) await this.registerNode(name);
    this.factory.start(this.abort.signal);
    this.running = this.controller.run(this.abort.signal);
    this.leaseTimer = setInterval(() => void this.renewLeases(), this.opts.leaseRenewMs ?? 500);
  }

  async stop(): Promise<void> {
    clearInterval(this.leaseTimer);
    this.abort.abort();
    await this.running;
    await this.factory.shutdown();
  }

  /** The node agent dies: no more Lease renewals, pod updates or deletions for it. */
  stopNode(name: string): void {
    this.alive.delete(name);
  }

  /** The node agent comes back: renews its Lease and reports the node Ready again. */
  async reviveNode(name: string): Promise<void> {
    this.alive.add(name);
    await this.renewLease(name);
    await this.postReady(name);
  }

  private async registerNode(name: string): Promise<void> {
    await this.client.resource<Node>('nodes').create({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
    await this.postReady(name);
    await this.client.resource<Lease>('leases.coordination.k8s.io', 'kube-node-lease').create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: 'kube-node-lease' },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: micro() },
    });
    this.alive.add(name);
  }

  private async postReady(name: string): Promise<void> {
    const api = this.client.resource<Node>('nodes');
    for (;;) {
      const node = await api.get(name);
      const t = now();
      node.status = {
        ...node.status,
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t, lastTransitionTime: t }],
      };
      try {
        await api.updateStatus(node);
        return;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
  }

  private async renewLeases(): Promise<void> {
    await Promise.all([...this.alive].map((n) => this.renewLease(n).catch(() => undefined)));
  }

  private async renewLease(name: string): Promise<void> {
    await this.client.resource<Lease>('leases.coordination.k8s.io', 'kube-node-lease').patch(name, { spec: { renewTime: micro() } }, 'merge');
  }

  private async handle(pod: Pod): Promise<void | { requeueAfterMs: number }> {
    const { namespace, name } = splitKey(objectKey(pod));
    const api = this.client.resource<Pod>('pods', namespace);
    const nodeName = pod.spec?.nodeName;
    try {
      if (!nodeName) {
        if (pod.metadata.deletionTimestamp) return;
        const live = [...this.alive];
        if (live.length === 0) return;
        await api.bind(name, live[this.nextNode++ % live.length]);
        return;
      }
      if (!this.alive.has(nodeName)) return;
      if (pod.metadata.deletionTimestamp) {
        await api.delete(name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
        return;
      }
      const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      if (pod.status?.phase === 'Running' && ready) return;
      const scheduled = Date.parse(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.lastTransitionTime ?? '') || Date.now();
      const wait = scheduled + (this.opts.readyDelayMs ?? 0) - Date.now();
      if (wait > 0) return { requeueAfterMs: wait };
      const t = now();
      const ip = pod.status?.podIP ?? `10.244.0.${this.nextIp++}`;
      await api.updateStatus({
        ...pod,
        status: {
          ...pod.status,
          phase: 'Running',
          podIP: ip,
          podIPs: [{ ip }],
          hostIP: '127.0.0.1',
          startTime: pod.status?.startTime ?? t,
          conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({ type, status: 'True' as const, lastTransitionTime: t })),
        },
      });
    } catch (err) {
      // Gone or changed meanwhile: the informer brings the next state.
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }
}
