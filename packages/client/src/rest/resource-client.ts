/** Typed verbs on one resource, optionally scoped to a namespace: the dynamic client of client-go, typed by T. */
import type { Readable } from 'node:stream';
import type { Binding, DeleteOptions, KubeList, KubeObject, ResourceInfo, Status } from '@tinykube/api';
import { ConfigError } from '../errors';
import type { WatchStream } from '../watch/watch-stream';
import type { KubeClient, WatchTransport } from './client';
import { resourcePath, selectorString, withQuery, type SelectorInput } from './paths';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface ListOptions {
  labelSelector?: SelectorInput;
  fieldSelector?: SelectorInput;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  signal?: AbortSignal;
}

export interface WatchOptions extends Omit<ListOptions, 'limit' | 'continue' | 'resourceVersionMatch'> {
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  transport?: WatchTransport;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** For apply patches: take over fields other managers own. */
  force?: boolean;
  signal?: AbortSignal;
}

export interface LogOptions {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
  signal?: AbortSignal;
}

/** autoscaling/v1 Scale, the body of deployments/scale and replicasets/scale. */
export interface Scale extends KubeObject {
  spec?: { replicas?: number };
  status?: { replicas: number; selector?: string };
}

export class ResourceClient<T extends KubeObject = KubeObject> {
  constructor(
    readonly client: KubeClient,
    readonly info: ResourceInfo,
    readonly namespace?: string,
  ) {}

  /** The same resource in another namespace. */
  inNamespace(namespace: string): ResourceClient<T> {
    return new ResourceClient<T>(this.client, this.info, namespace);
  }

  private path(name?: string, subresource?: string, namespace = this.namespace): string {
    return resourcePath(this.info, namespace, name, subresource);
  }

  /** Namespace for a request naming one object: the client's, else the object's, else the config's default. */
  private namespaceFor(obj?: KubeObject): string | undefined {
    if (!this.info.namespaced) return undefined;
    return this.namespace ?? obj?.metadata.namespace ?? this.client.config.namespace;
  }

  private writeQuery(o: WriteOptions = {}) {
    return { dryRun: o.dryRun ? 'All' : undefined, fieldManager: o.fieldManager, fieldValidation: o.fieldValidation, force: o.force };
  }

  get(name: string, opts: { signal?: AbortSignal } = {}): Promise<T> {
    return this.client.request<T>({ method: 'GET', path: this.path(name, undefined, this.namespaceFor()), signal: opts.signal });
  }

  list(opts: ListOptions = {}): Promise<KubeList<T>> {
    const path = withQuery(this.path(), {
      labelSelector: selectorString(opts.labelSelector),
      fieldSelector: selectorString(opts.fieldSelector),
      limit: opts.limit,
      continue: opts.continue,
      resourceVersion: opts.resourceVersion,
      resourceVersionMatch: opts.resourceVersionMatch,
    });
    return this.client.request<KubeList<T>>({ method: 'GET', path, signal: opts.signal });
  }

  /** Lists in pages of `pageSize` (following `continue`) and returns one list. */
  async listAll(opts: Omit<ListOptions, 'limit' | 'continue'> & { pageSize?: number } = {}): Promise<KubeList<T>> {
    const first = await this.list({ ...opts, limit: opts.pageSize ?? 500 });
    const items = [...first.items];
    let token = first.metadata.continue;
    while (token) {
      const page = await this.list({ ...opts, limit: opts.pageSize ?? 500, continue: token });
      items.push(...page.items);
      token = page.metadata.continue;
    }
    return { ...first, metadata: { resourceVersion: first.metadata.resourceVersion }, items };
  }

  create(obj: T, opts: WriteOptions = {}): Promise<T> {
    const path = withQuery(this.path(undefined, undefined, this.namespaceFor(obj)), this.writeQuery(opts));
    return this.client.request<T>({ method: 'POST', path, body: obj, signal: opts.signal });
  }

  /** PUT: replaces the object; metadata.resourceVersion makes it conditional (409 Conflict if stale). */
  update(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.put(obj, undefined, opts);
  }

  updateStatus(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.put(obj, 'status', opts);
  }

  private put(obj: T, subresource: string | undefined, opts: WriteOptions): Promise<T> {
    const name = obj.metadata.name;
    if (!name) throw new ConfigError('update needs metadata.name');
    const path = withQuery(this.path(name, subresource, this.namespaceFor(obj)), this.writeQuery(opts));
    return this.client.request<T>({ method: 'PUT', path, body: obj, signal: opts.signal });
  }

  /** PATCH with the given patch type (merge by default); `subresource` patches e.g. status or scale. */
  patch<R extends KubeObject = T>(name: string, patch: unknown, type: PatchType = 'merge', opts: WriteOptions & { subresource?: string } = {}): Promise<R> {
    const path = withQuery(this.path(name, opts.subresource, this.namespaceFor()), this.writeQuery(opts));
    const body = type === 'apply' && typeof patch !== 'string' ? JSON.stringify(patch) : patch;
    return this.client.request<R>({ method: 'PATCH', path, body, contentType: PATCH_CONTENT_TYPES[type], signal: opts.signal });
  }

  /** DELETE; resolves with the object (when it lingers for finalizers or grace) or a Success Status. */
  delete(name: string, opts: Omit<DeleteOptions, 'apiVersion' | 'kind'> & { signal?: AbortSignal } = {}): Promise<T | Status> {
    const { signal, ...options } = opts;
    const body = Object.keys(options).length > 0 ? { apiVersion: 'v1', kind: 'DeleteOptions', ...options } : undefined;
    return this.client.request<T | Status>({ method: 'DELETE', path: this.path(name, undefined, this.namespaceFor()), body, signal });
  }

  /** Opens a watch; see WatchStream for how it ends. */
  watch(opts: WatchOptions = {}): Promise<WatchStream<T>> {
    const path = withQuery(this.path(), {
      watch: 'true',
      labelSelector: selectorString(opts.labelSelector),
      fieldSelector: selectorString(opts.fieldSelector),
      resourceVersion: opts.resourceVersion,
      allowWatchBookmarks: opts.allowWatchBookmarks ? 'true' : undefined,
      timeoutSeconds: opts.timeoutSeconds,
    });
    return this.client.watch<T>(path, { signal: opts.signal, transport: opts.transport });
  }

  getScale(name: string): Promise<Scale> {
    return this.client.request<Scale>({ method: 'GET', path: this.path(name, 'scale', this.namespaceFor()) });
  }

  updateScale(name: string, scale: Scale): Promise<Scale> {
    return this.client.request<Scale>({ method: 'PUT', path: this.path(name, 'scale', this.namespaceFor(scale)), body: scale });
  }

  patchScale(name: string, patch: unknown, type: PatchType = 'merge'): Promise<Scale> {
    return this.patch<Scale>(name, patch, type, { subresource: 'scale' });
  }

  /** POST pods/<name>/binding: what a scheduler does to put a pod on a node. */
  /** POST pods/<name>/binding; `annotations` on the Binding are copied onto the pod by the apiserver. */
  bind(podName: string, nodeName: string, opts: { uid?: string; annotations?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Status> {
    if (this.info.resource !== 'pods') throw new ConfigError(`binding is a subresource of pods, not ${this.info.resource}`);
    const namespace = this.namespaceFor();
    const binding: Binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: podName, namespace, ...(opts.uid ? { uid: opts.uid } : {}), ...(opts.annotations ? { annotations: opts.annotations } : {}) },
      target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
    };
    return this.client.request<Status>({ method: 'POST', path: this.path(podName, 'binding', namespace), body: binding, signal: opts.signal });
  }

  /** GET pods/<name>/log as a byte stream; with `follow` it stays open while the container runs. */
  logStream(podName: string, opts: LogOptions = {}): Promise<Readable> {
    if (this.info.resource !== 'pods') throw new ConfigError(`log is a subresource of pods, not ${this.info.resource}`);
    const path = withQuery(this.path(podName, 'log', this.namespaceFor()), {
      container: opts.container,
      follow: opts.follow ? 'true' : undefined,
      previous: opts.previous ? 'true' : undefined,
      tailLines: opts.tailLines,
      sinceSeconds: opts.sinceSeconds,
      sinceTime: opts.sinceTime,
      timestamps: opts.timestamps ? 'true' : undefined,
      limitBytes: opts.limitBytes,
    });
    return this.client.stream(path, { signal: opts.signal, accept: 'text/plain, */*' });
  }

  /** The whole log as text (not for `follow`). */
  async logs(podName: string, opts: Omit<LogOptions, 'follow'> = {}): Promise<string> {
    const stream = await this.logStream(podName, opts);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
