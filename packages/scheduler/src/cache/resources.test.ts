import { container, node, pod } from '../testing/fixtures';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, InvalidQuantityError, nodeAllocatable, podNonZeroRequests, podRequests } from './resources';

describe('podRequests', () => {
  it.each([
    { name: 'app containers add up', spec: { containers: [container('a', { cpu: '250m', memory: '64Mi' }), container('b', { cpu: '750m', memory: '64Mi' })] }, cpu: 1000, mem: 128 },
    {
      name: 'an init container larger than the app containers wins',
      spec: { initContainers: [container('i', { cpu: '2', memory: '10Mi' })], containers: [container('a', { cpu: '1', memory: '100Mi' })] },
      cpu: 2000,
      mem: 100,
    },
    {
      name: 'init containers run one at a time: only the largest counts',
      spec: { initContainers: [container('i1', { cpu: '1' }), container('i2', { cpu: '1' })], containers: [container('a', { cpu: '500m' })] },
      cpu: 1000,
      mem: 0,
    },
    {
      name: 'a sidecar adds to the app containers and to later init containers',
      spec: {
        initContainers: [container('sidecar', { cpu: '500m' }, { restartPolicy: 'Always' }), container('i', { cpu: '1' })],
        containers: [container('a', { cpu: '300m' })],
      },
      cpu: 1500,
      mem: 0,
    },
    { name: 'pod overhead on top', spec: { containers: [container('a', { cpu: '1' })], overhead: { cpu: '100m', memory: '10Mi' } }, cpu: 1100, mem: 10 },
  ])('$name', ({ spec, cpu, mem }) => {
    const r = podRequests(pod('p', spec));
    expect(r.milliCpu).toBe(cpu);
    expect(r.memory).toBe(mem * 1024 * 1024);
  });

  it('non-zero requests fill in 100m and 200Mi for each container that names none', () => {
    const r = podNonZeroRequests(pod('p', { containers: [container('a'), container('b', { cpu: '1' })] }));
    expect(r).toEqual({ milliCpu: DEFAULT_MILLI_CPU_REQUEST + 1000, memory: 2 * DEFAULT_MEMORY_REQUEST });
  });

  it('rejects a malformed quantity with a typed error', () => {
    expect(() => podRequests(pod('p', { containers: [container('a', { cpu: 'lots' })] }))).toThrow(InvalidQuantityError);
  });
});

describe('nodeAllocatable', () => {
  it('reads allocatable, falling back to capacity', () => {
    expect(nodeAllocatable(node('n', { cpu: '3500m', memory: '2Gi', pods: 20 }))).toEqual({ milliCpu: 3500, memory: 2 * 1024 ** 3, pods: 20 });
    const n = node('n');
    delete n.status!.allocatable;
    n.status!.capacity = { cpu: '2', memory: '1Gi', pods: '5' };
    expect(nodeAllocatable(n)).toEqual({ milliCpu: 2000, memory: 1024 ** 3, pods: 5 });
  });
});
