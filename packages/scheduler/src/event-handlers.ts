/**
 * Informer events -> cache and queue, as kube-scheduler wires them: bound pods feed the cache (they
 * take room on nodes); pending pods of this scheduler feed the queue; a pod that gets bound, deleted,
 * or handed to another scheduler leaves the queue; node changes and freed room move parked pods back.
 */
import { deepEqual, objectKey, type Node, type Pod } from '@tinykube/api';
import { deletedObject, type DeletedFinalStateUnknown, type EventHandler } from '@tinykube/client';
import type { SchedulerCache } from './cache/cache';
import type { SchedulingQueue } from './queue/scheduling-queue';

export const isAssigned = (pod: Pod): boolean => !!pod.spec?.nodeName;
const isTerminal = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export interface HandlerTargets {
  cache: SchedulerCache;
  queue: SchedulingQueue;
  schedulerName: string;
}

/** A pending pod this scheduler should place. */
export function responsibleFor(pod: Pod, schedulerName: string): boolean {
  return !isAssigned(pod) && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName || 'default-scheduler') === schedulerName;
}

export function podEventHandler({ cache, queue, schedulerName }: HandlerTargets): EventHandler<Pod> {
  const addAssigned = (pod: Pod) => {
    if (isTerminal(pod)) {
      // A finished pod no longer holds its requests: that room may let a parked pod fit.
      if (cache.hasPod(objectKey(pod))) {
        cache.removePod(pod);
        queue.moveAllToActiveOrBackoff();
      }
      return;
    }
    cache.addPod(pod);
  };
  return {
    onAdd(pod) {
      if (isAssigned(pod)) {
        queue.delete(pod);
        addAssigned(pod);
      } else if (responsibleFor(pod, schedulerName)) queue.add(pod);
    },
    onUpdate(oldPod, newPod) {
      if (oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) return;
      if (isAssigned(newPod)) {
        // Bound (by us: this confirms the assumed pod; or by someone else): it is done with the queue.
        if (!isAssigned(oldPod)) queue.delete(newPod);
        addAssigned(newPod);
        return;
      }
      // Assumed pods are mid-binding; their own updates must not queue them a second time.
      if (cache.isAssumed(objectKey(newPod))) return;
      if (responsibleFor(newPod, schedulerName)) queue.update(oldPod, newPod);
      else queue.delete(newPod);
    },
    onDelete(obj: Pod | DeletedFinalStateUnknown<Pod>) {
      const pod = deletedObject(obj);
      queue.delete(pod);
      if (cache.hasPod(objectKey(pod))) {
        cache.removePod(pod);
        queue.moveAllToActiveOrBackoff();
      }
    },
  };
}

/** Changes to a node that can make a pod fit where it did not. */
export function nodeSchedulingPropertiesChanged(oldNode: Node, newNode: Node): boolean {
  const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return (
    !deepEqual(oldNode.metadata.labels ?? {}, newNode.metadata.labels ?? {}) ||
    !deepEqual(oldNode.spec?.taints ?? [], newNode.spec?.taints ?? []) ||
    !!oldNode.spec?.unschedulable !== !!newNode.spec?.unschedulable ||
    !deepEqual(oldNode.status?.allocatable ?? oldNode.status?.capacity ?? {}, newNode.status?.allocatable ?? newNode.status?.capacity ?? {}) ||
    ready(oldNode) !== ready(newNode)
  );
}

export function nodeEventHandler({ cache, queue }: HandlerTargets): EventHandler<Node> {
  return {
    onAdd(node) {
      cache.addNode(node);
      queue.moveAllToActiveOrBackoff();
    },
    onUpdate(oldNode, newNode) {
      if (oldNode.metadata.resourceVersion === newNode.metadata.resourceVersion) return;
      cache.updateNode(newNode);
      if (nodeSchedulingPropertiesChanged(oldNode, newNode)) queue.moveAllToActiveOrBackoff();
    },
    onDelete(obj) {
      cache.removeNode(deletedObject(obj).metadata.name!);
    },
  };
}
