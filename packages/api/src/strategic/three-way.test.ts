import { createThreeWayStrategicPatch, createTwoWayStrategicPatch, strategicMergePatch } from './index';
import type { JsonObject } from './json';

interface Manifest {
  labels?: Record<string, string>;
  finalizers?: string[];
  replicas?: number;
  strategy?: JsonObject;
  containers?: JsonObject[];
}

const web = { name: 'web', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }] };
const side = { name: 'side', image: 'busybox' };

/** A Deployment manifest as a user writes it. */
function manifest(m: Manifest = {}): JsonObject {
  const spec: JsonObject = {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: m.containers ?? [web, side] } },
  };
  if (m.replicas !== undefined) spec.replicas = m.replicas;
  if (m.strategy !== undefined) spec.strategy = m.strategy;
  const metadata: JsonObject = { name: 'web', labels: m.labels ?? { app: 'web', tier: 'fe' } };
  if (m.finalizers !== undefined) metadata.finalizers = m.finalizers;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec };
}

/** The live object: the manifest plus what the server and other writers set. */
function live(m: JsonObject, extra: (obj: JsonObject) => void = () => undefined): JsonObject {
  const obj = JSON.parse(JSON.stringify(m)) as JsonObject;
  const meta = obj.metadata as JsonObject;
  Object.assign(meta, { uid: 'u-1', resourceVersion: '7', generation: 1 });
  const spec = obj.spec as JsonObject;
  spec.replicas ??= 1;
  spec.revisionHistoryLimit = 10;
  obj.status = { replicas: 1, conditions: [{ type: 'Available', status: 'True' }] };
  extra(obj);
  return obj;
}

const templatePatch = (podSpec: JsonObject): JsonObject => ({ spec: { template: { spec: podSpec } } });

describe('createThreeWayStrategicPatch', () => {
  interface Case {
    name: string;
    original: JsonObject | undefined;
    modified: JsonObject;
    current: JsonObject;
    expected: JsonObject;
  }
  const m1 = manifest();
  const cases: Case[] = [
    { name: 'create then re-apply unchanged: empty patch', original: m1, modified: m1, current: live(m1), expected: {} },
    {
      name: 'a changed image: the container, with $setElementOrder',
      original: m1,
      modified: manifest({ containers: [{ ...web, image: 'nginx:1.26' }, side] }),
      current: live(m1),
      expected: templatePatch({
        '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }],
        containers: [{ name: 'web', image: 'nginx:1.26' }],
      }),
    },
    {
      name: 'a field removed from the manifest: null',
      original: m1,
      modified: manifest({ labels: { app: 'web' } }),
      current: live(m1),
      expected: { metadata: { labels: { tier: null } } },
    },
    {
      name: 'a label and replicas set by other writers (absent from the manifest) are kept',
      original: m1,
      modified: manifest({ containers: [{ ...web, image: 'nginx:1.26' }, side] }),
      current: live(m1, (obj) => {
        (obj.metadata as JsonObject).labels = { app: 'web', tier: 'fe', owner: 'ops' };
        (obj.spec as JsonObject).replicas = 5;
      }),
      expected: templatePatch({
        '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }],
        containers: [{ name: 'web', image: 'nginx:1.26' }],
      }),
    },
    {
      name: 'a field in the manifest overrides what another writer set',
      original: manifest({ replicas: 2 }),
      modified: manifest({ replicas: 3 }),
      current: live(manifest({ replicas: 5 })),
      expected: { spec: { replicas: 3 } },
    },
    {
      name: 'a container removed from the manifest: a $patch: delete element',
      original: m1,
      modified: manifest({ containers: [web] }),
      current: live(m1),
      expected: templatePatch({
        '$setElementOrder/containers': [{ name: 'web' }],
        containers: [{ name: 'side', $patch: 'delete' }],
      }),
    },
    {
      name: 'a finalizer removed: $deleteFromPrimitiveList and the new order',
      original: manifest({ finalizers: ['x/a', 'x/b'] }),
      modified: manifest({ finalizers: ['x/b', 'x/c'] }),
      current: live(manifest({ finalizers: ['x/a', 'x/b'] })),
      expected: {
        metadata: {
          finalizers: ['x/c'],
          '$deleteFromPrimitiveList/finalizers': ['x/a'],
          '$setElementOrder/finalizers': ['x/b', 'x/c'],
        },
      },
    },
    {
      name: 'strategy switched to Recreate: $retainKeys and a null for rollingUpdate',
      original: manifest({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } }),
      modified: manifest({ strategy: { type: 'Recreate' } }),
      current: live(manifest({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } } })),
      expected: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } },
    },
    {
      name: 'no last-applied configuration: changes only, nothing deleted',
      original: undefined,
      modified: manifest({ labels: { app: 'web' } }),
      current: live(m1),
      expected: {},
    },
    {
      name: 'containers reordered in the manifest: only the order directive',
      original: m1,
      modified: manifest({ containers: [side, web] }),
      current: live(m1),
      expected: templatePatch({ '$setElementOrder/containers': [{ name: 'side' }, { name: 'web' }] }),
    },
  ];

  it.each(cases.map((t) => [t.name, t] as const))('%s', (_name, t) => {
    expect(createThreeWayStrategicPatch('Deployment', t.original, t.modified, t.current)).toEqual(t.expected);
  });

  it('applied to the live object, gives the manifest and keeps what other writers set', () => {
    const current = live(m1, (obj) => {
      (obj.spec as JsonObject).replicas = 5;
      (obj.metadata as JsonObject).annotations = { note: 'kept' };
    });
    const modified = manifest({ labels: { app: 'web' }, containers: [{ ...web, env: [{ name: 'B', value: '2' }] }] });
    const result = strategicMergePatch('Deployment', current, createThreeWayStrategicPatch('Deployment', m1, modified, current));
    expect(result.metadata).toEqual({ ...(current.metadata as JsonObject), labels: { app: 'web' } });
    expect(result.spec).toEqual({ ...(current.spec as JsonObject), template: (modified.spec as JsonObject).template });
    expect(result.status).toEqual(current.status);
  });
});

describe('createTwoWayStrategicPatch', () => {
  const pairs: Array<[string, JsonObject, JsonObject]> = [
    ['identical objects', manifest(), manifest()],
    ['an image change', manifest(), manifest({ containers: [{ ...web, image: 'nginx:2' }, side] })],
    ['a container and a label removed', manifest(), manifest({ labels: { app: 'web' }, containers: [side] })],
    ['finalizers changed', manifest({ finalizers: ['a', 'b'] }), manifest({ finalizers: ['b', 'c'] })],
    ['containers reordered and one added', manifest(), manifest({ containers: [side, { name: 'new', image: 'n' }, web] })],
  ];

  it.each(pairs)('%s: the patch turns the original into the modified object', (_name, original, modified) => {
    const patch = createTwoWayStrategicPatch('Deployment', original, modified);
    expect(strategicMergePatch('Deployment', original, patch)).toEqual(modified);
  });

  it('emits nulls, deletions, order and primitive-list directives', () => {
    const original = manifest({ finalizers: ['a', 'b'] });
    const modified = manifest({ labels: { app: 'web' }, finalizers: ['b', 'c'], containers: [web] });
    expect(createTwoWayStrategicPatch('Deployment', original, modified)).toEqual({
      metadata: {
        labels: { tier: null },
        finalizers: ['c'],
        '$deleteFromPrimitiveList/finalizers': ['a'],
        '$setElementOrder/finalizers': ['b', 'c'],
      },
      spec: {
        template: {
          spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'side', $patch: 'delete' }] },
        },
      },
    });
  });

  it('is empty for identical objects', () => {
    expect(createTwoWayStrategicPatch('Deployment', manifest(), manifest())).toEqual({});
  });
});
