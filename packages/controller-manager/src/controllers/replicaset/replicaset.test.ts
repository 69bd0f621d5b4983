import type { Pod, ReplicaSet } from '@tinykube/api';
import { FakeClock, OWNER_UID_INDEX, indexByOwnerUid } from '@tinykube/client';
import { FakeApi, FakeRecorder, indexerWith, pod, replicaSet, statusError } from '../../testing';
import { compareForDeletion } from './ranking';
import { ReplicaSetController, slowStartBatch } from './replicaset-controller';

function setup(rsList: ReplicaSet[], pods: Pod[]) {
  const api = new FakeApi([...rsList, ...pods]);
  const recorder = new FakeRecorder();
  const clock = new FakeClock(Date.parse('2024-01-01T00:10:00Z'));
  const enqueued: string[] = [];
  const podIdx = indexerWith(pods, { [OWNER_UID_INDEX]: indexByOwnerUid });
  const rsIdx = indexerWith(rsList);
  const c = new ReplicaSetController({ api, pods: podIdx, replicaSets: rsIdx, recorder, clock, enqueue: (k) => enqueued.push(k) });
  return { api, recorder, clock, c, podIdx, rsIdx, enqueued };
}

describe('ReplicaSet controller', () => {
  it('creates the missing pods from the template, owned by the ReplicaSet', async () => {
    const rs = replicaSet('web', 3);
    const { api, recorder, c } = setup([rs], []);
    await c.reconcile('default/web');
    expect(api.writes()).toEqual(['create pods default/', 'create pods default/', 'create pods default/', 'update replicasets/status default/web']);
    const created = api.list<Pod>('pods');
    expect(created).toHaveLength(3);
    for (const p of created) {
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }]);
    }
    expect(recorder.events.filter((e) => e.startsWith('Normal SuccessfulCreate Created pod: web-'))).toHaveLength(3);
  });

  it('does not create again while its creates are not yet seen by the informer (expectations)', async () => {
    const { api, c } = setup([replicaSet('web', 2)], []);
    await c.reconcile('default/web');
    api.clearActions();
    await c.reconcile('default/web');
    expect(api.writes().filter((w) => w.startsWith('create'))).toEqual([]);
    // The informer reports both creates: now a sync may act again (and has nothing to do).
    for (const p of api.list<Pod>('pods')) c.onPodAdd(p);
    expect(c.expectations.satisfied('default/web')).toBe(true);
  });

  it('deletes the least valuable pods first when scaling down', async () => {
    const rs = replicaSet('web', 2);
    const pods = [
      pod('ready-old', { owner: rs, node: 'n1', readySince: '2024-01-01T00:00:00Z' }),
      pod('ready-new', { owner: rs, node: 'n1', readySince: '2024-01-01T00:05:00Z' }),
      pod('unscheduled', { owner: rs, phase: 'Pending', ready: false }),
      pod('not-ready', { owner: rs, node: 'n1', ready: false }),
    ];
    const { api, recorder, c } = setup([rs], pods);
    await c.reconcile('default/web');
    expect(api.writes().filter((w) => w.startsWith('delete'))).toEqual(['delete pods default/unscheduled', 'delete pods default/not-ready']);
    expect(recorder.events).toContain('Normal SuccessfulDelete Deleted pod: unscheduled');
    expect(c.expectations.pending('default/web')).toEqual({ adds: 0, deletes: 2 });
  });

  it('adopts a matching orphan and releases an owned pod whose labels no longer match', async () => {
    const rs = replicaSet('web', 2);
    const orphan = pod('orphan');
    const strayed = pod('strayed', { owner: rs, labels: { app: 'other' } });
    const { api, c } = setup([rs], [orphan, strayed, pod('mine', { owner: rs })]);
    await c.reconcile('default/web');
    expect(api.writes()).toEqual(['patch pods default/orphan', 'patch pods default/strayed', 'update replicasets/status default/web']);
    expect(api.object<Pod>('pods', 'default', 'orphan')!.metadata.ownerReferences?.[0].uid).toBe('uid-web');
    expect(api.object<Pod>('pods', 'default', 'strayed')!.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('writes replicas, ready, available (minReadySeconds) and observedGeneration', async () => {
    const rs = replicaSet('web', 3);
    rs.spec!.minReadySeconds = 60;
    rs.metadata.generation = 4;
    const pods = [
      pod('a', { owner: rs, readySince: '2024-01-01T00:00:00Z' }),
      pod('b', { owner: rs, readySince: '2024-01-01T00:09:30Z' }),
      pod('c', { owner: rs, ready: false, labels: { app: 'web', extra: 'x' } }),
      pod('gone', { owner: rs, deleting: true }),
    ];
    const { api, c } = setup([rs], pods);
    const result = await c.reconcile('default/web');
    expect(api.object<ReplicaSet>('replicasets', 'default', 'web')!.status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 2,
      availableReplicas: 1,
      observedGeneration: 4,
    });
    // Ready but not yet available: look again when minReadySeconds may have passed.
    expect(result).toEqual({ requeueAfterMs: 60_000 });
  });

  it('reports a failed create as FailedCreate and a ReplicaFailure condition, and retries', async () => {
    const { api, recorder, c } = setup([replicaSet('web', 2)], []);
    api.react('create', 'pods', () => statusError(403, 'Forbidden', 'pods "web-" is forbidden: exceeded quota'));
    await expect(c.reconcile('default/web')).rejects.toThrow('exceeded quota');
    expect(recorder.events).toEqual(['Warning FailedCreate Error creating: pods "web-" is forbidden: exceeded quota']);
    const cond = api.object<ReplicaSet>('replicasets', 'default', 'web')!.status!.conditions!;
    expect(cond).toEqual([expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' })]);
    // Only one create was tried (slow start), and the ones never sent are not awaited.
    expect(c.expectations.satisfied('default/web')).toBe(true);
  });

  it('creates nothing for a ReplicaSet being deleted, but keeps its status', async () => {
    const rs = replicaSet('web', 3);
    rs.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    const { api, c } = setup([rs], []);
    await c.reconcile('default/web');
    expect(api.writes()).toEqual(['update replicasets/status default/web']);
  });

  it('counts a graceful delete seen as an update as the deletion it expected', () => {
    const rs = replicaSet('web', 1);
    const p = pod('a', { owner: rs });
    const { c, enqueued } = setup([rs], [p]);
    c.expectations.expectDeletions('default/web', ['default/a']);
    c.onPodUpdate(p, { ...p, metadata: { ...p.metadata, resourceVersion: '2', deletionTimestamp: '2024-01-01T00:00:30Z' } });
    expect(c.expectations.satisfied('default/web')).toBe(true);
    expect(enqueued).toEqual(['default/web']);
  });
});

describe('deletion ranking', () => {
  const cases: Array<[string, Pod, Pod]> = [
    ['unscheduled before scheduled', pod('x', { phase: 'Pending' }), pod('y', { node: 'n' })],
    ['pending before running', pod('x', { node: 'n', phase: 'Pending' }), pod('y', { node: 'n' })],
    ['not ready before ready', pod('x', { node: 'n', ready: false }), pod('y', { node: 'n' })],
    ['ready more recently first', pod('x', { node: 'n', readySince: '2024-01-01T00:05:00Z' }), pod('y', { node: 'n' })],
    ['newer before older', pod('x', { node: 'n', created: '2024-01-02T00:00:00Z' }), pod('y', { node: 'n' })],
  ];
  it.each(cases)('%s', (_name, first, second) => {
    expect(compareForDeletion(first, second)).toBeLessThan(0);
    expect(compareForDeletion(second, first)).toBeGreaterThan(0);
  });
});

describe('slowStartBatch', () => {
  it('runs batches of 1, 2, 4 and stops after a failing batch', async () => {
    let calls = 0;
    const res = await slowStartBatch(10, async () => {
      calls++;
      if (calls === 3) throw new Error('boom');
    });
    expect(calls).toBe(3);
    expect(res.succeeded).toBe(2);
    expect(res.error).toEqual(new Error('boom'));
  });
});
