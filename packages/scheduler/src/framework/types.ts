/**
 * The plugin contract, after kube-scheduler's framework: a plugin has a name and implements one or
 * more extension points. Filter says whether a pod may run on a node; Score ranks the nodes that
 * passed, and NormalizeScore (optional) maps a plugin's raw scores onto 0..MAX_NODE_SCORE before the
 * weights are applied. Plugins keep per-cycle scratch data in the CycleState they are handed.
 */
import type { NodeInfo, PodInfo } from '../cache/node-info';
import type { Status } from './status';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/** Scratch data for one scheduling cycle of one pod, keyed by plugin (written at PreScore, read at Score). */
export class CycleState {
  private readonly data = new Map<string, unknown>();

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  read<T>(key: string, compute: () => T): T {
    if (this.data.has(key)) return this.data.get(key) as T;
    const value = compute();
    this.data.set(key, value);
    return value;
  }
}

/**
 * What PreFilter/PreScore may answer: 'Skip' says this plugin has nothing to check or rank for this
 * pod (no host ports, no preferences, ...), so the framework leaves it out of this cycle entirely.
 */
export type PreResult = 'Skip' | undefined;

export interface Plugin {
  readonly name: string;
}

export interface FilterPlugin extends Plugin {
  /** Once per cycle, before any Filter call. */
  preFilter?(state: CycleState, pod: PodInfo): PreResult;
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status;
}

export interface NodeScore {
  name: string;
  score: number;
}

export interface ScorePlugin extends Plugin {
  /** Once per cycle, before any Score call: compute what every node's score needs, or skip. */
  preScore?(state: CycleState, pod: PodInfo): PreResult;
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /** Rewrites `scores` in place onto 0..MAX_NODE_SCORE. */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: NodeScore[]): void;
}

export type ExtensionPoint = 'filter' | 'score';

export function isFilterPlugin(p: Plugin): p is FilterPlugin {
  return typeof (p as Partial<FilterPlugin>).filter === 'function';
}

export function isScorePlugin(p: Plugin): p is ScorePlugin {
  return typeof (p as Partial<ScorePlugin>).score === 'function';
}

/** What a plugin file exports: its name, the points it implements, and how to make one. */
export interface PluginDefinition {
  readonly name: string;
  readonly implements: readonly ExtensionPoint[];
  readonly factory: () => Plugin;
}

/**
 * kube-scheduler's DefaultNormalizeScore: scales scores so the highest becomes MAX_NODE_SCORE; with
 * `reverse`, fewer is better (e.g. counts of untolerated taints). All zeros stay 0 (or MAX when reversed).
 */
export function defaultNormalizeScore(scores: NodeScore[], reverse: boolean): void {
  let highest = 0;
  for (const s of scores) if (s.score > highest) highest = s.score;
  if (highest === 0) {
    if (reverse) for (const s of scores) s.score = MAX_NODE_SCORE;
    return;
  }
  for (const s of scores) {
    let v = Math.trunc((MAX_NODE_SCORE * s.score) / highest);
    if (reverse) v = MAX_NODE_SCORE - v;
    s.score = v;
  }
}
