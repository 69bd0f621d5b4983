/**
 * The view of the cluster one scheduling cycle works on: copies of the cache's NodeInfos, refreshed at
 * the start of each cycle only for the nodes that changed since the last one (a cycle in a 5000-node
 * cluster usually copies one or two). Cycles read the snapshot, never the live cache.
 */
import type { NodeInfo } from './node-info';

export class Snapshot {
  private readonly byName = new Map<string, NodeInfo>();
  /** Nodes with a Node object, in a stable order (the round-robin start index walks this list). */
  private list: NodeInfo[] = [];
  private index = new Map<string, number>();

  get(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  nodes(): readonly NodeInfo[] {
    return this.list;
  }

  /** Puts a fresh copy in place; `listChanged` says the set of nodes changed, so the list is rebuilt. */
  set(info: NodeInfo): void {
    this.byName.set(info.name, info);
    const i = this.index.get(info.name);
    if (i !== undefined && info.node) this.list[i] = info;
  }

  delete(name: string): void {
    this.byName.delete(name);
  }

  /** Rebuilds the ordered list after nodes were added or removed. */
  rebuildList(order: Iterable<string>): void {
    this.list = [];
    this.index = new Map();
    for (const name of order) {
      const info = this.byName.get(name);
      if (!info?.node) continue;
      this.index.set(name, this.list.length);
      this.list.push(info);
    }
  }
}
