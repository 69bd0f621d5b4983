/**
 * One pod's placement: filter the snapshot's nodes (only as many as `percentageOfNodesToScore` asks
 * for, starting where the last cycle stopped so every node gets its turn), score the feasible ones,
 * and pick the best, breaking ties at random.
 */
import type { NodeInfo, PodInfo } from '../cache/node-info';
import type { Snapshot } from '../cache/snapshot';
import { FitError } from './fit-error';
import type { Framework } from './framework';
import type { Status } from './status';
import { CycleState } from './types';

/** kube-scheduler's floor: never stop looking before this many feasible nodes (or all of them). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** ... and never below this percentage of the cluster when the percentage is adaptive. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * How many feasible nodes to find before scoring, as kube-scheduler computes it: all of them in a
 * small cluster (< 100 nodes); otherwise `percentage` of the nodes, where 0 means adaptive
 * (50% minus 1% per 125 nodes, at least 5%), and never fewer than 100. Integer arithmetic throughout.
 */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) return numAllNodes;
  let p = percentage;
  if (p === 0) {
    p = 50 - Math.trunc(numAllNodes / 125);
    if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * p) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export type ScheduleResult =
  | { phase: 'scheduled'; nodeName: string; evaluatedNodes: number; feasibleNodes: number }
  | { phase: 'unschedulable'; message: string; error?: FitError }
  | { phase: 'error'; message: string };

export interface AlgorithmOptions {
  percentageOfNodesToScore: number;
  /** For tie-breaking; tests inject a seeded one. */
  random?: () => number;
}

export class SchedulingAlgorithm {
  private nextStartNodeIndex = 0;
  private readonly random: () => number;

  constructor(
    private readonly framework: Framework,
    private readonly opts: AlgorithmOptions,
  ) {
    this.random = opts.random ?? Math.random;
  }

  schedule(pod: PodInfo, snapshot: Snapshot): ScheduleResult {
    const all = snapshot.nodes();
    if (all.length === 0) return { phase: 'unschedulable', message: NO_NODES_AVAILABLE };
    const cycle = this.framework.startCycle(new CycleState(), pod);
    const want = numFeasibleNodesToFind(this.opts.percentageOfNodesToScore, all.length);
    const feasible: NodeInfo[] = [];
    const rejected = new Map<string, Status>();
    let processed = 0;
    for (; processed < all.length && feasible.length < want; processed++) {
      const node = all[(this.nextStartNodeIndex + processed) % all.length];
      const status = cycle.runFilters(node);
      if (status.isSuccess()) feasible.push(node);
      else if (status.code === 'Error') return { phase: 'error', message: `running ${status.plugin} filter on node ${node.name}: ${status.message()}` };
      else rejected.set(node.name, status);
    }
    // The next cycle starts after the last node looked at, so a big cluster's tail is not starved.
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % all.length;
    if (feasible.length === 0) {
      const error = new FitError(all.length, rejected);
      return { phase: 'unschedulable', message: error.message, error };
    }
    const result = { evaluatedNodes: processed, feasibleNodes: feasible.length };
    if (feasible.length === 1) return { phase: 'scheduled', nodeName: feasible[0].name, ...result };
    const totals = cycle.runScores(feasible);
    return { phase: 'scheduled', nodeName: feasible[this.selectHost(totals)].name, ...result };
  }

  /** Index of the highest total; among equals each is equally likely (reservoir sampling). */
  private selectHost(totals: number[]): number {
    let best = 0;
    let ties = 1;
    for (let i = 1; i < totals.length; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (Math.floor(this.random() * ties) === 0) best = i;
      }
    }
    return best;
  }
}
