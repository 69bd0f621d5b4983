/** Wires the Endpoints controller to shared informers. */
import type { Endpoints, Pod, Service } from '@tinykube/api';
import { Controller, deletionKey, objectKey } from '@tinykube/client';
import { runController } from '../run';
import type { ControllerContext, ControllerDescriptor } from '../types';
import { EndpointsController } from './endpoints-controller';

export const endpointsDescriptor: ControllerDescriptor = {
  name: 'endpoint',
  aliases: ['endpoints', 'endpoints-controller'],
  setup(ctx: ControllerContext) {
    const services = ctx.factory.informerFor<Service>('services');
    const pods = ctx.factory.informerFor<Pod>('pods');
    const endpoints = ctx.factory.informerFor<Endpoints>('endpoints');
    const runner: Controller = new Controller({
      name: 'endpoint',
      reconcile: ctx.metrics.instrument('endpoint', (key) => ec.reconcile(key)),
      waitFor: [services, pods, endpoints],
      workers: ctx.options.concurrentEndpointSyncs,
      logger: ctx.logger,
      clock: ctx.clock,
    });
    const ec = new EndpointsController({
      api: ctx.api,
      services: services.getIndexer(),
      pods: pods.getIndexer(),
      endpoints: endpoints.getIndexer(),
      enqueue: (key) => runner.enqueue(key),
    });
    services.addEventHandler({
      onAdd: (s) => runner.enqueue(objectKey(s)),
      onUpdate: (_o, s) => runner.enqueue(objectKey(s)),
      onDelete: (s) => runner.enqueue(deletionKey(s)),
    });
    // An Endpoints deleted or edited by someone else is put back.
    endpoints.addEventHandler({
      onUpdate: (_o, e) => runner.enqueue(objectKey(e)),
      onDelete: (e) => runner.enqueue(deletionKey(e)),
    });
    pods.addEventHandler({
      onAdd: (p) => ec.onPodAdd(p),
      onUpdate: (o, n) => ec.onPodUpdate(o, n),
      onDelete: (p) => ec.onPodDelete(p),
    });
    return { run: (signal) => runController(runner, signal) };
  },
};
