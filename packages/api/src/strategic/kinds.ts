/**
 * Patch metadata of the first-wave kinds. Every entry is a fact from the struct tags of k8s.io/api
 * (checked against the tags compiled into kubectl 1.33). Lists NOT listed here are atomic in Kubernetes
 * and are replaced whole by a patch, notably: PodSpec tolerations, Node spec.taints, Endpoints subsets
 * (and their addresses/ports), container envFrom/resizePolicy, Pod status containerStatuses, Namespace
 * spec.finalizers, ServiceAccount imagePullSecrets.
 */
import { makePatchMeta, type PatchMeta, type PatchMetaField } from './meta';

type Fields = Readonly<Record<string, PatchMetaField>>;

/** A list merged element by element, objects matched by `mergeKey`. */
const byKey = (mergeKey: string, fields?: Fields): PatchMetaField => ({ patchStrategy: 'merge', mergeKey, fields });
/** A list of scalars merged as an ordered set (finalizers). */
const scalarSet: PatchMetaField = { patchStrategy: 'merge' };
const object = (fields: Fields): PatchMetaField => ({ fields });

const OBJECT_META = object({
  finalizers: scalarSet,
  ownerReferences: byKey('uid'),
});

const CONTAINER: Fields = {
  env: byKey('name'),
  ports: byKey('containerPort'),
  volumeMounts: byKey('mountPath'),
  volumeDevices: byKey('devicePath'),
};

const POD_SPEC = object({
  // merge,retainKeys: switching a volume's source (emptyDir -> configMap) drops the old source.
  volumes: { patchStrategy: 'merge', mergeKey: 'name', retainKeys: true },
  initContainers: byKey('name', CONTAINER),
  containers: byKey('name', CONTAINER),
  ephemeralContainers: byKey('name', CONTAINER),
  imagePullSecrets: byKey('name'),
  hostAliases: byKey('ip'),
  topologySpreadConstraints: byKey('topologyKey'),
  schedulingGates: byKey('name'),
  resourceClaims: { patchStrategy: 'merge', mergeKey: 'name', retainKeys: true },
});

const POD_STATUS = object({
  conditions: byKey('type'),
  podIPs: byKey('ip'),
  hostIPs: byKey('ip'),
  resourceClaimStatuses: { patchStrategy: 'merge', mergeKey: 'name', retainKeys: true },
});

const POD_TEMPLATE = object({ metadata: OBJECT_META, spec: POD_SPEC });
const CONDITIONS_STATUS = object({ conditions: byKey('type') });

const KIND_FIELDS: ReadonlyMap<string, Fields> = new Map<string, Fields>([
  ['Pod', { metadata: OBJECT_META, spec: POD_SPEC, status: POD_STATUS }],
  [
    'Deployment',
    {
      metadata: OBJECT_META,
      spec: object({ template: POD_TEMPLATE, strategy: { retainKeys: true } }),
      status: CONDITIONS_STATUS,
    },
  ],
  ['ReplicaSet', { metadata: OBJECT_META, spec: object({ template: POD_TEMPLATE }), status: CONDITIONS_STATUS }],
  ['Service', { metadata: OBJECT_META, spec: object({ ports: byKey('port') }), status: CONDITIONS_STATUS }],
  [
    'Node',
    {
      metadata: OBJECT_META,
      spec: object({ podCIDRs: scalarSet }),
      status: object({ conditions: byKey('type'), addresses: byKey('type') }),
    },
  ],
  ['Namespace', { metadata: OBJECT_META, status: CONDITIONS_STATUS }],
  ['ServiceAccount', { metadata: OBJECT_META, secrets: byKey('name') }],
  ['Endpoints', { metadata: OBJECT_META }],
  ['ConfigMap', { metadata: OBJECT_META }],
  ['Secret', { metadata: OBJECT_META }],
  ['Event', { metadata: OBJECT_META }],
  ['Lease', { metadata: OBJECT_META }],
]);

const cache = new Map<string, PatchMeta>();

/**
 * The patch metadata of a kind. Kinds without a table (custom resources, Binding, ...) get an empty one:
 * objects merge key by key and every list is replaced, as with JSON merge patch.
 */
export function patchMetaFor(kind: string): PatchMeta {
  let meta = cache.get(kind);
  if (meta === undefined) {
    meta = makePatchMeta(kind, object(KIND_FIELDS.get(kind) ?? {}));
    cache.set(kind, meta);
  }
  return meta;
}

/** Kinds with their own patch metadata. */
export function strategicPatchKinds(): string[] {
  return [...KIND_FIELDS.keys()];
}
