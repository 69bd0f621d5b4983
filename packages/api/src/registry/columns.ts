/**
 * Table column definitions: the same names, order, types and priorities a real Kubernetes server sends,
 * so kubectl prints the same headers (it upper-cases them) and `-o wide` adds the same priority-1 columns.
 */
import type { TableColumn } from './types';

type ColumnSpec = [name: string, type: TableColumn['type'], description: string, options?: { priority?: number; format?: string }];

function columns(...specs: ColumnSpec[]): TableColumn[] {
  return specs.map(([name, type, description, options]) => ({
    name,
    type,
    description,
    format: options?.format ?? '',
    priority: options?.priority ?? 0,
  }));
}

const wide = { priority: 1 };
const NAME: ColumnSpec = ['Name', 'string', 'Name of the object, unique within its namespace or cluster.', { format: 'name' }];
const AGE: ColumnSpec = ['Age', 'string', 'Time elapsed since the object was created.'];
const CONTAINERS: ColumnSpec = ['Containers', 'string', 'Names of the containers in the pod template.', wide];
const IMAGES: ColumnSpec = ['Images', 'string', 'Images of the containers in the pod template.', wide];

export const POD_COLUMNS = columns(
  NAME,
  ['Ready', 'string', 'Ready containers out of all containers of the pod.'],
  ['Status', 'string', 'A one-word summary of the pod and its containers.'],
  ['Restarts', 'string', 'Container restarts, and how long ago the latest one happened.'],
  AGE,
  ['IP', 'string', 'The IP address assigned to the pod.', wide],
  ['Node', 'string', 'The node the pod is bound to.', wide],
  ['Nominated Node', 'string', 'The node the scheduler nominated after preemption.', wide],
  ['Readiness Gates', 'string', 'Readiness gates that are true out of all gates.', wide],
);

export const NAMESPACE_COLUMNS = columns(NAME, ['Status', 'string', 'The phase of the namespace.'], AGE);

export const NODE_COLUMNS = columns(
  NAME,
  ['Status', 'string', 'Readiness of the node, and whether it is cordoned.'],
  ['Roles', 'string', 'Roles taken from node-role.kubernetes.io/ labels.'],
  AGE,
  ['Version', 'string', 'Version of the node agent.'],
  ['Internal-IP', 'string', 'The first InternalIP address of the node.', wide],
  ['External-IP', 'string', 'The first ExternalIP address of the node.', wide],
  ['OS-Image', 'string', 'Operating system image reported by the node.', wide],
  ['Kernel-Version', 'string', 'Kernel version reported by the node.', wide],
  ['Container-Runtime', 'string', 'Container runtime name and version.', wide],
);

export const SERVICE_COLUMNS = columns(
  NAME,
  ['Type', 'string', 'How the service is exposed.'],
  ['Cluster-IP', 'string', 'The virtual IP of the service inside the cluster.'],
  ['External-IP', 'string', 'Addresses the service is reachable on from outside.'],
  ['Port(s)', 'string', 'Ports the service exposes, with node ports if any.'],
  AGE,
  ['Selector', 'string', 'Labels of the pods the service routes to.', wide],
);

export const ENDPOINTS_COLUMNS = columns(NAME, ['Endpoints', 'string', 'Ready addresses and ports behind the service.'], AGE);

export const EVENT_COLUMNS = columns(
  ['Last Seen', 'string', 'Time since the event was last observed.'],
  ['Type', 'string', 'Normal or Warning.'],
  ['Reason', 'string', 'A short machine-readable reason.'],
  ['Object', 'string', 'The object the event is about.'],
  ['Subobject', 'string', 'The part of the object the event is about, e.g. a container.', wide],
  ['Source', 'string', 'The component (and host) that reported the event.', wide],
  ['Message', 'string', 'A human-readable description.'],
  ['First Seen', 'string', 'Time since the event was first observed.', wide],
  ['Count', 'string', 'How many times the event was observed.', wide],
  ['Name', 'string', 'Name of the event object.', { priority: 1, format: 'name' }],
);

export const CONFIG_MAP_COLUMNS = columns(NAME, ['Data', 'string', 'Number of data and binaryData keys.'], AGE);

export const SECRET_COLUMNS = columns(
  NAME,
  ['Type', 'string', 'The secret type, e.g. Opaque.'],
  ['Data', 'string', 'Number of data keys.'],
  AGE,
);

export const SERVICE_ACCOUNT_COLUMNS = columns(NAME, ['Secrets', 'string', 'Number of referenced secrets.'], AGE);

export const LEASE_COLUMNS = columns(NAME, ['Holder', 'string', 'Identity of the current holder of the lease.'], AGE);

export const DEPLOYMENT_COLUMNS = columns(
  NAME,
  ['Ready', 'string', 'Ready pods out of desired replicas.'],
  ['Up-to-date', 'string', 'Pods running the latest pod template.'],
  ['Available', 'string', 'Pods available to serve.'],
  AGE,
  CONTAINERS,
  IMAGES,
  ['Selector', 'string', 'Label selector of the pods.', wide],
);

export const REPLICA_SET_COLUMNS = columns(
  NAME,
  ['Desired', 'integer', 'Desired number of pods.'],
  ['Current', 'integer', 'Number of pods that exist.'],
  ['Ready', 'integer', 'Number of ready pods.'],
  AGE,
  CONTAINERS,
  IMAGES,
  ['Selector', 'string', 'Label selector of the pods.', wide],
);

/** What Kubernetes' default table convertor shows for kinds without a printer (e.g. Binding). */
export const DEFAULT_COLUMNS = columns(NAME, ['Created At', 'date', 'When the object was created.']);
