/**
 * Why a pod fits nowhere, worded as kube-scheduler words it:
 * `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.`
 * Each reason is counted over the nodes that gave it, then the "<count> <reason>" strings are sorted
 * as plain strings (so "10 ..." sorts before "2 ..." exactly as Go's sort.Strings does).
 */
import type { Status } from './status';

export function fitErrorMessage(numAllNodes: number, statuses: Iterable<Status>): string {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byCodeUnits);
  let msg = `0/${numAllNodes} nodes are available:`;
  if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  return msg;
}

/** Byte-wise order for ASCII, like Go's string comparison (localeCompare would ignore case and punctuation). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class FitError extends Error {
  constructor(
    readonly numAllNodes: number,
    /** Node name -> the status of the filter that rejected it. */
    readonly statuses: ReadonlyMap<string, Status>,
  ) {
    super(fitErrorMessage(numAllNodes, statuses.values()));
    this.name = 'FitError';
  }
}
