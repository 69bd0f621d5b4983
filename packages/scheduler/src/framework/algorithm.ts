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

/**
 * Why a node was chosen, kept small enough for a pod annotation: how many nodes were looked at and
 * passed the filters, why the others were filtered out, and the best-scored nodes with each plugin's
 * weighted score. `kubectl-lite trace` prints it.
 */
export interface SchedulingDecision {
  node: string;
  evaluated: number;
  feasible: number;
  /** Filter reason -> number of nodes it rejected. */
  filtered: Record<string, number>;
  /** The chosen node and the other best ones, highest total first. */
  scores: Array<{ node: string; total: number; plugins: Record<string, number> }>;
}

export const DECISION_TOP_NODES = 3;

/** The pod annotation the scheduler's decision is recorded in (through the Binding). */
export const DECISION_ANNOTATION = 'scheduler.tinykube.io/decision';

export type ScheduleResult =
  | { phase: 'scheduled'; nodeName: string; evaluatedNodes: number; feasibleNodes: number; decision: SchedulingDecision }
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
    const filtered: Record<string, number> = {};
    for (const s of rejected.values()) for (const r of s.reasons) filtered[r] = (filtered[r] ?? 0) + 1;
    const detail: Array<Record<string, number>> = [];
    const totals = cycle.runScores(feasible, detail);
    const chosen = feasible.length === 1 ? 0 : this.selectHost(totals);
    const decision: SchedulingDecision = { node: feasible[chosen].name, evaluated: processed, feasible: feasible.length, filtered, scores: topScores(feasible, totals, detail, chosen) };
    return { phase: 'scheduled', nodeName: feasible[chosen].name, ...result, decision };
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

/** The chosen node first, then the next best, one pass over the feasible nodes (no full sort). */
function topScores(nodes: readonly NodeInfo[], totals: number[], detail: Array<Record<string, number>>, chosen: number): SchedulingDecision['scores'] {
  const best: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (i === chosen) continue;
    best.push(i);
    best.sort((a, b) => totals[b] - totals[a]);
    if (best.length > DECISION_TOP_NODES - 1) best.pop();
  }
  return [chosen, ...best].map((i) => ({ node: nodes[i].name, total: totals[i], plugins: detail[i] ?? {} }));
}
