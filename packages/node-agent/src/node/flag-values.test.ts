import { allocatable } from './machine';
import { FlagValueError, parseNodeLabels, parseResourceList, parseTaints } from './flag-values';

describe('kubelet flag values', () => {
  it('parses --node-labels', () => {
    expect(parseNodeLabels('tier=web, zone=a,empty=')).toEqual({ tier: 'web', zone: 'a', empty: '' });
    expect(() => parseNodeLabels('novalue')).toThrow(FlagValueError);
  });

  it.each([
    ['dedicated=gpu:NoSchedule', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]],
    ['maintenance:NoExecute,a=b:PreferNoSchedule', [{ key: 'maintenance', effect: 'NoExecute' }, { key: 'a', value: 'b', effect: 'PreferNoSchedule' }]],
  ])('parses --register-with-taints %s', (flag, taints) => {
    expect(parseTaints(flag)).toEqual(taints);
  });

  it.each(['nocolon', 'k=v:Sometimes', ':NoSchedule'])('rejects the taint %s', (flag) => {
    expect(() => parseTaints(flag)).toThrow(FlagValueError);
  });

  it('parses resource lists and subtracts reservations', () => {
    const capacity = parseResourceList('cpu=4,memory=8Gi,pods=110');
    expect(capacity).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
    expect(allocatable(capacity, { cpu: '500m', memory: '1Gi' })).toEqual({ cpu: '3500m', memory: '7Gi', pods: '110' });
    expect(() => parseResourceList('cpu=lots')).toThrow('invalid quantity for cpu: "lots"');
  });
});
