import type { Pod } from '@tinykube/api';
import type { ContainerInstance, PodRuntimeView } from './runtime-view';
import { computePodStatus, sameStatus, type ContainerWaiting } from './status';

const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);

function instance(name: string, state: ContainerInstance['state'], extra: Partial<ContainerInstance> = {}): ContainerInstance {
  return { id: `${name}-${extra.attempt ?? 0}`, sandboxId: 's1', name, attempt: 0, state, createdAtMs: NOW - 5000, startedAtMs: NOW - 4000, finishedAtMs: state === 'CONTAINER_EXITED' ? NOW - 1000 : 0, exitCode: 0, reason: '', message: '', imageRef: 'sha256:abc', logPath: '', ...extra };
}

function status(pod: Pod, containers: ContainerInstance[], waiting: Record<string, ContainerWaiting> = {}, notReady: string[] = []) {
  const view: PodRuntimeView = { sandboxes: [{ id: 's1', state: 'SANDBOX_READY', attempt: 0, createdAtMs: NOW - 6000, ips: ['127.1.0.2'] }], containers };
  return computePodStatus({
    pod,
    view,
    waiting: new Map(Object.entries(waiting)),
    probes: { ready: (id) => !notReady.includes(id), started: () => true },
    hostIPs: ['127.0.0.1'],
    runtimeName: 'tinykube',
    nowMs: NOW,
  });
}

const pod = (restartPolicy: 'Always' | 'OnFailure' | 'Never', names = ['a', 'b'], init: string[] = []): Pod => ({
  metadata: { name: 'p', namespace: 'default', uid: 'u' },
  spec: { restartPolicy, containers: names.map((name) => ({ name, image: 'busybox' })), initContainers: init.map((name) => ({ name, image: 'busybox' })) },
});

describe('computePodStatus', () => {
  it.each([
    ['nothing created yet', 'Always', [], {}, 'Pending'],
    ['both running', 'Always', [instance('a', 'CONTAINER_RUNNING'), instance('b', 'CONTAINER_RUNNING')], {}, 'Running'],
    ['one running, one not yet created', 'Always', [instance('a', 'CONTAINER_RUNNING')], {}, 'Pending'],
    ['one crash-looping', 'Always', [instance('a', 'CONTAINER_RUNNING'), instance('b', 'CONTAINER_EXITED', { exitCode: 1 })], { b: { reason: 'CrashLoopBackOff' } }, 'Running'],
    ['all exited 0, Never', 'Never', [instance('a', 'CONTAINER_EXITED'), instance('b', 'CONTAINER_EXITED')], {}, 'Succeeded'],
    ['one failed, Never', 'Never', [instance('a', 'CONTAINER_EXITED'), instance('b', 'CONTAINER_EXITED', { exitCode: 2 })], {}, 'Failed'],
    ['one failed, OnFailure (restarting)', 'OnFailure', [instance('a', 'CONTAINER_EXITED'), instance('b', 'CONTAINER_EXITED', { exitCode: 2 })], {}, 'Running'],
    ['all exited 0, Always', 'Always', [instance('a', 'CONTAINER_EXITED'), instance('b', 'CONTAINER_EXITED')], {}, 'Running'],
  ] as const)('%s -> %s', (_what, policy, containers, waiting, phase) => {
    expect(status(pod(policy), [...containers], waiting).phase).toBe(phase);
  });

  it('stays Pending while init containers run, and Failed when one fails under Never', () => {
    const running = status(pod('Always', ['a'], ['i1', 'i2']), [instance('i1', 'CONTAINER_EXITED'), instance('i2', 'CONTAINER_RUNNING')]);
    expect(running.phase).toBe('Pending');
    expect(running.conditions?.[0]).toMatchObject({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [i2]' });
    expect(running.containerStatuses?.[0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(status(pod('Never', ['a'], ['i1']), [instance('i1', 'CONTAINER_EXITED', { exitCode: 1 })]).phase).toBe('Failed');
  });

  it('reports container states, lastState, restartCount, readiness and the Ready conditions', () => {
    const s = status(
      pod('Always'),
      [instance('a', 'CONTAINER_RUNNING', { attempt: 2, id: 'a2' }), instance('a', 'CONTAINER_EXITED', { attempt: 1, id: 'a1', exitCode: 137 }), instance('b', 'CONTAINER_RUNNING', { id: 'b0' })],
      {},
      ['b0'],
    );
    expect(s.containerStatuses?.[0]).toMatchObject({
      name: 'a',
      ready: true,
      restartCount: 2,
      containerID: 'tinykube://a2',
      state: { running: { startedAt: '2024-01-01T11:59:56Z' } },
      lastState: { terminated: { exitCode: 137, reason: 'Error', containerID: 'tinykube://a1', finishedAt: '2024-01-01T11:59:59Z' } },
    });
    expect(s.containerStatuses?.[1]).toMatchObject({ name: 'b', ready: false, started: true });
    expect(s.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [b]' });
    expect(s.podIP).toBe('127.1.0.2');
    expect(s.podIPs).toEqual([{ ip: '127.1.0.2' }]);
    expect(s.hostIPs).toEqual([{ ip: '127.0.0.1' }]);
  });

  it('shows a container waiting to restart as waiting, its last run as lastState', () => {
    const s = status(pod('Always', ['a']), [instance('a', 'CONTAINER_EXITED', { attempt: 3, exitCode: 1 })], { a: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } });
    expect(s.containerStatuses?.[0]).toMatchObject({ restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } }, lastState: { terminated: { exitCode: 1 } } });
  });

  it('keeps lastTransitionTime and startTime while nothing changes, so the status compares equal', () => {
    const p = pod('Always', ['a']);
    const first = status(p, [instance('a', 'CONTAINER_RUNNING')]);
    const later = computePodStatus({
      pod: { ...p, status: first },
      view: { sandboxes: [{ id: 's1', state: 'SANDBOX_READY', attempt: 0, createdAtMs: 0, ips: ['127.1.0.2'] }], containers: [instance('a', 'CONTAINER_RUNNING')] },
      waiting: new Map(),
      probes: { ready: () => true, started: () => true },
      hostIPs: ['127.0.0.1'],
      runtimeName: 'tinykube',
      nowMs: NOW + 60_000,
    });
    expect(sameStatus(first, later)).toBe(true);
    expect(sameStatus(first, { ...later, phase: 'Failed' })).toBe(false);
  });

  it('compares statuses as stored: key order, undefined fields and empty lists do not count', () => {
    expect(sameStatus({ phase: 'Running', podIP: '127.1.0.2' }, { podIP: '127.1.0.2', phase: 'Running', conditions: [], message: undefined })).toBe(true);
    expect(sameStatus({ phase: 'Running', conditions: [] }, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] })).toBe(false);
  });
});
