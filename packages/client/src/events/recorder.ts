/**
 * EventRecorder: core/v1 Events about objects, as `kubectl describe` and `kubectl get events` show them.
 * Repeats of one event (same object, reason, message, type and source) are folded into the first Event
 * by bumping `count` and `lastTimestamp` with a PATCH, as Kubernetes' recorder does, so a controller that
 * retries forever does not flood the server. Writes happen in the background, one at a time; recording
 * never throws and never blocks the caller.
 */
import { hostname } from 'node:os';
import { metaTime, microTime, type Event, type EventType, type KubeObject, type ObjectReference } from '@tinykube/api';
import type { Logger } from 'pino';
import { realClock, type Clock } from '../clock';
import { isNotFound } from '../errors';
import { silentLogger } from '../logger';
import type { KubeClient } from '../rest/client';
import type { ResourceClient } from '../rest/resource-client';

export interface EventRecorderOptions {
  /** source.component and reportingComponent, e.g. 'default-scheduler', 'replicaset-controller'. */
  component: string;
  /** source.host and reportingInstance (default: this machine's hostname). */
  host?: string;
  clock?: Clock;
  logger?: Logger;
  /** How many distinct events to remember for folding repeats (default 4096, as Kubernetes). */
  cacheSize?: number;
  /** Writes waiting beyond this many are dropped with a log line (default 1000). */
  maxPending?: number;
}

interface Seen {
  name: string;
  namespace: string;
  count: number;
}

/** The reference an Event names; objects need apiVersion and kind (informer caches fill them in). */
export function objectReference(obj: KubeObject | ObjectReference): ObjectReference {
  if (!('metadata' in obj) || typeof obj.metadata !== 'object') return obj as ObjectReference;
  const o = obj as KubeObject;
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
    uid: o.metadata.uid,
    resourceVersion: o.metadata.resourceVersion,
  };
}

export class EventRecorder {
  private readonly events: ResourceClient<Event>;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly host: string;
  private readonly seen = new Map<string, Seen>();
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private lastNameMs = 0;
  private sameMsCount = 0;

  constructor(
    client: KubeClient,
    private readonly opts: EventRecorderOptions,
  ) {
    this.events = client.resource<Event>('events');
    this.clock = opts.clock ?? realClock;
    this.logger = opts.logger ?? silentLogger();
    this.host = opts.host ?? hostname();
  }

  /** Records an event about `obj`; returns at once (see flush()). */
  event(obj: KubeObject | ObjectReference, type: EventType, reason: string, message: string): void {
    const ref = objectReference(obj);
    if (!ref.kind || !ref.name) {
      this.logger.error({ reason, ref }, 'event not recorded: the object has no kind or name');
      return;
    }
    if (this.pending >= (this.opts.maxPending ?? 1000)) {
      this.logger.warn({ reason, object: ref.name }, 'event dropped: too many waiting to be written');
      return;
    }
    const now = this.clock.now();
    this.pending++;
    this.chain = this.chain
      .then(() => this.write(ref, type, reason, message, now))
      .catch((err: unknown) => this.logger.warn({ err, reason, object: ref.name }, 'could not write event'))
      .finally(() => this.pending--);
  }

  /** Resolves when every event recorded so far has been written (or has failed). */
  flush(): Promise<void> {
    return this.chain;
  }

  private aggregateKey(ref: ObjectReference, type: string, reason: string, message: string): string {
    return JSON.stringify([ref.apiVersion, ref.kind, ref.namespace, ref.name, ref.uid, reason, message, type, this.opts.component, this.host]);
  }

  private async write(ref: ObjectReference, type: EventType, reason: string, message: string, now: number): Promise<void> {
    const key = this.aggregateKey(ref, type, reason, message);
    const prior = this.seen.get(key);
    if (prior) {
      const count = prior.count + 1;
      try {
        await this.events.inNamespace(prior.namespace).patch(prior.name, { count, lastTimestamp: metaTime(now) }, 'merge');
        this.remember(key, { ...prior, count });
        return;
      } catch (err) {
        // The Event expired (events have a TTL) or was deleted: start a new one below.
        if (!isNotFound(err)) throw err;
        this.seen.delete(key);
      }
    }
    // Cluster-scoped objects (Nodes, Namespaces) get their events in `default`, as in Kubernetes.
    const namespace = ref.namespace || 'default';
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.eventName(ref.name!, now), namespace },
      involvedObject: ref,
      reason,
      message,
      source: { component: this.opts.component, host: this.host },
      firstTimestamp: metaTime(now),
      lastTimestamp: metaTime(now),
      // Second-precision timestamps cannot order a sub-second chain of events; eventTime keeps microseconds.
      eventTime: microTime(now),
      count: 1,
      type,
      reportingComponent: this.opts.component,
      reportingInstance: this.host,
      // An event with eventTime must say what was done; the reason is the closest thing we have.
      action: reason,
    };
    const created = await this.events.inNamespace(namespace).create(event);
    this.remember(key, { name: created.metadata.name ?? event.metadata.name!, namespace, count: 1 });
  }

  /**
   * Kubernetes names events <object>.<hex nanoseconds>. The clock gives milliseconds, so events within
   * one millisecond are told apart by counting nanoseconds up, keeping names unique in this process.
   */
  private eventName(objectName: string, now: number): string {
    this.sameMsCount = now === this.lastNameMs ? this.sameMsCount + 1 : 0;
    this.lastNameMs = now;
    return `${objectName}.${(BigInt(now) * 1_000_000n + BigInt(this.sameMsCount)).toString(16)}`;
  }

  private remember(key: string, seen: Seen): void {
    this.seen.delete(key);
    this.seen.set(key, seen);
    // A Map iterates in insertion order, so the first key is the least recently used.
    if (this.seen.size > (this.opts.cacheSize ?? 4096)) this.seen.delete(this.seen.keys().next().value!);
  }
}
