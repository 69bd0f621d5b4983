import type { KubeObject } from '../types/meta';
import { findKind } from './index';
import { podStatusReason } from './pod-table';

const NOW = new Date('2024-05-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW.getTime() - seconds * 1000).toISOString();

const podInfo = findKind('v1', 'Pod');
if (!podInfo) throw new Error('pods missing from the registry');
const row = (pod: KubeObject): unknown[] => podInfo.tableCells(pod, NOW);

const running = (name: string, ready = true) => ({ name, ready, restartCount: 0, state: { running: { startedAt: ago(60) } } });

function pod(fields: { spec?: object; status?: object; deletionTimestamp?: string }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(303), deletionTimestamp: fields.deletionTimestamp },
    spec: { containers: [{ name: 'app' }], ...fields.spec },
    status: fields.status ?? {},
  };
}

describe('pod table columns', () => {
  it('has the kubectl columns with the wide ones at priority 1', () => {
    expect(podInfo.tableColumns.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0],
      ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
    ]);
    expect(podInfo.tableColumns[0]).toMatchObject({ type: 'string', format: 'name' });
  });
});

describe('pod rows', () => {
  it('shows a pending, unscheduled pod', () => {
    expect(row(pod({ status: { phase: 'Pending' } }))).toEqual(['web', '0/1', 'Pending', '0', '5m3s', '<none>', '<none>', '<none>', '<none>']);
  });

  it('shows a running pod with its IP and node', () => {
    const p = pod({
      spec: { nodeName: 'node-1', containers: [{ name: 'app' }, { name: 'sidecar' }] },
      status: { phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }], containerStatuses: [running('app'), running('sidecar', false)] },
    });
    expect(row(p)).toEqual(['web', '1/2', 'Running', '0', '5m3s', '10.244.0.5', 'node-1', '<none>', '<none>']);
  });

  it('shows CrashLoopBackOff with restarts and when the last one happened', () => {
    const p = pod({
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(180) } },
          },
        ],
      },
    });
    expect(row(p).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '5 (3m ago)']);
  });

  it.each([
    ['Running', 'Terminating'],
    ['Pending', 'Terminating'],
    ['Succeeded', 'Completed'],
  ])('a deleted %s pod shows %s', (phase, expected) => {
    const statuses = phase === 'Succeeded'
      ? [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }]
      : [running('app')];
    const p = pod({ deletionTimestamp: ago(5), status: { phase, containerStatuses: statuses } });
    expect(row(p)[2]).toBe(expected);
    expect(podStatusReason(p)).toBe(expected);
  });

  it('shows Unknown for a deleted pod on a lost node', () => {
    const p = pod({ deletionTimestamp: ago(5), status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [running('app')] } });
    expect(row(p)[2]).toBe('Unknown');
  });

  it.each([
    [{ exitCode: 137, signal: 9 }, 'Signal:9'],
    [{ exitCode: 2 }, 'ExitCode:2'],
    [{ exitCode: 1, reason: 'Error' }, 'Error'],
    [{ exitCode: 137, reason: 'OOMKilled' }, 'OOMKilled'],
  ])('describes a terminated container %j as %s', (terminated, expected) => {
    const p = pod({ status: { phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated } }] } });
    expect(row(p)[2]).toBe(expected);
  });

  it('prefers the first container when several have problems', () => {
    const p = pod({
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Pending',
        containerStatuses: [
          { name: 'a', state: { waiting: { reason: 'ImagePullBackOff' } } },
          { name: 'b', state: { waiting: { reason: 'ContainerCreating' } } },
        ],
      },
    });
    expect(row(p)[2]).toBe('ImagePullBackOff');
  });

  it('shows Running or NotReady when one container completed and another still runs', () => {
    const statuses = [running('a'), { name: 'b', state: { terminated: { exitCode: 0, reason: 'Completed' } } }];
    const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
    const ready = pod({ spec, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: statuses } });
    const notReady = pod({ spec, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: statuses } });
    expect(row(ready).slice(1, 3)).toEqual(['1/2', 'Running']);
    expect(row(notReady)[2]).toBe('NotReady');
  });

  describe('init containers', () => {
    const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }] };
    it.each([
      ['waiting to start', [{ name: 'i1', state: { waiting: { reason: 'PodInitializing' } } }], 'Init:0/2'],
      ['the second running', [{ name: 'i1', state: { terminated: { exitCode: 0 } } }, { name: 'i2', state: { running: {} } }], 'Init:1/2'],
      ['crash-looping', [{ name: 'i1', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }], 'Init:CrashLoopBackOff'],
      ['failed without reason', [{ name: 'i1', state: { terminated: { exitCode: 1 } } }], 'Init:ExitCode:1'],
      ['failed with reason', [{ name: 'i1', state: { terminated: { exitCode: 1, reason: 'Error' } } }], 'Init:Error'],
    ])('%s -> %s', (_what, initContainerStatuses, expected) => {
      expect(row(pod({ spec, status: { phase: 'Pending', initContainerStatuses } }))[2]).toBe(expected);
    });

    it('counts init restarts while initializing', () => {
      const p = pod({ spec, status: { phase: 'Pending', initContainerStatuses: [{ name: 'i1', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } });
      expect(row(p)[3]).toBe('3');
    });

    it('counts a started sidecar as a container', () => {
      const p = pod({
        spec: { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [{ name: 'proxy', started: true, ready: true, restartCount: 1, state: { running: {} } }],
          containerStatuses: [running('app')],
        },
      });
      expect(row(p).slice(1, 4)).toEqual(['2/2', 'Running', '1']);
    });
  });

  it('shows SchedulingGated', () => {
    const p = pod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } });
    expect(row(p)[2]).toBe('SchedulingGated');
  });

  it('counts true readiness gates', () => {
    const p = pod({
      spec: { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      status: { phase: 'Running', conditions: [{ type: 'example.com/lb', status: 'True' }], containerStatuses: [running('app')] },
    });
    expect(row(p)[8]).toBe('1/2');
  });

  it('copes with a pod that has no spec or status at all', () => {
    expect(row({ metadata: { name: 'bare' } })).toEqual(['bare', '0/0', '', '0', '<unknown>', '<none>', '<none>', '<none>', '<none>']);
  });
});
