/**
 * SharedInformerFactory: one informer (so one list and one watch) per resource and selector in a
 * process, however many controllers ask for it. Ask for informers first, then start() them all.
 */
import { setMaxListeners } from 'node:events';
import type { KubeObject } from '@tinykube/api';
import type { Logger } from 'pino';
import { realClock, type Clock } from '../clock';
import { silentLogger } from '../logger';
import type { KubeClient } from '../rest/client';
import { resolveResource, selectorString, type ResourceTarget, type SelectorInput } from '../rest/paths';
import type { IndexFunc } from './indexer';
import { SharedIndexInformer } from './informer';
import { listWatchFor } from './lister-watcher';

export interface InformerFactoryOptions {
  /** Watch only this namespace (default: all). */
  namespace?: string;
  defaultResyncMs?: number;
  clock?: Clock;
  logger?: Logger;
  minWatchTimeoutSeconds?: number;
}

export interface InformerRequest<T extends KubeObject> {
  namespace?: string;
  labelSelector?: SelectorInput;
  fieldSelector?: SelectorInput;
  indexers?: Record<string, IndexFunc<T>>;
}

export class SharedInformerFactory {
  private readonly informers = new Map<string, SharedIndexInformer<KubeObject>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly controller = ((c: AbortController) => {
    // Every request of every informer listens on this one signal; ten informers are normal, not a leak.
    setMaxListeners(0, c.signal);
    return c;
  })(new AbortController());
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(
    private readonly client: KubeClient,
    private readonly opts: InformerFactoryOptions = {},
  ) {
    this.clock = opts.clock ?? realClock;
    this.logger = opts.logger ?? silentLogger();
  }

  /** The shared informer for a resource (and namespace/selectors); created on first request. */
  informerFor<T extends KubeObject = KubeObject>(target: ResourceTarget, req: InformerRequest<T> = {}): SharedIndexInformer<T> {
    const info = resolveResource(target);
    const namespace = req.namespace ?? this.opts.namespace;
    const ls = selectorString(req.labelSelector);
    const fs = selectorString(req.fieldSelector);
    const key = [info.apiVersion, info.resource, namespace ?? '', ls ?? '', fs ?? ''].join('|');
    let informer = this.informers.get(key) as SharedIndexInformer<T> | undefined;
    if (!informer) {
      const name = `${info.resource}${info.group ? '.' + info.group : ''}${namespace ? ` in ${namespace}` : ''}`;
      informer = new SharedIndexInformer<T>(listWatchFor(this.client.resource<T>(info, namespace), { labelSelector: ls, fieldSelector: fs }), {
        name,
        clock: this.clock,
        logger: this.logger,
        resyncPeriodMs: this.opts.defaultResyncMs,
        minWatchTimeoutSeconds: this.opts.minWatchTimeoutSeconds,
      });
      this.informers.set(key, informer as unknown as SharedIndexInformer<KubeObject>);
    }
    // A second caller may need indexes the first did not ask for.
    const missing = Object.entries(req.indexers ?? {}).filter(([n]) => !informer!.getIndexer().hasIndex(n));
    if (missing.length > 0) informer.addIndexers(Object.fromEntries(missing));
    return informer;
  }

  /** Starts every informer not yet running; the signal (or shutdown()) stops them. */
  start(signal?: AbortSignal): void {
    signal?.addEventListener('abort', () => this.controller.abort(), { once: true });
    for (const [key, informer] of this.informers) {
      if (this.running.has(key)) continue;
      this.running.set(key, informer.run(this.controller.signal));
    }
  }

  /** Waits until every started informer has synced; resolves with each informer's result by name. */
  async waitForCacheSync(signal?: AbortSignal): Promise<Map<string, boolean>> {
    const result = new Map<string, boolean>();
    await Promise.all(
      [...this.informers.entries()]
        .filter(([key]) => this.running.has(key))
        .map(async ([, informer]) => result.set(informer.name, await informer.waitForSync(signal ?? this.controller.signal))),
    );
    return result;
  }

  /** Stops every informer and waits for their loops to end. */
  async shutdown(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.running.values());
  }
}
