import type { ConfigMap, Namespace, Pod } from '@tinykube/api';
import { findByName } from '@tinykube/api';
import { FakeClock } from '@tinykube/client';
import { FakeApi, indexerWith, pod } from '../../testing';
import { NamespaceController } from './namespace-controller';

function ns(deleting: boolean): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team', uid: 'uid-team', ...(deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: deleting ? 'Terminating' : 'Active' },
  };
}

const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'team', uid: 'uid-cfg' }, data: {} };

function setup(namespace: Namespace, content: Array<Pod | ConfigMap>) {
  const api = new FakeApi([namespace, ...content]);
  const c = new NamespaceController({ api, namespaces: indexerWith([namespace]), clock: new FakeClock(), resources: ['pods', 'configmaps'].map((r) => findByName(r)[0]) });
  return { api, c };
}

describe('namespace controller', () => {
  it('leaves an active namespace alone', async () => {
    const { api, c } = setup(ns(false), [cm]);
    await c.reconcile('team');
    expect(api.actions).toEqual([]);
  });

  it('deletes the content of a terminating namespace and looks again while some remains', async () => {
    const lingering = pod('web', { ns: 'team' });
    lingering.metadata.finalizers = ['example.com/hold'];
    const { api, c } = setup(ns(true), [lingering, cm]);
    const result = await c.reconcile('team');
    expect(api.writes()).toEqual(['delete pods team/web', 'delete configmaps team/cfg', 'update namespaces/status team']);
    expect(result).toEqual({ requeueAfterMs: 1000 });
    const conditions = api.object<Namespace>('namespaces', undefined, 'team')!.status!.conditions!;
    expect(conditions.map((x) => [x.type, x.status, x.message])).toEqual([
      ['NamespaceContentRemaining', 'True', 'Some resources are remaining: pods has 1 resource instances, configmaps has 1 resource instances'],
      ['NamespaceFinalizersRemaining', 'True', 'Some content in the namespace has finalizers remaining: example.com/hold'],
    ]);
  });

  it('finalizes an empty terminating namespace, which removes it', async () => {
    const { api, c } = setup(ns(true), []);
    expect(await c.reconcile('team')).toBeUndefined();
    expect(api.writes()).toEqual(['put namespaces/finalize team']);
    expect(api.object('namespaces', undefined, 'team')).toBeUndefined();
  });
});
