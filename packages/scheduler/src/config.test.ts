import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, loadConfigFile, resolveConfig, SchedulerConfigError } from './config';

describe('scheduler config', () => {
  it('defaults: adaptive percentage, every plugin at its Kubernetes weight', () => {
    const c = defaultConfig();
    expect(c.percentageOfNodesToScore).toBe(0);
    expect(c.schedulerName).toBe('default-scheduler');
    expect(c.plugins.scores).toEqual([
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'OwnerSpread', weight: 2 },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 },
    ]);
    expect(c.plugins.filters).toEqual(['NodeUnschedulable', 'NodeName', 'NodeReady', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit']);
  });

  it('sets percentage, name, weights and disabled plugins', () => {
    const c = resolveConfig({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      percentageOfNodesToScore: 40,
      profiles: [
        {
          schedulerName: 'my-scheduler',
          plugins: { filter: { disabled: [{ name: 'NodePorts' }] }, score: { enabled: [{ name: 'NodeAffinity', weight: 7 }], disabled: [{ name: 'OwnerSpread' }] } },
        },
      ],
    });
    expect(c.percentageOfNodesToScore).toBe(40);
    expect(c.schedulerName).toBe('my-scheduler');
    expect(c.plugins.filters).not.toContain('NodePorts');
    expect(c.plugins.scores.find((s) => s.name === 'NodeAffinity')!.weight).toBe(7);
    expect(c.plugins.scores.map((s) => s.name)).not.toContain('OwnerSpread');
  });

  it('"*" disables every score plugin; enabled ones come back', () => {
    const c = resolveConfig({ profiles: [{ plugins: { score: { disabled: [{ name: '*' }], enabled: [{ name: 'NodeResourcesFit' }] } } }] });
    expect(c.plugins.scores).toEqual([{ name: 'NodeResourcesFit', weight: 1 }]);
  });

  it.each([
    { doc: { percentageOfNodesToScore: 101 }, msg: 'percentageOfNodesToScore: not in valid range [0-100], got 101' },
    { doc: { percentageOfNodesToScore: 'half' }, msg: 'percentageOfNodesToScore: not in valid range [0-100], got "half"' },
    { doc: { kind: 'Pod' }, msg: 'kind: must be KubeSchedulerConfiguration, got "Pod"' },
    { doc: { apiVersion: 'v1' }, msg: 'apiVersion: must be kubescheduler.config.k8s.io/v1, got "v1"' },
    { doc: { percentage: 5 }, msg: 'percentage: unknown field' },
    { doc: { profiles: [{}, {}] }, msg: 'profiles: only one profile is supported' },
    { doc: { profiles: [{ plugins: { score: { enabled: [{ name: 'Nope' }] } } }] }, msg: 'profiles[0].plugins.score.enabled[0].name: unknown plugin "Nope"' },
    { doc: { profiles: [{ plugins: { score: { enabled: [{ name: 'NodePorts' }] } } }] }, msg: 'profiles[0].plugins.score.enabled[0].name: plugin "NodePorts" does not implement score' },
    { doc: { profiles: [{ plugins: { score: { enabled: [{ name: 'NodeAffinity', weight: 0 }] } } }] }, msg: 'profiles[0].plugins.score.enabled[0].weight: must be an integer between 1 and 100, got 0' },
  ])('rejects $msg', ({ doc, msg }) => {
    expect(() => resolveConfig(doc)).toThrow(SchedulerConfigError);
    expect(() => resolveConfig(doc)).toThrow(msg);
  });

  describe('files', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sched-config-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads YAML', () => {
      const f = join(dir, 'c.yaml');
      writeFileSync(f, 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentageOfNodesToScore: 25\n');
      expect(loadConfigFile(f).percentageOfNodesToScore).toBe(25);
    });

    it('names the file in one-line errors', () => {
      const f = join(dir, 'bad.yaml');
      writeFileSync(f, 'percentageOfNodesToScore: -1\n');
      expect(() => loadConfigFile(f)).toThrow(`invalid config file ${f}: percentageOfNodesToScore: not in valid range [0-100], got -1`);
      writeFileSync(f, 'a: [unclosed\n');
      expect(() => loadConfigFile(f)).toThrow(/is not valid YAML/);
      expect(() => loadConfigFile(join(dir, 'missing.yaml'))).toThrow(/cannot read config file/);
    });
  });
});
