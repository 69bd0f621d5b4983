/**
 * The Endpoints controller: for each Service with a selector, an Endpoints object of the same name
 * listing the selected pods' addresses. Pod changes enqueue every Service whose selector matches the
 * pod's old or new labels; the Endpoints is written only when its content changes.
 */
import type { Endpoints, Pod, Service } from '@tinykube/api';
import { objectKey, selectorFromSet } from '@tinykube/api';
import { deletedObject, isAlreadyExists, isNotFound, NAMESPACE_INDEX, splitKey, type DeletedFinalStateUnknown, type Indexer } from '@tinykube/client';
import type { ApiClient } from '../../api';
import { canonicalJson } from '../../util/hash';
import { computeSubsets } from './subsets';

export interface EndpointsControllerDeps {
  api: ApiClient;
  services: Indexer<Service>;
  pods: Indexer<Pod>;
  endpoints: Indexer<Endpoints>;
  enqueue(key: string): void;
}

const hasSelector = (svc: Service): boolean => Object.keys(svc.spec?.selector ?? {}).length > 0;

export class EndpointsController {
  constructor(private readonly deps: EndpointsControllerDeps) {}

  async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const api = this.deps.api.resource<Endpoints>('endpoints', namespace);
    const svc = this.deps.services.get(namespace, name);
    if (!svc) {
      // The Service is gone: so is its Endpoints (if it was ours to manage, which we cannot tell any more).
      try {
        await api.delete(name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      return;
    }
    // A Service without a selector has hand-written Endpoints: not ours.
    if (!hasSelector(svc)) return;
    const selector = selectorFromSet(svc.spec!.selector!);
    const pods = this.deps.pods.byIndex(NAMESPACE_INDEX, namespace ?? '').filter((p) => selector.matches(p.metadata.labels ?? {}));
    const subsets = computeSubsets(svc, pods);
    const labels = { ...svc.metadata.labels };
    if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    const current = this.deps.endpoints.get(namespace, name);
    if (current && canonicalJson(current.subsets ?? []) === canonicalJson(subsets) && canonicalJson(current.metadata.labels ?? {}) === canonicalJson(labels)) return;
    const desired: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current ? structuredClone(current.metadata) : { name, namespace }), labels },
      subsets,
    };
    if (Object.keys(labels).length === 0) delete desired.metadata.labels;
    if (current) {
      await api.update(desired);
      return;
    }
    try {
      await api.create(desired);
    } catch (err) {
      // Our cache had not seen it yet: the next event (its ADDED) brings us back to update it.
      if (!isAlreadyExists(err)) throw err;
    }
  }

  private servicesFor(pod: Pod): Service[] {
    return this.deps.services
      .byIndex(NAMESPACE_INDEX, pod.metadata.namespace ?? '')
      .filter((svc) => hasSelector(svc) && selectorFromSet(svc.spec!.selector!).matches(pod.metadata.labels ?? {}));
  }

  private enqueueServices(pods: Pod[]): void {
    const keys = new Set<string>();
    for (const p of pods) for (const s of this.servicesFor(p)) keys.add(objectKey(s));
    keys.forEach((k) => this.deps.enqueue(k));
  }

  onPodAdd(pod: Pod): void {
    this.enqueueServices([pod]);
  }

  onPodUpdate(old: Pod, cur: Pod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    this.enqueueServices([old, cur]);
  }

  onPodDelete(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    this.enqueueServices([deletedObject(obj)]);
  }
}
