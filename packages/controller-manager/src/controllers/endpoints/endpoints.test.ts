import type { Endpoints, Pod, Service, ServicePort } from '@tinykube/api';
import { FakeApi, indexerWith, pod } from '../../testing';
import { EndpointsController } from './endpoints-controller';
import { computeSubsets } from './subsets';

function service(ports: ServicePort[], extra: Partial<NonNullable<Service['spec']>> = {}): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'uid-svc', labels: { tier: 'front' } }, spec: { selector: { app: 'web' }, ports, ...extra } };
}

function withPort(p: Pod, name: string, containerPort: number): Pod {
  p.spec!.containers[0].ports = [{ name, containerPort, protocol: 'TCP' }];
  return p;
}

describe('computeSubsets', () => {
  it('puts ready pods under addresses and not-ready ones under notReadyAddresses, sorted by IP', () => {
    const subsets = computeSubsets(service([{ name: 'http', port: 80, targetPort: 8080 }]), [
      pod('b', { ip: '10.0.0.10', node: 'n1' }),
      pod('a', { ip: '10.0.0.9', node: 'n1' }),
      pod('c', { ip: '10.0.0.3', ready: false }),
      pod('no-ip'),
      pod('leaving', { ip: '10.0.0.4', deleting: true }),
    ]);
    expect(subsets).toEqual([
      {
        addresses: [
          { ip: '10.0.0.9', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } },
          { ip: '10.0.0.10', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } },
        ],
        notReadyAddresses: [{ ip: '10.0.0.3', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'uid-c' } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('resolves a named targetPort per pod, grouping pods by the ports they resolve to', () => {
    const svc = service([{ name: 'http', port: 80, targetPort: 'web' }]);
    const subsets = computeSubsets(svc, [withPort(pod('a', { ip: '10.0.0.1' }), 'web', 8080), withPort(pod('b', { ip: '10.0.0.2' }), 'web', 9090), pod('c', { ip: '10.0.0.3' })]);
    expect(subsets.map((s) => [s.addresses!.map((a) => a.ip), s.ports])).toEqual([
      [['10.0.0.1'], [{ name: 'http', port: 8080, protocol: 'TCP' }]],
      [['10.0.0.2'], [{ name: 'http', port: 9090, protocol: 'TCP' }]],
    ]);
  });

  it('publishes not-ready pods as ready with publishNotReadyAddresses', () => {
    const subsets = computeSubsets(service([{ port: 80 }], { publishNotReadyAddresses: true }), [pod('a', { ip: '10.0.0.1', ready: false })]);
    expect(subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.0.0.1' })], ports: [{ port: 80, protocol: 'TCP' }] }]);
  });
});

describe('Endpoints controller', () => {
  function setup(services: Service[], pods: Pod[], endpoints: Endpoints[] = []) {
    const api = new FakeApi([...services, ...endpoints]);
    const c = new EndpointsController({ api, services: indexerWith(services), pods: indexerWith(pods), endpoints: indexerWith(endpoints), enqueue: () => undefined });
    return { api, c };
  }

  it('creates the Endpoints named after the Service with its labels', async () => {
    const { api, c } = setup([service([{ port: 80 }])], [pod('a', { ip: '10.0.0.1' })]);
    await c.reconcile('default/web');
    expect(api.writes()).toEqual(['create endpoints default/web']);
    const ep = api.object<Endpoints>('endpoints', 'default', 'web')!;
    expect(ep.metadata.labels).toEqual({ tier: 'front' });
    expect(ep.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.0.0.1' })], ports: [{ port: 80, protocol: 'TCP' }] }]);
  });

  it('writes nothing when the Endpoints already say the same, and updates when a pod changes', async () => {
    const svc = service([{ port: 80 }]);
    const first = setup([svc], [pod('a', { ip: '10.0.0.1' })]);
    await first.c.reconcile('default/web');
    const ep = first.api.object<Endpoints>('endpoints', 'default', 'web')!;
    const same = setup([svc], [pod('a', { ip: '10.0.0.1' })], [ep]);
    await same.c.reconcile('default/web');
    expect(same.api.writes()).toEqual([]);
    const changed = setup([svc], [pod('a', { ip: '10.0.0.1', ready: false })], [ep]);
    await changed.c.reconcile('default/web');
    expect(changed.api.writes()).toEqual(['update endpoints default/web']);
    expect(changed.api.object<Endpoints>('endpoints', 'default', 'web')!.subsets![0].notReadyAddresses).toHaveLength(1);
  });

  it('deletes the Endpoints of a deleted Service and leaves selectorless Services alone', async () => {
    const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' }, subsets: [] };
    const gone = setup([], [], [ep]);
    await gone.c.reconcile('default/web');
    expect(gone.api.writes()).toEqual(['delete endpoints default/web']);
    const manual = service([{ port: 80 }]);
    delete manual.spec!.selector;
    const selectorless = setup([manual], [pod('a', { ip: '10.0.0.1' })]);
    await selectorless.c.reconcile('default/web');
    expect(selectorless.api.writes()).toEqual([]);
  });

  it('enqueues the Services a pod matched before or after a label change', () => {
    const keys: string[] = [];
    const c = new EndpointsController({ api: new FakeApi(), services: indexerWith([service([{ port: 80 }])]), pods: indexerWith<Pod>([]), endpoints: indexerWith<Endpoints>([]), enqueue: (k) => keys.push(k) });
    const before = pod('a', { ip: '10.0.0.1' });
    const after = { ...before, metadata: { ...before.metadata, resourceVersion: '2', labels: { app: 'other' } } };
    c.onPodUpdate(before, after);
    expect(keys).toEqual(['default/web']);
  });
});
