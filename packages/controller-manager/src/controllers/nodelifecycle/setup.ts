/**
 * Wires node lifecycle: the health monitor and NoExecute tainter run on timers; taint eviction is a
 * keyed controller over pods, fed by pod changes and by node taint changes.
 */
import type { Lease, Node, Pod } from '@tinykube/api';
import { Controller, deletedObject, indexByNodeName, NODE_NAME_INDEX, objectKey, sleep, type Clock } from '@tinykube/client';
import { runController } from '../run';
import type { ControllerContext, ControllerDescriptor } from '../types';
import { NODE_LEASE_NAMESPACE, NodeMonitor } from './node-monitor';
import { TaintEviction } from './taint-eviction';
import { taintsEqual } from './taints';

/** Kubernetes' nodeEvictionPeriod: how often the zone queues are looked at. */
const TAINT_QUEUE_PERIOD_MS = 100;

async function every(clock: Clock, ms: number, signal: AbortSignal, fn: () => Promise<void>): Promise<void> {
  while (!signal.aborted) {
    await fn();
    try {
      await sleep(clock, ms, signal);
    } catch {
      return;
    }
  }
}

export const nodeLifecycleDescriptor: ControllerDescriptor = {
  name: 'nodelifecycle',
  aliases: ['node-lifecycle-controller', 'taint-eviction-controller'],
  setup(ctx: ControllerContext) {
    const nodes = ctx.factory.informerFor<Node>('nodes');
    const leases = ctx.factory.informerFor<Lease>('leases.coordination.k8s.io', { namespace: NODE_LEASE_NAMESPACE });
    const pods = ctx.factory.informerFor<Pod>('pods', { indexers: { [NODE_NAME_INDEX]: indexByNodeName } });
    const o = ctx.options;
    const logger = ctx.logger.child({ controller: 'nodelifecycle' });
    const monitor = new NodeMonitor({
      api: ctx.api,
      nodes: nodes.getIndexer(),
      leases: leases.getIndexer(),
      pods: pods.getIndexer(),
      recorder: ctx.recorder('node-controller'),
      clock: ctx.clock,
      logger,
      options: {
        gracePeriodMs: o.nodeMonitorGracePeriodMs,
        startupGracePeriodMs: o.nodeStartupGracePeriodMs,
        evictionRate: o.nodeEvictionRate,
        secondaryEvictionRate: o.secondaryNodeEvictionRate,
        largeClusterSizeThreshold: o.largeClusterSizeThreshold,
        unhealthyZoneThreshold: o.unhealthyZoneThreshold,
      },
    });
    const eviction = new TaintEviction({ api: ctx.api, pods: pods.getIndexer(), nodes: nodes.getIndexer(), recorder: ctx.recorder('taint-eviction-controller'), clock: ctx.clock });
    const runner = new Controller({
      name: 'taint-eviction',
      reconcile: ctx.metrics.instrument('taint-eviction', (key) => eviction.reconcile(key)),
      waitFor: [nodes, pods],
      workers: 2,
      logger: ctx.logger,
      clock: ctx.clock,
    });
    const enqueuePod = (p: Pod) => {
      if (p.spec?.nodeName) runner.enqueue(objectKey(p));
    };
    const enqueueNodePods = (n: Node) => pods.getIndexer().byIndex(NODE_NAME_INDEX, n.metadata.name!).forEach(enqueuePod);
    pods.addEventHandler({ onAdd: enqueuePod, onUpdate: (_o, p) => enqueuePod(p) });
    nodes.addEventHandler({
      onUpdate: (old, cur) => {
        if (!taintsEqual(old.spec?.taints, cur.spec?.taints)) enqueueNodePods(cur);
      },
      onDelete: (n) => enqueueNodePods(deletedObject(n)),
    });
    return {
      run: async (signal) => {
        const synced = await Promise.all([nodes.waitForSync(signal), leases.waitForSync(signal), pods.waitForSync(signal)]);
        const loops = synced.every(Boolean)
          ? [
              every(ctx.clock, o.nodeMonitorPeriodMs, signal, () => monitor.monitor().catch((err: unknown) => logger.error({ err }, 'node monitor pass failed'))),
              every(ctx.clock, TAINT_QUEUE_PERIOD_MS, signal, () => monitor.processQueues().catch((err: unknown) => logger.error({ err }, 'tainting failed'))),
            ]
          : [];
        await Promise.all([runController(runner, signal), ...loops]);
      },
    };
  },
};
