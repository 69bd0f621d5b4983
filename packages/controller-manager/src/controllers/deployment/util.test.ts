import { computeHash, fnv32a, safeEncodeString } from '../../util/hash';
import { deployment, replicaSet, template } from '../../testing';
import { scaleProportionally } from './proportional';
import { equalIgnoreHash, maxUnavailable, resolveFenceposts } from './util';

describe('maxSurge / maxUnavailable', () => {
  const cases: Array<[string, number, string | number | undefined, string | number | undefined, number, number]> = [
    ['defaults 25%/25% of 5: surge rounds up, unavailable down', 5, undefined, undefined, 2, 1],
    ['25%/25% of 4', 4, '25%', '25%', 1, 1],
    ['both 0 means one unavailable', 3, 0, 0, 0, 1],
    ['both rounding to 0 means one unavailable', 3, '0%', '10%', 0, 1],
    ['10% of 3: surge 1, unavailable 0', 3, '10%', '10%', 1, 0],
    ['plain numbers', 10, 3, 2, 3, 2],
    ['numbers as strings', 10, '3', '2', 3, 2],
  ];
  it.each(cases)('%s', (_n, replicas, surge, unavailable, wantSurge, wantUnavailable) => {
    const d = deployment('web', replicas, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } });
    expect(resolveFenceposts(d)).toEqual({ maxSurge: wantSurge, maxUnavailable: wantUnavailable });
  });

  it('caps maxUnavailable at the replicas, and Recreate has none', () => {
    expect(maxUnavailable(deployment('web', 2, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 5 } } }))).toBe(2);
    expect(resolveFenceposts(deployment('web', 2, { strategy: { type: 'Recreate' } }))).toEqual({ maxSurge: 0, maxUnavailable: 0 });
  });

  it('refuses a value that is neither a number nor a percentage', () => {
    expect(() => resolveFenceposts(deployment('web', 2, { strategy: { rollingUpdate: { maxSurge: 'lots' } } }))).toThrow('invalid value for IntOrString');
  });
});

describe('pod-template-hash', () => {
  it('is FNV-32a (known vectors) rendered in the safe alphabet', () => {
    expect(fnv32a(Buffer.from(''))).toBe(0x811c9dc5);
    expect(fnv32a(Buffer.from('a'))).toBe(0xe40c292c);
    expect(fnv32a(Buffer.from('foobar'))).toBe(0xbf9cf968);
    // Decimal digits map onto ten letters, which is why real hashes look like 7c5ddbdf54.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable, ignores key order, and changes with the template or the collision count', () => {
    const t = template({ app: 'web' });
    const reordered = { spec: t.spec, metadata: t.metadata };
    expect(computeHash(t)).toBe(computeHash(reordered));
    expect(computeHash(t)).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeHash(template({ app: 'web' }, 'nginx:2'))).not.toBe(computeHash(t));
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
  });

  it('compares templates ignoring the hash label', () => {
    expect(equalIgnoreHash(template({ app: 'web', 'pod-template-hash': 'abc' }), template({ app: 'web' }))).toBe(true);
    expect(equalIgnoreHash(template({ app: 'web' }, 'nginx:2'), template({ app: 'web' }))).toBe(false);
  });
});

describe('proportional scaling', () => {
  it('resizes the only active ReplicaSet to the new size', () => {
    const d = deployment('web', 5);
    const rs = replicaSet('web-a', 3, { owner: d });
    expect(scaleProportionally(d, rs, [replicaSet('web-old', 0, { owner: d })]).map((p) => [p.rs.metadata.name, p.replicas])).toEqual([['web-a', 5]]);
  });

  it('spreads a scale-up over ReplicaSets mid-rollout by their share, leftovers to the biggest', () => {
    // 10 replicas, surge 3 (25% rounded up): sized for max 13; now scaled to 20 (max 25).
    const d = deployment('web', 20);
    const ann = { 'deployment.kubernetes.io/max-replicas': '13', 'deployment.kubernetes.io/desired-replicas': '10' };
    const newRS = replicaSet('web-new', 5, { owner: d, annotations: ann, created: '2024-01-02T00:00:00Z' });
    const oldRS = replicaSet('web-old', 8, { owner: d, annotations: ann });
    const plan = scaleProportionally(d, newRS, [oldRS]).map((p) => [p.rs.metadata.name, p.replicas]);
    expect(plan).toEqual([
      ['web-old', 15],
      ['web-new', 10],
    ]);
  });
});
