/** The pure decisions behind delete, label/annotate and rollout status, table-driven. */
import type { Deployment } from '@tinykube/api';
import { parseDuration } from '../resources/wait';
import { deleteOptions } from './delete';
import { splitChanges } from './label';
import { deploymentRolloutStatus } from './rollout-status';

describe('delete options', () => {
  it.each([
    [{ cascade: 'background', gracePeriod: '-1' }, { propagationPolicy: 'Background' }],
    [{ cascade: 'foreground', gracePeriod: '30' }, { propagationPolicy: 'Foreground', gracePeriodSeconds: 30 }],
    [{ cascade: 'orphan', gracePeriod: '-1', now: true }, { propagationPolicy: 'Orphan', gracePeriodSeconds: 1 }],
    // kubectl turns a bare --grace-period=0 into 1; --force makes it a real 0.
    [{ cascade: 'true', gracePeriod: '0' }, { propagationPolicy: 'Background', gracePeriodSeconds: 1 }],
    [{ cascade: 'false', gracePeriod: '0', force: true }, { propagationPolicy: 'Orphan', gracePeriodSeconds: 0 }],
    [{ cascade: 'background', gracePeriod: '-1', force: true }, { propagationPolicy: 'Background', gracePeriodSeconds: 0 }],
  ])('%j', (flags, expected) => {
    expect(deleteOptions(flags)).toEqual(expected);
  });
});

describe('label changes', () => {
  it('splits objects from changes', () => {
    expect(splitChanges(['pods', 'a', 'x=1', 'y-', 'z='], 'label')).toEqual({ resources: ['pods', 'a'], changes: { set: { x: '1', z: '' }, remove: ['y'] } });
  });
  it.each([
    [['pods', 'a'], 'at least one label update is required'],
    [['pods', 'a', 'x=1', 'x-'], 'can not both modify and remove'],
  ])('rejects %j', (args, message) => {
    expect(() => splitChanges(args, 'label')).toThrow(message);
  });
});

describe('rollout status of a deployment', () => {
  const dep = (generation: number, spec: number, status: Deployment['status']): Deployment => ({
    metadata: { name: 'web', generation },
    spec: { replicas: spec, selector: {}, template: {} },
    status,
  });
  it.each([
    [dep(2, 3, { observedGeneration: 1 }), 'Waiting for deployment spec update to be observed...', false],
    [dep(1, 3, { observedGeneration: 1, updatedReplicas: 1, replicas: 3 }), 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...', false],
    [dep(1, 3, { observedGeneration: 1, updatedReplicas: 3, replicas: 4 }), 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...', false],
    [dep(1, 3, { observedGeneration: 1, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }), 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...', false],
    [dep(1, 3, { observedGeneration: 1, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }), 'deployment "web" successfully rolled out', true],
  ])('%#: %s', (d, message, done) => {
    expect(deploymentRolloutStatus(d)).toEqual({ message, done });
  });
  it('fails when the progress deadline passed', () => {
    const d = dep(1, 1, { observedGeneration: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    expect(() => deploymentRolloutStatus(d)).toThrow('deployment "web" exceeded its progress deadline');
  });
});

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['2', 2000],
    ['0', 0],
  ])('%s', (text, ms) => expect(parseDuration(text, '--timeout')).toBe(ms));
  it('rejects a bad one', () => expect(() => parseDuration('soon', '--timeout')).toThrow('time: invalid duration "soon"'));
});
