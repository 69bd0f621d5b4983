/**
 * Patches the real kubectl 1.33 computed for `kubectl apply` (captured with -v=9 against our apiserver):
 * our three-way patch must be the same document, and once it is applied a re-apply changes nothing
 * (kubectl may still send order directives when other writers added list elements, as it does here).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createThreeWayStrategicPatch, strategicMergePatch } from './index';
import { isObject, type JsonObject } from './json';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface Fixture {
  name: string;
  kind: string;
  /** The live object kubectl read before patching. */
  current: JsonObject;
  /** The last-applied configuration kubectl wrote for the new manifest. */
  lastApplied: string;
  /** The PATCH body kubectl sent ({} when it sent nothing). */
  expected: JsonObject;
}

const fixtures = JSON.parse(readFileSync(join(__dirname, 'testdata', 'kubectl-apply.json'), 'utf8')) as Fixture[];

function lastAppliedOf(obj: JsonObject): JsonObject {
  const meta = obj.metadata;
  const annotations = isObject(meta) ? meta.annotations : undefined;
  const text = isObject(annotations) ? annotations[LAST_APPLIED] : undefined;
  if (typeof text !== 'string') throw new Error('fixture without last-applied configuration');
  return JSON.parse(text) as JsonObject;
}

/** What kubectl patches towards: the manifest carrying its own last-applied annotation. */
function modifiedOf(lastApplied: string): JsonObject {
  const manifest = JSON.parse(lastApplied) as JsonObject;
  const meta = isObject(manifest.metadata) ? manifest.metadata : {};
  return { ...manifest, metadata: { ...meta, annotations: { [LAST_APPLIED]: lastApplied } } };
}

describe('createThreeWayStrategicPatch matches kubectl apply', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    const modified = modifiedOf(f.lastApplied);
    const patch = createThreeWayStrategicPatch(f.kind, lastAppliedOf(f.current), modified, f.current);
    expect(patch).toEqual(f.expected);

    const applied = strategicMergePatch(f.kind, f.current, patch);
    const again = createThreeWayStrategicPatch(f.kind, lastAppliedOf(applied), modified, applied);
    expect(strategicMergePatch(f.kind, applied, again)).toEqual(applied);
  });
});

describe("strategicMergePatch applies kubectl's patches like the apiserver", () => {
  const applyFixture = (index: number): JsonObject => {
    const f = fixtures[index];
    return strategicMergePatch(f.kind, f.current, f.expected);
  };
  const at = (obj: unknown, path: string): unknown =>
    path.split('.').reduce<unknown>((v, key) => (isObject(v) ? v[key] : Array.isArray(v) ? v[Number(key)] : undefined), obj);

  it('Deployment: every change of the manifest lands, removed things are gone', () => {
    const d = applyFixture(1);
    expect(at(d, 'metadata.labels')).toEqual({ app: 'web' });
    expect(at(d, 'metadata.finalizers')).toEqual(['example.com/b', 'example.com/c']);
    expect(at(d, 'spec.strategy')).toEqual({ type: 'Recreate' });
    const podSpec = at(d, 'spec.template.spec');
    expect(at(podSpec, 'containers') as unknown[]).toHaveLength(1);
    expect(at(podSpec, 'containers.0.image')).toBe('nginx:1.26');
    expect(at(podSpec, 'containers.0.env')).toEqual([
      { name: 'A', value: '1' },
      { name: 'C', value: '3' },
    ]);
    expect(at(podSpec, 'containers.0.imagePullPolicy')).toBe('IfNotPresent');
    expect(at(podSpec, 'volumes')).toEqual([{ name: 'data', configMap: { name: 'cfg' } }]);
    expect(at(podSpec, 'tolerations')).toEqual([{ key: 'k2', operator: 'Exists' }]);
  });

  it('Deployment: what other writers set survives', () => {
    const d = applyFixture(2);
    expect(at(d, 'spec.replicas')).toBe(3);
    expect(at(d, 'metadata.labels')).toEqual({ app: 'api', owner: 'ops' });
    const containers = at(d, 'spec.template.spec.containers') as JsonObject[];
    expect(containers.map((c) => [c.name, c.image])).toEqual([
      ['api', 'example/api:2'],
      ['log', 'example/log:1'],
      ['mesh', 'example/mesh:1'],
    ]);
    expect(containers[0].env).toEqual([
      { name: 'INJECTED', value: 'x' },
      { name: 'MODE', value: 'prod' },
    ]);
  });

  it('Service: ports merged by port in the manifest order', () => {
    const ports = at(applyFixture(3), 'spec.ports') as JsonObject[];
    expect(ports.map((p) => [p.port, p.targetPort])).toEqual([
      [443, 8443],
      [80, 8081],
    ]);
  });

  it("ConfigMap: the manifest's finalizers in its order, another writer's one kept after them", () => {
    const cm = applyFixture(5);
    expect(at(cm, 'metadata.finalizers')).toEqual(['x.io/b', 'x.io/a', 'x.io/other']);
    expect(at(cm, 'metadata.labels')).toBeUndefined();
  });
});
