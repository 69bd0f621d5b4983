/**
 * A profile's plugins, made from the registry: the filters in registry order and the scorers with
 * their weights. Runs the Filter point for one node (stopping at the first plugin that says no, as
 * kube-scheduler does) and the Score point over the feasible nodes.
 */
import type { NodeInfo, PodInfo } from '../cache/node-info';
import { REGISTRY } from '../plugins/registry';
import { Status } from './status';
import { isFilterPlugin, isScorePlugin, type CycleState, type FilterPlugin, type NodeScore, type ScorePlugin } from './types';

export interface PluginSelection {
  /** Filter plugins to run, by name. */
  filters: readonly string[];
  /** Score plugins to run, by name, with their weights. */
  scores: ReadonlyArray<{ name: string; weight: number }>;
}

export class UnknownPluginError extends Error {
  constructor(readonly plugin: string) {
    super(`unknown plugin "${plugin}" (known: ${[...REGISTRY.keys()].join(', ')})`);
    this.name = 'UnknownPluginError';
  }
}

/** Every registered plugin at its default weight. */
export function defaultSelection(): PluginSelection {
  const filters: string[] = [];
  const scores: Array<{ name: string; weight: number }> = [];
  for (const [name, e] of REGISTRY) {
    if (e.definition.implements.includes('filter')) filters.push(name);
    if (e.definition.implements.includes('score')) scores.push({ name, weight: e.weight ?? 1 });
  }
  return { filters, scores };
}

export class Framework {
  readonly filters: FilterPlugin[] = [];
  readonly scorers: Array<{ plugin: ScorePlugin; weight: number }> = [];

  constructor(selection: PluginSelection = defaultSelection()) {
    const instances = new Map<string, ReturnType<typeof instantiate>>();
    const get = (name: string) => {
      let p = instances.get(name);
      if (!p) instances.set(name, (p = instantiate(name)));
      return p;
    };
    // Filters keep registry order whatever order the selection lists them in.
    const wanted = new Set(selection.filters);
    for (const name of wanted) if (!REGISTRY.has(name)) throw new UnknownPluginError(name);
    for (const name of REGISTRY.keys()) {
      if (!wanted.has(name)) continue;
      const p = get(name);
      if (!isFilterPlugin(p)) throw new UnknownPluginError(`${name} (not a filter plugin)`);
      this.filters.push(p);
    }
    for (const { name, weight } of selection.scores) {
      const p = get(name);
      if (!isScorePlugin(p)) throw new UnknownPluginError(`${name} (not a score plugin)`);
      if (weight > 0) this.scorers.push({ plugin: p, weight });
    }
  }

  /** The plugins that have something to do for this pod (PreFilter/PreScore did not say Skip). */
  startCycle(state: CycleState, pod: PodInfo): Cycle {
    return new Cycle(
      state,
      pod,
      this.filters.filter((f) => f.preFilter?.(state, pod) !== 'Skip'),
      this.scorers.filter((s) => s.plugin.preScore?.(state, pod) !== 'Skip'),
    );
  }
}

/** One pod's scheduling cycle: its state and the plugins that run for it. */
export class Cycle {
  constructor(
    readonly state: CycleState,
    readonly pod: PodInfo,
    private readonly filters: readonly FilterPlugin[],
    private readonly scorers: ReadonlyArray<{ plugin: ScorePlugin; weight: number }>,
  ) {}

  /** Runs the filters in order, stopping at the first that does not say Success. */
  runFilters(node: NodeInfo): Status {
    for (const f of this.filters) {
      const s = f.filter(this.state, this.pod, node);
      if (!s.isSuccess()) return s.withPlugin(f.name);
    }
    return Status.success();
  }

  /** Weighted total per node (same order as `nodes`); each plugin's scores normalized first. */
  /** Weighted totals per node; with `detail`, also each plugin's weighted score per node (for the decision record). */
  runScores(nodes: readonly NodeInfo[], detail?: Array<Record<string, number>>): number[] {
    const totals = new Array<number>(nodes.length).fill(0);
    if (detail) for (let i = 0; i < nodes.length; i++) detail[i] = {};
    for (const { plugin, weight } of this.scorers) {
      const scores: NodeScore[] = new Array<NodeScore>(nodes.length);
      for (let i = 0; i < nodes.length; i++) scores[i] = { name: nodes[i].name, score: plugin.score(this.state, this.pod, nodes[i]) };
      plugin.normalizeScore?.(this.state, this.pod, scores);
      for (let i = 0; i < scores.length; i++) {
        totals[i] += scores[i].score * weight;
        if (detail) detail[i][plugin.name] = scores[i].score * weight;
      }
    }
    return totals;
  }
}

function instantiate(name: string) {
  const entry = REGISTRY.get(name);
  if (!entry) throw new UnknownPluginError(name);
  return entry.definition.factory();
}
