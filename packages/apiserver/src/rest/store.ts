/**
 * Typed object storage over the byte-level Storage: keys, encoding, and storage errors turned into API
 * errors. `guaranteedUpdate` is the read-modify-write loop every writer goes through so that concurrent
 * writers never lose each other's changes.
 */
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import { alreadyExists, conflict, MODIFIED_CONFLICT, notFound, type GroupResource } from '../errors';
import { isKeyExists, isKeyNotFound, isRevisionMismatch, type Storage } from '../storage/types';
import { decodeObject, encodeObject, objectKey, resourcePrefix } from './codec';

export const gr = (info: ResourceInfo): GroupResource => ({ group: info.group, resource: info.resource });

export type UpdateDecision =
  | { action: 'write'; object: KubeObject }
  | { action: 'unchanged' }
  | { action: 'delete' };

export interface StoredList {
  items: KubeObject[];
  revision: number;
  more: boolean;
  lastKey?: string;
}

const MAX_UPDATE_ATTEMPTS = 20;

function stamped(obj: KubeObject, revision: number): KubeObject {
  obj.metadata.resourceVersion = String(revision);
  return obj;
}

export class ObjectStore {
  constructor(readonly storage: Storage) {}

  async tryGet(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const kv = await this.storage.get(objectKey(info, namespace, name));
    return kv ? decodeObject(kv) : undefined;
  }

  async get(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject> {
    const obj = await this.tryGet(info, namespace, name);
    if (!obj) throw notFound(gr(info), name);
    return obj;
  }

  async create(info: ResourceInfo, obj: KubeObject): Promise<KubeObject> {
    const name = obj.metadata.name as string;
    try {
      const kv = await this.storage.create(objectKey(info, obj.metadata.namespace, name), encodeObject(obj));
      // What was stored is exactly `obj` plus its revision; no need to parse the bytes back.
      return stamped(obj, kv.modRevision);
    } catch (e) {
      if (isKeyExists(e)) throw alreadyExists(gr(info), name);
      throw e;
    }
  }

  async list(
    info: ResourceInfo,
    namespace: string | undefined,
    opts: { revision?: number; limit?: number; startAfter?: string },
  ): Promise<StoredList> {
    const res = await this.storage.list(resourcePrefix(info, namespace), opts);
    return {
      items: res.items.map(decodeObject),
      revision: res.revision,
      more: res.more,
      lastKey: res.items.length > 0 ? res.items[res.items.length - 1].key : undefined,
    };
  }

  /**
   * Read, decide, write-if-unchanged, and on a lost race read again and re-decide. With
   * `preconditionRV` (a client's resourceVersion) a race is the client's conflict, never retried.
   * Returns the stored object (or the deleted one, for a delete decision).
   */
  async guaranteedUpdate(
    info: ResourceInfo,
    namespace: string | undefined,
    name: string,
    decide: (current: KubeObject) => UpdateDecision | Promise<UpdateDecision>,
    opts: { preconditionRV?: string } = {},
  ): Promise<{ object: KubeObject; outcome: 'written' | 'unchanged' | 'deleted' }> {
    const key = objectKey(info, namespace, name);
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const kv = await this.storage.get(key);
      if (!kv) throw notFound(gr(info), name);
      if (opts.preconditionRV !== undefined && opts.preconditionRV !== String(kv.modRevision)) {
        throw conflict(gr(info), name, MODIFIED_CONFLICT);
      }
      const current = decodeObject(kv);
      const decision = await decide(current);
      try {
        if (decision.action === 'unchanged') return { object: current, outcome: 'unchanged' };
        if (decision.action === 'delete') {
          const { revision } = await this.storage.delete(key, kv.modRevision);
          current.metadata.resourceVersion = String(revision);
          return { object: current, outcome: 'deleted' };
        }
        const written = await this.storage.update(key, encodeObject(decision.object), kv.modRevision);
        return { object: stamped(decision.object, written.modRevision), outcome: 'written' };
      } catch (e) {
        if (isKeyNotFound(e)) throw notFound(gr(info), name);
        if (!isRevisionMismatch(e)) throw e;
        if (opts.preconditionRV !== undefined) throw conflict(gr(info), name, MODIFIED_CONFLICT);
        // Someone else wrote in between: decide again on their version.
      }
    }
    throw conflict(gr(info), name, 'too many concurrent writers; please try again');
  }
}
