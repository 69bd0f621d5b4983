/**
 * The node's heartbeat: a Lease named after the node in kube-node-lease, renewed every renewMs
 * (10 s), which the node lifecycle controller watches. The Lease is owned by the Node so it goes
 * with it. Failed renewals are retried sooner, doubling from 200 ms up to the renew interval.
 */
import { microTime, type Lease, type Node } from '@tinykube/api';
import { isConflict, isNotFound, type Clock, type KubeClient, type Logger } from '@tinykube/client';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const NODE_LEASE_DURATION_SECONDS = 40;

export interface LeaseOptions {
  client: KubeClient;
  node: Node;
  clock: Clock;
  logger: Logger;
  renewMs: number;
}

export class NodeLeaseHeartbeat {
  private lease: Lease | undefined;
  private cancel: (() => void) | undefined;
  private stopped = false;
  private retryMs = 200;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly opts: LeaseOptions) {}

  async start(): Promise<void> {
    await this.renew().catch((err: unknown) => this.opts.logger.warn({ err }, 'could not renew the node lease'));
    this.schedule(this.opts.renewMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    await this.inFlight;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancel = this.opts.clock.setTimer(() => {
      this.inFlight = this.renew()
        .then(
          () => {
            this.retryMs = 200;
            this.schedule(this.opts.renewMs);
          },
          (err: unknown) => {
            this.opts.logger.warn({ err }, 'could not renew the node lease');
            this.schedule(this.retryMs);
            this.retryMs = Math.min(this.retryMs * 2, this.opts.renewMs);
          },
        )
        .finally(() => (this.inFlight = undefined));
    }, ms);
  }

  private async renew(): Promise<void> {
    const leases = this.opts.client.resource<Lease>('leases.coordination.k8s.io', NODE_LEASE_NAMESPACE);
    const name = this.opts.node.metadata.name ?? '';
    const renewTime = microTime(this.opts.clock.now());
    if (this.lease) {
      try {
        this.lease = await leases.update({ ...this.lease, spec: { ...this.lease.spec, holderIdentity: name, renewTime } });
        return;
      } catch (err) {
        if (!isConflict(err) && !isNotFound(err)) throw err;
        this.lease = undefined;
      }
    }
    let current: Lease | undefined;
    try {
      current = await leases.get(name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (current) {
      this.lease = await leases.update({ ...current, spec: { ...current.spec, holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime } });
      return;
    }
    this.lease = await leases.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name,
        namespace: NODE_LEASE_NAMESPACE,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: this.opts.node.metadata.uid ?? '' }],
      },
      spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime },
    });
  }
}
