/** Wires the Namespace controller to the namespace informer. */
import type { Namespace } from '@tinykube/api';
import { Controller, deletionKey, objectKey } from '@tinykube/client';
import { runController } from '../run';
import type { ControllerContext, ControllerDescriptor } from '../types';
import { NamespaceController } from './namespace-controller';

export const namespaceDescriptor: ControllerDescriptor = {
  name: 'namespace',
  aliases: ['namespace-controller'],
  setup(ctx: ControllerContext) {
    const namespaces = ctx.factory.informerFor<Namespace>('namespaces');
    const nc = new NamespaceController({ api: ctx.api, namespaces: namespaces.getIndexer(), clock: ctx.clock });
    const runner = new Controller({
      name: 'namespace',
      reconcile: ctx.metrics.instrument('namespace', (key) => nc.reconcile(key)),
      waitFor: [namespaces],
      workers: ctx.options.concurrentNamespaceSyncs,
      logger: ctx.logger,
      clock: ctx.clock,
    });
    namespaces.addEventHandler({
      onAdd: (n) => runner.enqueue(objectKey(n)),
      onUpdate: (_o, n) => runner.enqueue(objectKey(n)),
      onDelete: (n) => runner.enqueue(deletionKey(n)),
    });
    return { run: (signal) => runController(runner, signal) };
  },
};
