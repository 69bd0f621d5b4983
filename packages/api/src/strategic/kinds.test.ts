import { patchMetaFor, strategicPatchKinds } from './index';
import type { PatchMetaField } from './meta';

/** Facts from the patchStrategy/patchMergeKey struct tags of k8s.io/api (as compiled into kubectl 1.33). */
const facts: Array<[kind: string, path: string, meta: PatchMetaField | undefined]> = [
  ['Pod', 'spec.containers', { patchStrategy: 'merge', mergeKey: 'name' }],
  ['Pod', 'spec.initContainers', { patchStrategy: 'merge', mergeKey: 'name' }],
  ['Pod', 'spec.containers.env', { patchStrategy: 'merge', mergeKey: 'name' }],
  ['Pod', 'spec.containers[0].ports', { patchStrategy: 'merge', mergeKey: 'containerPort' }],
  ['Pod', 'spec.initContainers.volumeMounts', { patchStrategy: 'merge', mergeKey: 'mountPath' }],
  ['Pod', 'spec.containers.volumeDevices', { patchStrategy: 'merge', mergeKey: 'devicePath' }],
  ['Pod', 'spec.volumes', { patchStrategy: 'merge', mergeKey: 'name', retainKeys: true }],
  ['Pod', 'spec.imagePullSecrets', { patchStrategy: 'merge', mergeKey: 'name' }],
  ['Pod', 'spec.hostAliases', { patchStrategy: 'merge', mergeKey: 'ip' }],
  ['Pod', 'spec.topologySpreadConstraints', { patchStrategy: 'merge', mergeKey: 'topologyKey' }],
  ['Pod', 'spec.tolerations', undefined],
  ['Pod', 'spec.containers.envFrom', undefined],
  ['Pod', 'status.conditions', { patchStrategy: 'merge', mergeKey: 'type' }],
  ['Pod', 'status.podIPs', { patchStrategy: 'merge', mergeKey: 'ip' }],
  ['Pod', 'status.containerStatuses', undefined],
  ['Pod', 'metadata.ownerReferences', { patchStrategy: 'merge', mergeKey: 'uid' }],
  ['Pod', 'metadata.finalizers', { patchStrategy: 'merge' }],
  ['Deployment', 'spec.strategy', { retainKeys: true }],
  ['Deployment', 'spec.template.spec.containers.env', { patchStrategy: 'merge', mergeKey: 'name' }],
  ['Deployment', 'spec.template.metadata.finalizers', { patchStrategy: 'merge' }],
  ['Deployment', 'status.conditions', { patchStrategy: 'merge', mergeKey: 'type' }],
  ['ReplicaSet', 'spec.template.spec.volumes', { patchStrategy: 'merge', mergeKey: 'name', retainKeys: true }],
  ['ReplicaSet', 'status.conditions', { patchStrategy: 'merge', mergeKey: 'type' }],
  ['Service', 'spec.ports', { patchStrategy: 'merge', mergeKey: 'port' }],
  ['Node', 'spec.taints', undefined],
  ['Node', 'spec.podCIDRs', { patchStrategy: 'merge' }],
  ['Node', 'status.conditions', { patchStrategy: 'merge', mergeKey: 'type' }],
  ['Node', 'status.addresses', { patchStrategy: 'merge', mergeKey: 'type' }],
  ['Node', 'status.images', undefined],
  ['Endpoints', 'subsets', undefined],
  ['Endpoints', 'subsets.addresses', undefined],
  ['Namespace', 'spec.finalizers', undefined],
  ['Namespace', 'status.conditions', { patchStrategy: 'merge', mergeKey: 'type' }],
  ['ServiceAccount', 'secrets', { patchStrategy: 'merge', mergeKey: 'name' }],
  ['ServiceAccount', 'imagePullSecrets', undefined],
  ['ConfigMap', 'metadata.finalizers', { patchStrategy: 'merge' }],
  ['Widget', 'spec.containers', undefined],
];

describe('patchMetaFor', () => {
  it.each(facts)('%s %s', (kind, path, expected) => {
    const found = patchMetaFor(kind).lookup(path);
    if (expected === undefined) {
      expect(found).toBeUndefined();
    } else {
      expect(found).toMatchObject(expected);
      expect(found?.mergeKey).toBe(expected.mergeKey);
      expect(found?.retainKeys === true).toBe(expected.retainKeys === true);
    }
  });

  it('covers every defined kind', () => {
    expect(strategicPatchKinds().sort()).toEqual(
      ['Binding', 'ConfigMap', 'Deployment', 'Endpoints', 'Event', 'Eviction', 'Lease', 'Namespace', 'Node', 'Pod', 'ReplicaSet', 'Scale', 'Secret', 'Service', 'ServiceAccount'].sort(),
    );
  });

  it('names the kind and knows nothing below a map without metadata', () => {
    const meta = patchMetaFor('Pod');
    expect(meta.kind).toBe('Pod');
    expect(meta.lookup('metadata.labels.containers')).toBeUndefined();
    expect(meta.lookup('')).toBe(meta.root);
  });
});
