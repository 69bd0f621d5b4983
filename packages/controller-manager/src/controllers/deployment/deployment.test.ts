import type { Deployment, Pod, ReplicaSet } from '@tinykube/api';
import { FakeClock, indexByOwnerUid, OWNER_UID_INDEX } from '@tinykube/client';
import { computeHash } from '../../util/hash';
import { deployment, FakeApi, FakeRecorder, indexerWith, pod, replicaSet } from '../../testing';
import { DeploymentController } from './deployment-controller';

const NOW = Date.parse('2024-01-01T00:10:00Z');

function setup(d: Deployment, rsList: ReplicaSet[] = [], pods: Pod[] = []) {
  const api = new FakeApi([d, ...rsList, ...pods]);
  const recorder = new FakeRecorder();
  const clock = new FakeClock(NOW);
  const c = new DeploymentController({
    api,
    deployments: indexerWith([d]),
    replicaSets: indexerWith(rsList),
    pods: indexerWith(pods, { [OWNER_UID_INDEX]: indexByOwnerUid }),
    recorder,
    clock,
    enqueue: () => undefined,
  });
  const rs = (name: string) => api.object<ReplicaSet>('replicasets', 'default', name);
  const dep = () => api.object<Deployment>('deployments', 'default', d.metadata.name!)!;
  return { api, recorder, c, rs, dep };
}

/** A ReplicaSet of deployment `d` for its current template, as the controller names it. */
function rsFor(d: Deployment, replicas: number, o: { available?: number; revision?: string; image?: string; created?: string } = {}): ReplicaSet {
  const tmpl = structuredClone(d.spec!.template);
  if (o.image) tmpl.spec!.containers[0].image = o.image;
  const hash = computeHash(tmpl);
  const rs = replicaSet(`${d.metadata.name}-${hash}`, replicas, {
    owner: d,
    labels: { app: d.metadata.name!, 'pod-template-hash': hash },
    annotations: {
      'deployment.kubernetes.io/revision': o.revision ?? '1',
      'deployment.kubernetes.io/desired-replicas': String(d.spec!.replicas),
      'deployment.kubernetes.io/max-replicas': String(d.spec!.replicas! + 2),
    },
    status: { replicas, readyReplicas: o.available ?? replicas, availableReplicas: o.available ?? replicas, observedGeneration: 1 },
    image: o.image ?? d.spec!.template.spec!.containers[0].image,
    created: o.created,
  });
  rs.spec!.selector.matchLabels = { app: d.metadata.name!, 'pod-template-hash': hash };
  return rs;
}

describe('Deployment controller', () => {
  it('creates the first ReplicaSet, named by the template hash, with revision 1', async () => {
    const d = deployment('web', 5);
    const { api, recorder, c, dep } = setup(d);
    await c.reconcile('default/web');
    const name = `web-${computeHash(d.spec!.template)}`;
    expect(api.writes()).toEqual([`create replicasets default/${name}`, 'patch deployments default/web', 'update deployments/status default/web', 'update deployments/status default/web']);
    const rs = api.object<ReplicaSet>('replicasets', 'default', name)!;
    expect(rs.spec!.replicas).toBe(5);
    expect(rs.spec!.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': computeHash(d.spec!.template) });
    expect(rs.spec!.template!.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': computeHash(d.spec!.template) });
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '5',
      'deployment.kubernetes.io/max-replicas': '7',
    });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }]);
    expect(dep().metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(dep().status!.conditions!.find((x) => x.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${name}"` });
    expect(recorder.events).toEqual([`Normal ScalingReplicaSet Scaled up replica set ${name} from 0 to 5`]);
  });

  it('on a template change creates the new ReplicaSet within maxSurge, with the next revision', async () => {
    const old = deployment('web', 5);
    const oldRS = rsFor(old, 5);
    const d = deployment('web', 5, { image: 'nginx:2', generation: 2 });
    const { rs, c, dep } = setup(d, [oldRS]);
    await c.reconcile('default/web');
    const created = rs(`web-${computeHash(d.spec!.template)}`)!;
    // 5 replicas + maxSurge 2 (25% rounded up) = 7 pods at most: 5 old leave room for 2 new.
    expect(created.spec!.replicas).toBe(2);
    expect(created.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(dep().metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    // In the same sync, as in Kubernetes: 5 available, floor 4 (maxUnavailable 1), so one old pod goes.
    expect(rs(oldRS.metadata.name!)!.spec!.replicas).toBe(4);
  });

  it('scales old ReplicaSets down only as far as maxUnavailable allows', async () => {
    const d = deployment('web', 5, { image: 'nginx:2', generation: 2 });
    const oldRS = rsFor(deployment('web', 5), 5);
    const newRS = rsFor(d, 2, { available: 0, revision: '2', created: '2024-01-01T00:05:00Z' });
    const { api, rs, c, recorder } = setup(d, [oldRS, newRS]);
    await c.reconcile('default/web');
    // 5 available old pods, at least 4 (5 - maxUnavailable 1) must stay: one old pod may go.
    expect(rs(oldRS.metadata.name!)!.spec!.replicas).toBe(4);
    expect(rs(newRS.metadata.name!)!.spec!.replicas).toBe(2);
    expect(recorder.events).toEqual([`Normal ScalingReplicaSet Scaled down replica set ${oldRS.metadata.name} from 5 to 4`]);
    expect(api.writes().filter((w) => w.startsWith('update replicasets'))).toEqual([`update replicasets default/${oldRS.metadata.name}`]);
  });

  it('does not count pods a shrunk ReplicaSet still reports as available', async () => {
    const d = deployment('web', 5, { image: 'nginx:2', generation: 2 });
    const oldRS = rsFor(deployment('web', 5), 4, { available: 5 });
    const newRS = rsFor(d, 3, { available: 1, revision: '2', created: '2024-01-01T00:05:00Z' });
    const { rs, c } = setup(d, [oldRS, newRS]);
    await c.reconcile('default/web');
    // Really available: 4 old + 1 new = 5, floor 4: one more old pod may go (not two).
    expect(rs(oldRS.metadata.name!)!.spec!.replicas).toBe(3);
  });

  it('completes: Progressing NewReplicaSetAvailable, old revisions beyond the history limit deleted', async () => {
    const d = deployment('web', 3, { image: 'nginx:3', generation: 3, revisionHistoryLimit: 1 });
    const r1 = rsFor(deployment('web', 3), 0, { revision: '1' });
    const r2 = rsFor(deployment('web', 3, { image: 'nginx:2' }), 0, { revision: '2', created: '2024-01-01T00:01:00Z' });
    const r3 = rsFor(d, 3, { revision: '3', created: '2024-01-01T00:02:00Z' });
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '3' };
    const { api, c, dep } = setup(d, [r1, r2, r3]);
    await c.reconcile('default/web');
    expect(api.writes()).toEqual([
      'update deployments/status default/web', // Progressing FoundNewReplicaSet: there was no condition yet
      `delete replicasets default/${r1.metadata.name}`,
      'update deployments/status default/web',
    ]);
    const status = dep().status!;
    expect(status).toMatchObject({ observedGeneration: 3, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0 });
    expect(status.conditions!.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
  });

  it('Recreate: scales old to zero, and creates the new ReplicaSet only once old pods are gone', async () => {
    const d = deployment('web', 2, { image: 'nginx:2', strategy: { type: 'Recreate' }, generation: 2 });
    const oldRS = rsFor(deployment('web', 2), 2);
    const first = setup(d, [oldRS]);
    await first.c.reconcile('default/web');
    expect(first.api.writes()).toEqual([`update replicasets default/${oldRS.metadata.name}`, 'update deployments/status default/web']);

    const drained = rsFor(deployment('web', 2), 0);
    drained.status = { replicas: 0 };
    const stillRunning = pod('old-1', { owner: drained, labels: { app: 'web' }, deleting: true });
    const waiting = setup(d, [drained], [stillRunning]);
    await waiting.c.reconcile('default/web');
    expect(waiting.api.writes().filter((w) => w.startsWith('create'))).toEqual([]);

    const gone = setup(d, [drained]);
    await gone.c.reconcile('default/web');
    const created = gone.rs(`web-${computeHash(d.spec!.template)}`)!;
    expect(created.spec!.replicas).toBe(2);
  });

  it('paused: no new ReplicaSet for a template change, and Progressing says DeploymentPaused', async () => {
    const d = deployment('web', 2, { image: 'nginx:2', paused: true, generation: 2 });
    const oldRS = rsFor(deployment('web', 2), 2);
    const { api, c, dep } = setup(d, [oldRS]);
    await c.reconcile('default/web');
    expect(api.writes().filter((w) => w.startsWith('create'))).toEqual([]);
    expect(dep().status!.conditions!.find((x) => x.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
  });

  it('a scaled Deployment resizes its ReplicaSet (a scaling event, not a rollout)', async () => {
    const d = deployment('web', 6);
    const current = rsFor(deployment('web', 3), 3);
    const { rs, c, recorder } = setup(d, [current]);
    await c.reconcile('default/web');
    expect(rs(current.metadata.name!)!.spec!.replicas).toBe(6);
    expect(rs(current.metadata.name!)!.metadata.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('6');
    expect(recorder.events).toEqual([`Normal ScalingReplicaSet Scaled up replica set ${current.metadata.name} from 3 to 6`]);
  });

  it('reports ProgressDeadlineExceeded when nothing moved within progressDeadlineSeconds', async () => {
    const d = deployment('web', 2, { image: 'nginx:2', generation: 2 });
    d.spec!.progressDeadlineSeconds = 60;
    const newRS = rsFor(d, 2, { available: 0, revision: '2' });
    newRS.status = { replicas: 2, readyReplicas: 0, availableReplicas: 0 };
    d.status = {
      observedGeneration: 2,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 0,
      availableReplicas: 0,
      unavailableReplicas: 2,
      conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'x', lastUpdateTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z' }],
    };
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '2' };
    const { c, dep } = setup(d, [newRS]);
    await c.reconcile('default/web');
    expect(dep().status!.conditions!.find((x) => x.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`,
    });
  });

  it('rollback: a template set back to an earlier one reuses that ReplicaSet with the next revision', async () => {
    const d = deployment('web', 2, { generation: 3 });
    const r1 = rsFor(d, 0, { revision: '1' });
    const r2 = rsFor(deployment('web', 2, { image: 'nginx:2' }), 2, { revision: '2', created: '2024-01-01T00:01:00Z' });
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '2' };
    const { api, rs, c, dep } = setup(d, [r1, r2]);
    await c.reconcile('default/web');
    expect(api.writes().filter((w) => w.startsWith('create'))).toEqual([]);
    expect(rs(r1.metadata.name!)!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(rs(r1.metadata.name!)!.spec!.replicas).toBe(1); // 2 + maxSurge 1 (25% of 2, rounded up) - 2
    expect(dep().metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('adopts a matching orphan ReplicaSet', async () => {
    const d = deployment('web', 2);
    const orphan = rsFor(d, 2);
    delete orphan.metadata.ownerReferences;
    const { api, c } = setup(d, [orphan]);
    await c.reconcile('default/web');
    expect(api.writes()[0]).toBe(`patch replicasets default/${orphan.metadata.name}`);
    expect(api.object<ReplicaSet>('replicasets', 'default', orphan.metadata.name!)!.metadata.ownerReferences![0].uid).toBe('uid-web');
  });
});
