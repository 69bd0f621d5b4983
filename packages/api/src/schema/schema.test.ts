import { checkSchemaTypes, getKindSchema, schemaKinds } from './index';

describe('schemas', () => {
  it('cover every defined kind and subresource body', () => {
    expect(schemaKinds().sort()).toEqual(
      ['Binding', 'ConfigMap', 'Deployment', 'Endpoints', 'Event', 'Eviction', 'Lease', 'Namespace', 'Node', 'Pod', 'ReplicaSet', 'Scale', 'Secret', 'Service', 'ServiceAccount'].sort(),
    );
    expect(getKindSchema('Widget')).toBeUndefined();
  });

  it.each<[string, string, unknown, Array<{ field: string; expectedType: string }>]>([
    ['string where an integer belongs', 'Deployment', { metadata: { name: 'd' }, spec: { replicas: '3' } }, [{ field: 'spec.replicas', expectedType: 'integer' }]],
    ['fraction where an integer belongs', 'Pod', { metadata: {}, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80.5 }] }] } }, [{ field: 'spec.containers[0].ports[0].containerPort', expectedType: 'integer' }]],
    ['number in a string map, with the key in brackets', 'ConfigMap', { metadata: {}, data: { 'a.b': 1 } }, [{ field: 'data[a.b]', expectedType: 'string' }]],
    ['object where a list belongs', 'Pod', { metadata: {}, spec: { containers: { name: 'c' } } }, [{ field: 'spec.containers', expectedType: 'array' }]],
    ['boolean where IntOrString belongs', 'Service', { metadata: {}, spec: { ports: [{ port: 80, targetPort: true }] } }, [{ field: 'spec.ports[0].targetPort', expectedType: 'integer or string' }]],
    ['boolean where a quantity belongs', 'Node', { metadata: {}, status: { capacity: { cpu: false } } }, [{ field: 'status.capacity[cpu]', expectedType: 'string or number' }]],
    ['several at once', 'Lease', { metadata: { name: 1 }, spec: { holderIdentity: 2 } }, [{ field: 'metadata.name', expectedType: 'string' }, { field: 'spec.holderIdentity', expectedType: 'string' }]],
    ['IntOrString and quantities accept both forms', 'Deployment', { metadata: {}, spec: { strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: '10%' } }, template: { spec: { containers: [{ resources: { limits: { cpu: 1, memory: '1Gi' } } }] } } } }, []],
    ['null means unset, never a type error', 'Pod', { metadata: { labels: null }, spec: { nodeSelector: null, containers: [{ name: null }] } }, []],
  ])('%s', (_name, kind, obj, expected) => {
    expect(checkSchemaTypes(kind, obj).map(({ field, expectedType }) => ({ field, expectedType }))).toEqual(expected);
  });

  it('keeps the offending value', () => {
    expect(checkSchemaTypes('Deployment', { metadata: {}, spec: { replicas: 'three' } })).toEqual([
      { field: 'spec.replicas', value: 'three', expectedType: 'integer' },
    ]);
  });
});
