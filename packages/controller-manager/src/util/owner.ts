/**
 * Controller references and the adopt/release dance of Kubernetes' ControllerRefManager: a controller owns
 * the objects whose controller reference names it; it adopts orphans its selector matches and releases
 * objects it owns that no longer match. Patches carry the object's uid, so a patch never lands on a
 * namesake created after the object was read.
 */
import type { KubeObject, OwnerReference, Selector } from '@tinykube/api';
import { isInvalid, isNotFound } from '@tinykube/client';
import type { ResourceApi } from '../api';

export function getControllerOf(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}

export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** Strategic merge patch adding a controller reference (ownerReferences merge on uid). */
export function adoptPatch(ref: OwnerReference, uid: string): unknown {
  return { metadata: { ownerReferences: [ref], uid } };
}

/** Strategic merge patch removing the reference to `ownerUid`. */
export function releasePatch(ownerUid: string, uid: string): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid } };
}

export interface ClaimOptions<T extends KubeObject> {
  owner: KubeObject;
  ownerApiVersion: string;
  ownerKind: string;
  selector: Selector;
  /** Where adopt/release patches go (the candidates' resource, in the owner's namespace). */
  api: ResourceApi<T>;
  /**
   * Checked once before the first adoption: the owner, read fresh from the server, still exists with the
   * same uid and is not being deleted (a stale cache must not adopt for a dead owner).
   */
  canAdopt(): Promise<boolean>;
}

/** The candidates this owner ends up controlling, adopting and releasing on the way. */
export async function claimObjects<T extends KubeObject>(candidates: T[], o: ClaimOptions<T>): Promise<T[]> {
  const claimed: T[] = [];
  const ownerUid = o.owner.metadata.uid!;
  const ownerDeleting = Boolean(o.owner.metadata.deletionTimestamp);
  let adoptionChecked: boolean | undefined;
  for (const obj of candidates) {
    const ref = getControllerOf(obj);
    const matches = o.selector.matches(obj.metadata.labels ?? {});
    if (ref) {
      if (ref.uid !== ownerUid) continue;
      if (matches || ownerDeleting) {
        claimed.push(obj);
        continue;
      }
      if (obj.metadata.deletionTimestamp) continue;
      try {
        await o.api.patch(obj.metadata.name!, releasePatch(ownerUid, obj.metadata.uid!), 'strategic');
      } catch (err) {
        // Gone, or already someone else's: either way not ours any more.
        if (!isNotFound(err) && !isInvalid(err)) throw err;
      }
      continue;
    }
    if (!matches || ownerDeleting || obj.metadata.deletionTimestamp) continue;
    if (adoptionChecked === undefined) adoptionChecked = await o.canAdopt();
    if (!adoptionChecked) continue;
    try {
      const adopted = await o.api.patch(obj.metadata.name!, adoptPatch(newControllerRef(o.owner, o.ownerApiVersion, o.ownerKind), obj.metadata.uid!), 'strategic');
      claimed.push(adopted);
    } catch (err) {
      if (!isNotFound(err) && !isInvalid(err)) throw err;
    }
  }
  return claimed;
}
