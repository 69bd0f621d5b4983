/**
 * Wires the garbage collector: an informer (with the owner-uid index) for every resource that can be
 * listed, watched and deleted, except Events, which Kubernetes' collector ignores too (they are many,
 * short-lived and never owners).
 */
import type { KubeObject } from '@tinykube/api';
import { allResources } from '@tinykube/api';
import { Controller, deletedObject, indexByOwnerUid, OWNER_UID_INDEX } from '@tinykube/client';
import { runController } from '../run';
import type { ControllerContext, ControllerDescriptor } from '../types';
import { GarbageCollector } from './garbage-collector';
import { Graph, type GraphSource } from './graph';

const IGNORED = new Set(['events']);

export const garbageCollectorDescriptor: ControllerDescriptor = {
  name: 'garbagecollector',
  aliases: ['garbage-collector-controller'],
  setup(ctx: ControllerContext) {
    const infos = allResources().filter((r) => ['list', 'watch', 'delete'].every((v) => r.verbs.includes(v)) && !IGNORED.has(r.resource));
    const informers = infos.map((info) => ctx.factory.informerFor<KubeObject>(info, { indexers: { [OWNER_UID_INDEX]: indexByOwnerUid } }));
    const sources: GraphSource[] = infos.map((info, i) => ({ info, indexer: informers[i].getIndexer() }));
    const runner: Controller = new Controller({
      name: 'garbagecollector',
      reconcile: ctx.metrics.instrument('garbagecollector', (key) => gc.reconcile(key)),
      waitFor: informers,
      workers: ctx.options.concurrentGcSyncs,
      logger: ctx.logger,
      clock: ctx.clock,
    });
    const gc = new GarbageCollector({ api: ctx.api, graph: new Graph(sources), enqueue: (key) => runner.enqueue(key) });
    sources.forEach((source, i) =>
      informers[i].addEventHandler({
        onAdd: (obj) => gc.onAddOrUpdate(source, undefined, obj),
        onUpdate: (old, obj) => gc.onAddOrUpdate(source, old, obj),
        onDelete: (obj) => gc.onDelete(deletedObject(obj)),
      }),
    );
    return { run: (signal) => runController(runner, signal) };
  },
};
