/** Wires the ReplicaSet controller to shared informers: handlers only do bookkeeping and enqueue keys. */
import type { Pod, ReplicaSet } from '@tinykube/api';
import { Controller, objectKey } from '@tinykube/client';
import { runController } from '../run';
import type { ControllerContext, ControllerDescriptor } from '../types';
import { ReplicaSetController } from './replicaset-controller';

export const replicaSetDescriptor: ControllerDescriptor = {
  name: 'replicaset',
  aliases: ['replicaset-controller'],
  setup(ctx: ControllerContext) {
    const pods = ctx.factory.informerFor<Pod>('pods');
    const replicaSets = ctx.factory.informerFor<ReplicaSet>('replicasets.apps');
    const runner: Controller = new Controller({
      name: 'replicaset',
      reconcile: ctx.metrics.instrument('replicaset', (key) => rs.reconcile(key)),
      waitFor: [pods, replicaSets],
      workers: ctx.options.concurrentReplicasetSyncs,
      logger: ctx.logger,
      clock: ctx.clock,
    });
    const rs = new ReplicaSetController({
      api: ctx.api,
      pods: pods.getIndexer(),
      replicaSets: replicaSets.getIndexer(),
      recorder: ctx.recorder('replicaset-controller'),
      clock: ctx.clock,
      enqueue: (key) => runner.enqueue(key),
      enqueueAfter: (key, ms) => runner.queue.addAfter(key, ms),
    });
    replicaSets.addEventHandler({
      onAdd: (obj) => runner.enqueue(objectKey(obj)),
      onUpdate: (_old, cur) => runner.enqueue(objectKey(cur)),
      onDelete: (obj) => rs.onReplicaSetDelete(obj),
    });
    pods.addEventHandler({
      onAdd: (p) => rs.onPodAdd(p),
      onUpdate: (o, n) => rs.onPodUpdate(o, n),
      onDelete: (p) => rs.onPodDelete(p),
    });
    return { run: (signal) => runController(runner, signal) };
  },
};
