/**
 * The `--config` file: a subset of kube-scheduler's KubeSchedulerConfiguration (one profile), enough to
 * set percentageOfNodesToScore, the scheduler name, and which plugins run with what weights:
 *
 *   apiVersion: kubescheduler.config.k8s.io/v1
 *   kind: KubeSchedulerConfiguration
 *   percentageOfNodesToScore: 50
 *   profiles:
 *     - schedulerName: default-scheduler
 *       plugins:
 *         filter: { disabled: [{ name: NodePorts }] }
 *         score:  { enabled: [{ name: NodeAffinity, weight: 5 }], disabled: [{ name: OwnerSpread }] }
 *
 * Unknown fields are errors (kube-scheduler decodes its config strictly); every error is one line that
 * names the field.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultSelection, type PluginSelection } from './framework/framework';
import { REGISTRY } from './plugins/registry';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
export const CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';
const MAX_WEIGHT = 100;

export interface SchedulerConfig {
  schedulerName: string;
  /** 0 = adaptive, as in Kubernetes. */
  percentageOfNodesToScore: number;
  plugins: PluginSelection;
}

export class SchedulerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulerConfigError';
  }
}

export function defaultConfig(): SchedulerConfig {
  return { schedulerName: DEFAULT_SCHEDULER_NAME, percentageOfNodesToScore: 0, plugins: defaultSelection() };
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(field: string, msg: string): never {
  throw new SchedulerConfigError(`${field}: ${msg}`);
}

function only(o: Obj, path: string, allowed: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(path ? `${path}.${k}` : k, `unknown field (known: ${allowed.join(', ')})`);
}

function objectAt(v: unknown, path: string): Obj {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) fail(path, 'must be an object');
  return v;
}

function pluginList(v: unknown, path: string): Array<{ name: string; weight?: number }> {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(path, 'must be a list');
  return v.map((item, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(item)) fail(p, 'must be an object with a name');
    only(item, p, ['name', 'weight']);
    if (typeof item.name !== 'string' || item.name === '') fail(`${p}.name`, 'required');
    if (item.weight !== undefined && (!Number.isInteger(item.weight) || (item.weight as number) < 1 || (item.weight as number) > MAX_WEIGHT)) {
      fail(`${p}.weight`, `must be an integer between 1 and ${MAX_WEIGHT}, got ${JSON.stringify(item.weight)}`);
    }
    return { name: item.name, weight: item.weight as number | undefined };
  });
}

function checkPlugin(name: string, point: 'filter' | 'score', path: string): void {
  if (name === '*') return;
  const entry = REGISTRY.get(name);
  if (!entry) fail(path, `unknown plugin "${name}" (known: ${[...REGISTRY.keys()].join(', ')})`);
  if (!entry.definition.implements.includes(point)) fail(path, `plugin "${name}" does not implement ${point}`);
}

function applyPlugins(raw: Obj, path: string, base: PluginSelection): PluginSelection {
  only(raw, path, ['filter', 'score']);
  const filter = objectAt(raw.filter, `${path}.filter`);
  only(filter, `${path}.filter`, ['enabled', 'disabled']);
  const score = objectAt(raw.score, `${path}.score`);
  only(score, `${path}.score`, ['enabled', 'disabled']);

  let filters = [...base.filters];
  const fDisabled = pluginList(filter.disabled, `${path}.filter.disabled`);
  fDisabled.forEach((p, i) => checkPlugin(p.name, 'filter', `${path}.filter.disabled[${i}].name`));
  if (fDisabled.some((p) => p.name === '*')) filters = [];
  filters = filters.filter((n) => !fDisabled.some((p) => p.name === n));
  pluginList(filter.enabled, `${path}.filter.enabled`).forEach((p, i) => {
    checkPlugin(p.name, 'filter', `${path}.filter.enabled[${i}].name`);
    if (p.name === '*') fail(`${path}.filter.enabled[${i}].name`, '"*" can only be disabled');
    if (!filters.includes(p.name)) filters.push(p.name);
  });

  let scores = base.scores.map((s) => ({ ...s }));
  const sDisabled = pluginList(score.disabled, `${path}.score.disabled`);
  sDisabled.forEach((p, i) => checkPlugin(p.name, 'score', `${path}.score.disabled[${i}].name`));
  if (sDisabled.some((p) => p.name === '*')) scores = [];
  scores = scores.filter((s) => !sDisabled.some((p) => p.name === s.name));
  pluginList(score.enabled, `${path}.score.enabled`).forEach((p, i) => {
    checkPlugin(p.name, 'score', `${path}.score.enabled[${i}].name`);
    if (p.name === '*') fail(`${path}.score.enabled[${i}].name`, '"*" can only be disabled');
    const weight = p.weight ?? REGISTRY.get(p.name)!.weight ?? 1;
    const existing = scores.find((s) => s.name === p.name);
    if (existing) existing.weight = weight;
    else scores.push({ name: p.name, weight });
  });
  return { filters, scores };
}

/** Validates a parsed configuration document and fills in the defaults. */
export function resolveConfig(doc: unknown): SchedulerConfig {
  const out = defaultConfig();
  if (doc === undefined || doc === null) return out;
  if (!isObj(doc)) fail('(root)', 'must be a KubeSchedulerConfiguration object');
  only(doc, '', ['apiVersion', 'kind', 'percentageOfNodesToScore', 'profiles']);
  if (doc.apiVersion !== undefined && doc.apiVersion !== CONFIG_API_VERSION) fail('apiVersion', `must be ${CONFIG_API_VERSION}, got ${JSON.stringify(doc.apiVersion)}`);
  if (doc.kind !== undefined && doc.kind !== 'KubeSchedulerConfiguration') fail('kind', `must be KubeSchedulerConfiguration, got ${JSON.stringify(doc.kind)}`);
  const pct = doc.percentageOfNodesToScore;
  if (pct !== undefined && (!Number.isInteger(pct) || (pct as number) < 0 || (pct as number) > 100)) {
    fail('percentageOfNodesToScore', `not in valid range [0-100], got ${JSON.stringify(pct)}`);
  }
  if (pct !== undefined) out.percentageOfNodesToScore = pct as number;
  if (doc.profiles !== undefined) {
    if (!Array.isArray(doc.profiles)) fail('profiles', 'must be a list');
    if (doc.profiles.length > 1) fail('profiles', 'only one profile is supported');
    const profile = doc.profiles[0] as unknown;
    if (profile !== undefined) {
      if (!isObj(profile)) fail('profiles[0]', 'must be an object');
      only(profile, 'profiles[0]', ['schedulerName', 'plugins']);
      if (profile.schedulerName !== undefined) {
        if (typeof profile.schedulerName !== 'string' || profile.schedulerName === '') fail('profiles[0].schedulerName', 'must be a non-empty string');
        out.schedulerName = profile.schedulerName;
      }
      out.plugins = applyPlugins(objectAt(profile.plugins, 'profiles[0].plugins'), 'profiles[0].plugins', out.plugins);
    }
  }
  return out;
}

/** Reads and validates a config file; errors name the file and the field. */
export function loadConfigFile(path: string): SchedulerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SchedulerConfigError(`cannot read config file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new SchedulerConfigError(`config file ${path} is not valid YAML: ${first}`);
  }
  try {
    return resolveConfig(doc);
  } catch (err) {
    if (err instanceof SchedulerConfigError) throw new SchedulerConfigError(`invalid config file ${path}: ${err.message}`);
    throw err;
  }
}
