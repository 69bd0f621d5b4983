/**
 * Which protobuf message carries which API kind. Kubernetes' protobuf objects do not contain
 * their own apiVersion/kind: the envelope's typeMeta names them, and this table maps that name to
 * the message to decode the raw bytes with.
 */
const KIND_MESSAGES: Readonly<Record<string, string>> = {
  'v1/Namespace': 'k8s.io.api.core.v1.Namespace',
  'v1/ConfigMap': 'k8s.io.api.core.v1.ConfigMap',
  'v1/Secret': 'k8s.io.api.core.v1.Secret',
  'v1/Service': 'k8s.io.api.core.v1.Service',
  'v1/ServiceAccount': 'k8s.io.api.core.v1.ServiceAccount',
  'v1/Endpoints': 'k8s.io.api.core.v1.Endpoints',
  'v1/Event': 'k8s.io.api.core.v1.Event',
  'v1/Node': 'k8s.io.api.core.v1.Node',
  'v1/Pod': 'k8s.io.api.core.v1.Pod',
  'v1/Binding': 'k8s.io.api.core.v1.Binding',
  'apps/v1/Deployment': 'k8s.io.api.apps.v1.Deployment',
  'apps/v1/ReplicaSet': 'k8s.io.api.apps.v1.ReplicaSet',
  'coordination.k8s.io/v1/Lease': 'k8s.io.api.coordination.v1.Lease',
  'policy/v1/Eviction': 'k8s.io.api.policy.v1.Eviction',
  'autoscaling/v1/Scale': 'k8s.io.api.autoscaling.v1.Scale',
};

const DELETE_OPTIONS_MESSAGE = 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions';

/** The full protobuf message name for apiVersion + kind, or undefined when not supported. */
export function messageNameFor(apiVersion: string, kind: string): string | undefined {
  // DeleteOptions is registered in every group version (typed clients label it with their own
  // group's version), so any non-empty apiVersion is accepted for it.
  if (kind === 'DeleteOptions' && apiVersion !== '') return DELETE_OPTIONS_MESSAGE;
  return KIND_MESSAGES[`${apiVersion}/${kind}`];
}

/** Every apiVersion/kind pair with a fixed message, for tests and diagnostics. */
export function supportedKinds(): Array<{ apiVersion: string; kind: string }> {
  return Object.keys(KIND_MESSAGES).map((key) => {
    const slash = key.lastIndexOf('/');
    return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1) };
  });
}
