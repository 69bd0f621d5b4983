/**
 * The slice of the API the controllers use, as an interface: the real one wraps a KubeClient, and unit
 * tests pass the recording fake in ../testing. Controllers never see a KubeClient directly, so every
 * write they make is visible to a test as an action.
 */
import type { DeleteOptions, KubeList, KubeObject, Status } from '@tinykube/api';
import { resolveResource, resourcePath, type KubeClient, type ListOptions, type PatchType, type ResourceTarget, type WriteOptions } from '@tinykube/client';

export type DeleteOpts = Omit<DeleteOptions, 'apiVersion' | 'kind'>;

export interface ResourceApi<T extends KubeObject> {
  get(name: string): Promise<T>;
  list(opts?: ListOptions): Promise<KubeList<T>>;
  create(obj: T): Promise<T>;
  update(obj: T): Promise<T>;
  updateStatus(obj: T): Promise<T>;
  patch<R extends KubeObject = T>(name: string, patch: unknown, type?: PatchType, opts?: WriteOptions & { subresource?: string }): Promise<R>;
  delete(name: string, opts?: DeleteOpts): Promise<T | Status>;
}

export interface ApiClient {
  resource<T extends KubeObject = KubeObject>(target: ResourceTarget, namespace?: string): ResourceApi<T>;
  /** PUT on a subresource that is neither status nor scale (namespaces/<name>/finalize). */
  putSubresource<T extends KubeObject>(target: ResourceTarget, obj: T, subresource: string): Promise<T>;
}

/** The ApiClient of a real KubeClient. */
export function kubeApi(client: KubeClient): ApiClient {
  return {
    resource: <T extends KubeObject>(target: ResourceTarget, namespace?: string) => client.resource<T>(target, namespace),
    putSubresource: <T extends KubeObject>(target: ResourceTarget, obj: T, subresource: string) => {
      const info = resolveResource(target);
      const path = resourcePath(info, obj.metadata.namespace, obj.metadata.name, subresource);
      return client.request<T>({ method: 'PUT', path, body: obj });
    },
  };
}

/** Where controllers report Events; the client's EventRecorder fits, and tests record into an array. */
export interface Recorder {
  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}
