import type { ContainerPort } from '@tinykube/api';
import { CycleState } from '../framework/types';
import { container, node, nodeInfo, pod, podInfo } from '../testing/fixtures';
import { ERR_REASON_PORTS, NodePorts } from './node-ports';

const withPorts = (name: string, ports: ContainerPort[]) => pod(name, { containers: [container('c', undefined, { ports })] });

describe('NodePorts filter', () => {
  it.each<{ name: string; existing: ContainerPort[]; wanted: ContainerPort[]; fits: boolean }>([
    { name: 'no host ports', existing: [{ containerPort: 80, hostPort: 8080 }], wanted: [{ containerPort: 80 }], fits: true },
    { name: 'same port and protocol', existing: [{ containerPort: 80, hostPort: 8080 }], wanted: [{ containerPort: 81, hostPort: 8080 }], fits: false },
    { name: 'same port, other protocol', existing: [{ containerPort: 53, hostPort: 53, protocol: 'TCP' }], wanted: [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }], fits: true },
    { name: 'other port', existing: [{ containerPort: 80, hostPort: 8080 }], wanted: [{ containerPort: 80, hostPort: 8081 }], fits: true },
    { name: 'different host IPs', existing: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], wanted: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }], fits: true },
    { name: 'same host IP', existing: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], wanted: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], fits: false },
    { name: 'wildcard IP wanted vs a specific one held', existing: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], wanted: [{ containerPort: 80, hostPort: 80 }], fits: false },
    { name: 'specific IP wanted vs the wildcard held', existing: [{ containerPort: 80, hostPort: 80 }], wanted: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], fits: false },
  ])('$name -> fits=$fits', ({ existing, wanted, fits }) => {
    const info = nodeInfo(node('n1'), [withPorts('existing', existing)]);
    const s = new NodePorts().filter(new CycleState(), podInfo(withPorts('new', wanted)), info);
    expect(s.code).toBe(fits ? 'Success' : 'Unschedulable');
    if (!fits) expect(s.reasons).toEqual([ERR_REASON_PORTS]);
  });

  it('frees the port when the holder leaves the node', () => {
    const holder = withPorts('existing', [{ containerPort: 80, hostPort: 8080 }]);
    const info = nodeInfo(node('n1'), [holder]);
    info.removePod('default/existing');
    const s = new NodePorts().filter(new CycleState(), podInfo(withPorts('new', [{ containerPort: 80, hostPort: 8080 }])), info);
    expect(s.code).toBe('Success');
  });
});
