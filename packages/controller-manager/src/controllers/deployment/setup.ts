/** Wires the Deployment controller to shared informers. */
import type { Deployment, Pod, ReplicaSet } from '@tinykube/api';
import { Controller, deletionKey, indexByOwnerUid, objectKey, OWNER_UID_INDEX } from '@tinykube/client';
import { runController } from '../run';
import type { ControllerContext, ControllerDescriptor } from '../types';
import { DeploymentController } from './deployment-controller';

export const deploymentDescriptor: ControllerDescriptor = {
  name: 'deployment',
  aliases: ['deployment-controller'],
  setup(ctx: ControllerContext) {
    const deployments = ctx.factory.informerFor<Deployment>('deployments.apps');
    const replicaSets = ctx.factory.informerFor<ReplicaSet>('replicasets.apps');
    const pods = ctx.factory.informerFor<Pod>('pods', { indexers: { [OWNER_UID_INDEX]: indexByOwnerUid } });
    const runner: Controller = new Controller({
      name: 'deployment',
      reconcile: ctx.metrics.instrument('deployment', (key) => dc.reconcile(key)),
      waitFor: [deployments, replicaSets, pods],
      workers: ctx.options.concurrentDeploymentSyncs,
      logger: ctx.logger,
      clock: ctx.clock,
    });
    const dc = new DeploymentController({
      api: ctx.api,
      deployments: deployments.getIndexer(),
      replicaSets: replicaSets.getIndexer(),
      pods: pods.getIndexer(),
      recorder: ctx.recorder('deployment-controller'),
      clock: ctx.clock,
      enqueue: (key) => runner.enqueue(key),
    });
    deployments.addEventHandler({
      onAdd: (d) => runner.enqueue(objectKey(d)),
      onUpdate: (_o, d) => runner.enqueue(objectKey(d)),
      onDelete: (d) => runner.enqueue(deletionKey(d)),
    });
    replicaSets.addEventHandler({
      onAdd: (rs) => dc.onReplicaSetAdd(rs),
      onUpdate: (o, n) => dc.onReplicaSetUpdate(o, n),
      onDelete: (rs) => dc.onReplicaSetDelete(rs),
    });
    pods.addEventHandler({ onDelete: (p) => dc.onPodDelete(p) });
    return { run: (signal) => runController(runner, signal) };
  },
};
