'use strict';
/**
 * One pod watch over all namespaces that timestamps, on this process's monotonic clock, when each pod
 * (by uid) was first seen (ADDED: its creation as a watcher sees it), first seen bound, first seen
 * Running, first seen terminating (deletionTimestamp set), and seen deleted. Both benchmarks read their latencies from here, so the client-side cost of
 * seeing an event is the same in every phase.
 */
const { performance } = require('node:perf_hooks');
const { KubeClient } = require('@tinykube/client');

class PodTimeline {
  constructor(url) {
    this.client = new KubeClient(url);
    this.pods = new Map();
    this.failure = undefined;
    this.stopped = false;
  }

  async start() {
    const list = await this.client.resource('pods').list();
    for (const p of list.items) this.observe('ADDED', p, performance.now());
    this.watch = await this.client.resource('pods').watch({ resourceVersion: list.metadata.resourceVersion });
    this.done = (async () => {
      try {
        for await (const ev of this.watch) {
          const now = performance.now();
          if (ev.type === 'ERROR') throw new Error(`watch error: ${JSON.stringify(ev.object)}`);
          if (ev.type === 'BOOKMARK') continue;
          this.observe(ev.type, ev.object, now);
        }
        if (!this.stopped) throw new Error('the pod watch ended');
      } catch (err) {
        if (!this.stopped) this.failure = err;
      }
    })();
  }

  observe(type, pod, now) {
    const uid = pod.metadata.uid;
    let t = this.pods.get(uid);
    if (!t) {
      t = { uid, namespace: pod.metadata.namespace, name: pod.metadata.name, added: now, bound: undefined, running: undefined, deleting: undefined, deleted: undefined, node: undefined };
      this.pods.set(uid, t);
    }
    if (pod.spec?.nodeName && t.bound === undefined) {
      t.bound = now;
      t.node = pod.spec.nodeName;
    }
    if (pod.status?.phase === 'Running' && t.running === undefined) t.running = now;
    if (pod.metadata.deletionTimestamp && t.deleting === undefined) t.deleting = now;
    if (type === 'DELETED') t.deleted = now;
  }

  /** Throws if the watch broke: a benchmark must not wait on a dead watch. */
  check() {
    if (this.failure) throw this.failure;
  }

  /** Timelines of the pods of one namespace (in order of first sight). */
  inNamespace(namespace) {
    return [...this.pods.values()].filter((t) => t.namespace === namespace);
  }

  /** Pods that exist (seen, not deleted) in a namespace. */
  present(namespace) {
    return this.inNamespace(namespace).filter((t) => t.deleted === undefined);
  }

  async stop() {
    this.stopped = true;
    this.watch?.stop();
    await this.done?.catch(() => undefined);
    this.client.close();
  }
}

module.exports = { PodTimeline };
