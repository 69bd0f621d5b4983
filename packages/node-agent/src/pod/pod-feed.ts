/**
 * Where a node agent hears about its pods. A standalone agent watches `spec.nodeName=<node>` with its
 * own informer; hollow nodes share one informer over every bound pod and a router that hands each
 * pod to its node, so thousands of nodes cost one watch.
 */
import type { Pod } from '@tinykube/api';
import { deletedObject, type SharedIndexInformer, type SharedInformerFactory } from '@tinykube/client';

export interface PodSink {
  podChanged(pod: Pod): void;
  podDeleted(pod: Pod): void;
}

export interface PodFeed {
  /** Starts delivering this node's pods to `sink`; resolves once the initial list has been delivered. */
  subscribe(nodeName: string, sink: PodSink, signal: AbortSignal): Promise<void>;
}

/** An informer per subscribing node, with a field selector for that node. */
export function ownPodsFeed(factory: SharedInformerFactory): PodFeed {
  return {
    async subscribe(nodeName, sink, signal) {
      const informer = factory.informerFor<Pod>('pods', { fieldSelector: `spec.nodeName=${nodeName}` });
      attach(informer, () => sink);
      factory.start(signal);
      await informer.waitForSync(signal);
    },
  };
}

function attach(informer: SharedIndexInformer<Pod>, route: (pod: Pod) => PodSink | undefined): void {
  informer.addEventHandler({
    onAdd: (pod) => route(pod)?.podChanged(pod),
    onUpdate: (_old, pod) => route(pod)?.podChanged(pod),
    onDelete: (obj) => {
      const pod = deletedObject(obj);
      route(pod)?.podDeleted(pod);
    },
  });
}

/** One informer over every pod bound to some node, routed by spec.nodeName. */
export class SharedPodFeed implements PodFeed {
  private readonly sinks = new Map<string, PodSink>();
  private readonly informer: SharedIndexInformer<Pod>;
  private started = false;

  constructor(private readonly factory: SharedInformerFactory) {
    this.informer = factory.informerFor<Pod>('pods', { fieldSelector: 'spec.nodeName!=' });
    attach(this.informer, (pod) => this.sinks.get(pod.spec?.nodeName ?? ''));
  }

  async subscribe(nodeName: string, sink: PodSink, signal: AbortSignal): Promise<void> {
    this.sinks.set(nodeName, sink);
    signal.addEventListener('abort', () => this.sinks.delete(nodeName), { once: true });
    if (!this.started) {
      this.started = true;
      this.factory.start();
    }
    await this.informer.waitForSync(signal);
    // Pods listed before this node subscribed were routed nowhere: hand them over now.
    for (const pod of this.informer.getIndexer().list()) if (pod.spec?.nodeName === nodeName) sink.podChanged(pod);
  }
}
