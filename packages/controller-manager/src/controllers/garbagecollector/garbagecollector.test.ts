import type { KubeObject, Pod, ReplicaSet } from '@tinykube/api';
import { findByName } from '@tinykube/api';
import { indexByOwnerUid, OWNER_UID_INDEX } from '@tinykube/client';
import { deployment, FakeApi, indexerWith, pod, replicaSet } from '../../testing';
import { GarbageCollector } from './garbage-collector';
import { Graph, type GraphSource } from './graph';

function setup(objs: KubeObject[], live: KubeObject[] = objs) {
  const api = new FakeApi(live);
  const byResource = (r: string) => objs.filter((o) => findByName(r)[0].kind === o.kind);
  const sources: GraphSource[] = ['pods', 'replicasets', 'deployments'].map((r) => ({
    info: findByName(r)[0],
    indexer: indexerWith(byResource(r), { [OWNER_UID_INDEX]: indexByOwnerUid }),
  }));
  const enqueued: string[] = [];
  const gc = new GarbageCollector({ api, graph: new Graph(sources), enqueue: (k) => enqueued.push(k) });
  return { api, gc, enqueued };
}

describe('garbage collector', () => {
  const d = deployment('web', 1);
  const rs = replicaSet('web-abc', 1, { owner: d });
  const p = pod('web-abc-1', { owner: rs });

  it('deletes a dependent whose owner is gone (confirmed by a live read), in the background', async () => {
    const { api, gc } = setup([rs, p], [rs, p]);
    await gc.reconcile('replicasets.apps|default/web-abc');
    expect(api.actions.map((a) => `${a.verb} ${a.resource} ${a.name}`)).toEqual(['get deployments web', 'delete replicasets web-abc']);
    expect(api.actions[1].options).toEqual({ propagationPolicy: 'Background', preconditions: { uid: 'uid-web-abc' } });
  });

  it('leaves a dependent alone while its owner exists', async () => {
    const { api, gc } = setup([d, rs, p]);
    await gc.reconcile('replicasets.apps|default/web-abc');
    await gc.reconcile('pods|default/web-abc-1');
    expect(api.actions).toEqual([]);
  });

  it('treats an owner with another uid (a namesake) as gone', async () => {
    const namesake = { ...deployment('web', 1), metadata: { ...deployment('web', 1).metadata, uid: 'other' } };
    const { api, gc } = setup([rs], [namesake, rs]);
    await gc.reconcile('replicasets.apps|default/web-abc');
    expect(api.writes()).toEqual(['delete replicasets default/web-abc']);
  });

  it('only drops the reference to a gone owner when another owner remains', async () => {
    const twoOwners: ReplicaSet = { ...rs, metadata: { ...rs.metadata, ownerReferences: [...rs.metadata.ownerReferences!, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'other', uid: 'uid-other' }] } };
    const other = deployment('other', 1);
    const { api, gc } = setup([twoOwners, other]);
    await gc.reconcile('replicasets.apps|default/web-abc');
    expect(api.writes()).toEqual(['patch replicasets default/web-abc']);
    expect(api.object<ReplicaSet>('replicasets', 'default', 'web-abc')!.metadata.ownerReferences!.map((r) => r.name)).toEqual(['other']);
  });

  it('Orphan: removes the owner reference from every dependent, then the orphan finalizer', async () => {
    const deleting = { ...d, metadata: { ...d.metadata, deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['orphan'] } };
    const { api, gc } = setup([deleting, rs, p]);
    await gc.reconcile('deployments.apps|default/web');
    expect(api.writes()).toEqual(['patch replicasets default/web-abc', 'patch deployments default/web']);
    expect(api.object<ReplicaSet>('replicasets', 'default', 'web-abc')!.metadata.ownerReferences ?? []).toEqual([]);
    expect(api.object<KubeObject>('deployments', 'default', 'web')!.metadata.finalizers).toEqual([]);
    // The pods still belong to their ReplicaSet.
    expect(api.object<Pod>('pods', 'default', 'web-abc-1')!.metadata.ownerReferences![0].uid).toBe('uid-web-abc');
  });

  it('Foreground: dependents first (in foreground when they have dependents), the owner once none blocks', async () => {
    const deleting = { ...d, metadata: { ...d.metadata, deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['foregroundDeletion'] } };
    const first = setup([deleting, rs, p]);
    await first.gc.reconcile('deployments.apps|default/web');
    expect(first.api.writes()).toEqual([]);
    expect(first.enqueued).toEqual(['replicasets.apps|default/web-abc']);
    await first.gc.reconcile('replicasets.apps|default/web-abc');
    expect(first.api.writes()).toEqual(['delete replicasets default/web-abc']);
    expect(first.api.actions.at(-1)!.options!.propagationPolicy).toBe('Foreground');

    const empty = setup([deleting]);
    await empty.gc.reconcile('deployments.apps|default/web');
    expect(empty.api.writes()).toEqual(['patch deployments default/web']);
    expect(empty.api.object<KubeObject>('deployments', 'default', 'web')!.metadata.finalizers).toEqual([]);
  });

  it('requeues a waiting owner when one of its dependents goes', () => {
    const deleting = { ...d, metadata: { ...d.metadata, deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['foregroundDeletion'] } };
    const { gc, enqueued } = setup([deleting, rs]);
    gc.onDelete(rs);
    expect(enqueued).toEqual(['deployments.apps|default/web']);
  });
});
