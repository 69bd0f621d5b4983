/**
 * A recording fake of the API the controllers write through, like client-go's fake clientset: objects
 * live in a map, every call is appended to `actions`, and reactors can fail chosen calls. Unit tests
 * pre-fill informer caches (see `indexerWith`), run one reconcile, and compare the actions it took.
 */
import {
  findKind,
  strategicMergePatch,
  type KubeList,
  type KubeObject,
  type Status,
  type StatusReason,
} from '@tinykube/api';
import { Indexer, indexByNamespace, NAMESPACE_INDEX, resolveResource, StatusError, type IndexFunc, type ListOptions, type PatchType, type ResourceTarget } from '@tinykube/client';
import type { ApiClient, DeleteOpts, ResourceApi } from '../api';

export type Verb = 'get' | 'list' | 'create' | 'update' | 'patch' | 'delete' | 'put';

export interface Action {
  verb: Verb;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  body?: unknown;
  patchType?: PatchType;
  options?: DeleteOpts;
}

/** Returns an error to fail the call with, or undefined to let it through. */
export type Reactor = (action: Action) => Error | undefined;

export function statusError(code: number, reason: StatusReason, message: string): StatusError {
  return new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code, reason, message });
}

const FIXED_TIME = '2024-01-01T00:00:00Z';

export class FakeApi implements ApiClient {
  readonly actions: Action[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private readonly reactors: Array<{ verb: Verb | '*'; resource: string | '*'; fn: Reactor }> = [];
  private seq = 0;
  private rv = 100;

  constructor(objects: KubeObject[] = []) {
    this.seed(...objects);
  }

  /** Puts objects in the fake store without recording actions (they need apiVersion and kind). */
  seed(...objs: KubeObject[]): void {
    for (const o of objs) {
      const info = findKind(o.apiVersion ?? '', o.kind ?? '');
      if (!info) throw new Error(`fake api: unknown kind ${o.apiVersion}/${o.kind}`);
      this.objects.set(storeKey(info.resource, o.metadata.namespace, o.metadata.name!), structuredClone(o));
    }
  }

  /** Fails calls matching verb and resource ('*' for any) while `fn` returns an error. */
  react(verb: Verb | '*', resource: string, fn: Reactor): void {
    this.reactors.push({ verb, resource, fn });
  }

  object<T extends KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    return this.objects.get(storeKey(resource, namespace, name)) as T | undefined;
  }

  list<T extends KubeObject>(resource: string): T[] {
    return [...this.objects.entries()].filter(([k]) => k.startsWith(`${resource}|`)).map(([, v]) => v as T);
  }

  /** Writes only, as "verb resource[/sub] ns/name", the form tests compare. */
  writes(): string[] {
    return this.actions
      .filter((a) => a.verb !== 'get' && a.verb !== 'list')
      .map((a) => `${a.verb} ${a.resource}${a.subresource ? '/' + a.subresource : ''} ${a.namespace ? a.namespace + '/' : ''}${a.name ?? ''}`);
  }

  clearActions(): void {
    this.actions.length = 0;
  }

  resource<T extends KubeObject = KubeObject>(target: ResourceTarget, namespace?: string): ResourceApi<T> {
    return new FakeResource<T>(this, resolveResource(target).resource, namespace);
  }

  putSubresource<T extends KubeObject>(target: ResourceTarget, obj: T, subresource: string): Promise<T> {
    const resource = resolveResource(target).resource;
    return this.call({ verb: 'put', resource, namespace: obj.metadata.namespace, name: obj.metadata.name, subresource, body: obj }, () => {
      const cur = this.mustGet(resource, obj.metadata.namespace, obj.metadata.name!);
      const next = { ...structuredClone(cur), spec: structuredClone(obj.spec) } as KubeObject;
      if (subresource === 'finalize' && next.metadata.deletionTimestamp && ((next.spec as { finalizers?: string[] }).finalizers ?? []).length === 0) {
        this.objects.delete(storeKey(resource, obj.metadata.namespace, obj.metadata.name!));
        return next as T;
      }
      return this.store(resource, next) as T;
    });
  }

  /** Runs reactors, records the action, then the operation. */
  async call<R>(action: Action, op: () => R): Promise<R> {
    this.actions.push(action);
    for (const r of this.reactors) {
      if ((r.verb === '*' || r.verb === action.verb) && (r.resource === '*' || r.resource === action.resource)) {
        const err = r.fn(action);
        if (err) throw err;
      }
    }
    return structuredClone(op());
  }

  mustGet(resource: string, namespace: string | undefined, name: string): KubeObject {
    const obj = this.objects.get(storeKey(resource, namespace, name));
    if (!obj) throw statusError(404, 'NotFound', `${resource} "${name}" not found`);
    return obj;
  }

  store(resource: string, obj: KubeObject): KubeObject {
    obj.metadata.resourceVersion = String(++this.rv);
    this.objects.set(storeKey(resource, obj.metadata.namespace, obj.metadata.name!), obj);
    return obj;
  }

  create(resource: string, namespace: string | undefined, obj: KubeObject): KubeObject {
    const o = structuredClone(obj);
    const n = ++this.seq;
    o.metadata.namespace = o.metadata.namespace ?? namespace;
    if (!o.metadata.name) o.metadata.name = `${o.metadata.generateName ?? 'obj-'}${String(n).padStart(5, 'x')}`;
    if (this.objects.has(storeKey(resource, o.metadata.namespace, o.metadata.name))) {
      throw statusError(409, 'AlreadyExists', `${resource} "${o.metadata.name}" already exists`);
    }
    o.metadata.uid = o.metadata.uid ?? `uid-${o.metadata.name}`;
    o.metadata.creationTimestamp = o.metadata.creationTimestamp ?? FIXED_TIME;
    o.metadata.generation = 1;
    return this.store(resource, o);
  }

  remove(resource: string, namespace: string | undefined, name: string, opts: DeleteOpts = {}): KubeObject | Status {
    const cur = structuredClone(this.mustGet(resource, namespace, name));
    if (opts.preconditions?.uid && opts.preconditions.uid !== cur.metadata.uid) throw statusError(409, 'Conflict', 'Precondition failed: UID');
    const finalizer = opts.propagationPolicy === 'Foreground' ? 'foregroundDeletion' : opts.propagationPolicy === 'Orphan' ? 'orphan' : undefined;
    const finalizers = [...(cur.metadata.finalizers ?? [])];
    if (finalizer && !finalizers.includes(finalizer)) finalizers.push(finalizer);
    if (finalizers.length > 0) {
      cur.metadata.finalizers = finalizers;
      cur.metadata.deletionTimestamp = cur.metadata.deletionTimestamp ?? FIXED_TIME;
      return this.store(resource, cur);
    }
    this.objects.delete(storeKey(resource, namespace, name));
    return { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success', code: 200 };
  }
}

class FakeResource<T extends KubeObject> implements ResourceApi<T> {
  constructor(
    private readonly fake: FakeApi,
    private readonly resource: string,
    private readonly namespace: string | undefined,
  ) {}

  private ns(obj?: KubeObject): string | undefined {
    return this.namespace ?? obj?.metadata.namespace;
  }

  get(name: string): Promise<T> {
    return this.fake.call({ verb: 'get', resource: this.resource, namespace: this.namespace, name }, () => this.fake.mustGet(this.resource, this.namespace, name) as T);
  }

  list(_opts?: ListOptions): Promise<KubeList<T>> {
    return this.fake.call({ verb: 'list', resource: this.resource, namespace: this.namespace }, () => ({
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '1' },
      items: this.fake.list<T>(this.resource).filter((o) => this.namespace === undefined || o.metadata.namespace === this.namespace),
    }));
  }

  create(obj: T): Promise<T> {
    return this.fake.call({ verb: 'create', resource: this.resource, namespace: this.ns(obj), name: obj.metadata.name, body: obj }, () => this.fake.create(this.resource, this.ns(obj), obj) as T);
  }

  update(obj: T): Promise<T> {
    return this.put(obj, undefined);
  }

  updateStatus(obj: T): Promise<T> {
    return this.put(obj, 'status');
  }

  private put(obj: T, subresource: string | undefined): Promise<T> {
    const ns = this.ns(obj);
    return this.fake.call({ verb: 'update', resource: this.resource, namespace: ns, name: obj.metadata.name, subresource, body: obj }, () => {
      const cur = this.fake.mustGet(this.resource, ns, obj.metadata.name!);
      if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== cur.metadata.resourceVersion) {
        throw statusError(409, 'Conflict', 'the object has been modified; please apply your changes to the latest version and try again');
      }
      const next: KubeObject = subresource === 'status' ? { ...structuredClone(cur), status: structuredClone(obj.status) } : structuredClone(obj);
      return this.fake.store(this.resource, next) as T;
    });
  }

  patch<R extends KubeObject = T>(name: string, patch: unknown, type: PatchType = 'merge', opts: { subresource?: string } = {}): Promise<R> {
    const action: Action = { verb: 'patch', resource: this.resource, namespace: this.namespace, name, subresource: opts.subresource, body: patch, patchType: type };
    return this.fake.call(action, () => {
      const cur = this.fake.mustGet(this.resource, this.namespace, name);
      const doc = patch as Record<string, unknown>;
      const next = (type === 'strategic' ? strategicMergePatch(cur.kind ?? '', cur, doc) : mergePatch(cur, doc)) as KubeObject;
      return this.fake.store(this.resource, next) as R;
    });
  }

  delete(name: string, opts: DeleteOpts = {}): Promise<T | Status> {
    return this.fake.call({ verb: 'delete', resource: this.resource, namespace: this.namespace, name, options: opts }, () => this.fake.remove(this.resource, this.namespace, name, opts) as T | Status);
  }
}

function storeKey(resource: string, namespace: string | undefined, name: string): string {
  return `${resource}|${namespace ?? ''}|${name}`;
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

/** A cache as an informer would hold it after its first list: `objs` indexed by namespace plus `indexers`. */
export function indexerWith<T extends KubeObject>(objs: T[], indexers: Record<string, IndexFunc<T>> = {}): Indexer<T> {
  const idx = new Indexer<T>({ [NAMESPACE_INDEX]: indexByNamespace, ...indexers });
  for (const o of objs) idx.upsert(o);
  return idx;
}

/** Records Events as "Type Reason message". */
export class FakeRecorder {
  readonly events: string[] = [];

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    void obj;
    this.events.push(`${type} ${reason} ${message}`);
  }
}
