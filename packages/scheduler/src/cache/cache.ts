/**
 * The scheduler's cache: every node with the pods on it (bound, and assumed: placed by this scheduler
 * whose binding call has not come back yet). Assumed pods count at once, so the next cycle does not
 * place a pod onto room that is already promised; if the binding fails the pod is forgotten. Informer
 * events keep it current; `updateSnapshot` hands each cycle a consistent copy.
 */
import { objectKey, type Node, type Pod } from '@tinykube/api';
import { makePodInfo, NodeInfo, type PodInfo } from './node-info';
import { Snapshot } from './snapshot';

interface PodState {
  info: PodInfo;
  nodeName: string;
  assumed: boolean;
}

export class CacheError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CacheError';
  }
}

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly pods = new Map<string, PodState>();
  /** Nodes changed since the last snapshot. */
  private readonly dirty = new Set<string>();
  private nodeSetChanged = true;

  nodeCount(): number {
    let n = 0;
    for (const info of this.nodes.values()) if (info.node) n++;
    return n;
  }

  private infoFor(name: string): NodeInfo {
    let info = this.nodes.get(name);
    if (!info) {
      info = new NodeInfo(name);
      this.nodes.set(name, info);
    }
    this.dirty.add(name);
    return info;
  }

  addNode(node: Node): void {
    const info = this.infoFor(node.metadata.name!);
    if (!info.node) this.nodeSetChanged = true;
    info.setNode(node);
  }

  updateNode(node: Node): void {
    this.addNode(node);
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info) return;
    this.dirty.add(name);
    this.nodeSetChanged = true;
    // Pods still bound to a deleted node keep their NodeInfo (without a node) until they go too.
    if (info.pods.size > 0) info.node = undefined;
    else this.nodes.delete(name);
  }

  /** A bound pod seen by the informer; confirms it if this scheduler had assumed it. */
  addPod(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const key = objectKey(pod);
    const prior = this.pods.get(key);
    if (prior) this.detach(key, prior);
    const info = makePodInfo(pod);
    this.infoFor(nodeName).addPod(info);
    this.pods.set(key, { info, nodeName, assumed: false });
  }

  updatePod(pod: Pod): void {
    this.addPod(pod);
  }

  removePod(pod: Pod): void {
    const key = objectKey(pod);
    const state = this.pods.get(key);
    if (!state) return;
    this.detach(key, state);
    this.pods.delete(key);
  }

  /** Counts `info` on `nodeName` before the binding is confirmed. */
  assumePod(info: PodInfo, nodeName: string): void {
    if (this.pods.has(info.key)) throw new CacheError(`pod ${info.key} is already in the cache`);
    this.infoFor(nodeName).addPod(info);
    this.pods.set(info.key, { info, nodeName, assumed: true });
  }

  /** The binding failed: take the assumed pod back out (a confirmed pod is left alone). */
  forgetPod(key: string): void {
    const state = this.pods.get(key);
    if (!state?.assumed) return;
    this.detach(key, state);
    this.pods.delete(key);
  }

  isAssumed(key: string): boolean {
    return this.pods.get(key)?.assumed ?? false;
  }

  /** The cache knows the pod, bound or assumed. */
  hasPod(key: string): boolean {
    return this.pods.has(key);
  }

  private detach(key: string, state: PodState): void {
    const info = this.nodes.get(state.nodeName);
    if (!info) return;
    info.removePod(key);
    this.dirty.add(state.nodeName);
    if (!info.node && info.pods.size === 0) {
      this.nodes.delete(state.nodeName);
      this.nodeSetChanged = true;
    }
  }

  /** Brings `snapshot` up to date: copies only the nodes changed since the last call. */
  updateSnapshot(snapshot: Snapshot): void {
    for (const name of this.dirty) {
      const info = this.nodes.get(name);
      if (info) snapshot.set(info.clone());
      else snapshot.delete(name);
    }
    this.dirty.clear();
    if (this.nodeSetChanged) {
      snapshot.rebuildList(this.nodes.keys());
      this.nodeSetChanged = false;
    }
  }
}
