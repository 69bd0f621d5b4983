/**
 * Pod and PodSpec defaults. PodSpec defaults apply wherever a PodSpec appears (pods and the templates of
 * Deployments and ReplicaSets); a few apply to Pods only, as in Kubernetes, so templates stay as written.
 */
import { child, isObj, objects, setDefault, setDefaultNumber, setDefaultString, type Obj } from './guards';

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** 0644: the file mode Kubernetes gives projected configMap/secret/downwardAPI files. */
const DEFAULT_VOLUME_FILE_MODE = 420;

/** Always for ":latest" or untagged images (they move), IfNotPresent for pinned tags and digests. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image === '') return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const lastColon = image.lastIndexOf(':');
  // A colon before the last slash belongs to a registry host:port, not to a tag.
  const tag = lastColon > lastSlash ? image.slice(lastColon + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHttpGet(handler: Obj): void {
  const httpGet = handler.httpGet;
  if (!isObj(httpGet)) return;
  setDefaultString(httpGet, 'path', '/');
  setDefaultString(httpGet, 'scheme', 'HTTP');
}

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return;
  setDefaultNumber(probe, 'timeoutSeconds', 1);
  setDefaultNumber(probe, 'periodSeconds', 10);
  setDefaultNumber(probe, 'successThreshold', 1);
  setDefaultNumber(probe, 'failureThreshold', 3);
  defaultHttpGet(probe);
}

function defaultFieldRef(ref: unknown): void {
  if (isObj(ref)) setDefaultString(ref, 'apiVersion', 'v1');
}

function defaultResourceFieldRef(ref: unknown): void {
  // Kubernetes' divisor is a non-pointer quantity, so it always serializes, as "0" when unset.
  if (isObj(ref)) setDefault(ref, 'divisor', '0');
}

function defaultContainer(container: Obj): void {
  setDefaultString(container, 'terminationMessagePath', '/dev/termination-log');
  setDefaultString(container, 'terminationMessagePolicy', 'File');
  if (typeof container.image === 'string' || container.image === undefined) {
    setDefaultString(container, 'imagePullPolicy', defaultPullPolicy(container.image ?? ''));
  }
  for (const port of objects(container.ports)) setDefaultString(port, 'protocol', 'TCP');
  for (const env of objects(container.env)) {
    if (!isObj(env.valueFrom)) continue;
    defaultFieldRef(env.valueFrom.fieldRef);
    defaultResourceFieldRef(env.valueFrom.resourceFieldRef);
  }
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
  if (isObj(container.lifecycle)) {
    for (const hook of [container.lifecycle.postStart, container.lifecycle.preStop]) {
      if (isObj(hook)) defaultHttpGet(hook);
    }
  }
}

const VOLUME_SOURCES = ['configMap', 'secret', 'emptyDir', 'hostPath', 'downwardAPI', 'persistentVolumeClaim'];

function defaultVolume(volume: Obj): void {
  // A volume that names no source is an emptyDir.
  if (!VOLUME_SOURCES.some((source) => volume[source] !== undefined && volume[source] !== null)) {
    volume.emptyDir = {};
  }
  for (const source of ['configMap', 'secret', 'downwardAPI']) {
    const value = volume[source];
    if (isObj(value)) setDefault(value, 'defaultMode', DEFAULT_VOLUME_FILE_MODE);
  }
  if (isObj(volume.hostPath)) setDefault(volume.hostPath, 'type', '');
  if (isObj(volume.downwardAPI)) {
    for (const item of objects(volume.downwardAPI.items)) {
      defaultFieldRef(item.fieldRef);
      defaultResourceFieldRef(item.resourceFieldRef);
    }
  }
}

/** Defaults of a PodSpec, wherever it appears. */
export function applyPodSpecDefaults(spec: Obj): void {
  setDefaultString(spec, 'dnsPolicy', 'ClusterFirst');
  setDefaultString(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
  setDefault(spec, 'securityContext', {});
  setDefaultString(spec, 'schedulerName', DEFAULT_SCHEDULER_NAME);
  for (const container of objects(spec.initContainers)) defaultContainer(container);
  for (const container of objects(spec.containers)) defaultContainer(container);
  for (const volume of objects(spec.volumes)) defaultVolume(volume);
}

/** A container that states limits but no requests for a resource requests exactly its limit. */
function defaultRequestsFromLimits(container: Obj): void {
  const resources = container.resources;
  if (!isObj(resources) || !isObj(resources.limits)) return;
  const requests = child(resources, 'requests');
  if (requests === undefined) return;
  for (const [name, limit] of Object.entries(resources.limits)) setDefault(requests, name, limit);
}

/** A hostNetwork pod listens on the node: its host ports are its container ports. */
function defaultHostNetworkPorts(container: Obj): void {
  for (const port of objects(container.ports)) setDefault(port, 'hostPort', port.containerPort);
}

/**
 * Pod-only defaults on top of the PodSpec ones. `priority` and `preemptionPolicy` are what Kubernetes'
 * Priority admission plugin writes when no priorityClassName resolves to a class; tinykube has no
 * PriorityClasses, so defaulting is where they belong.
 */
export function applyPodDefaults(pod: Obj): void {
  const spec = child(pod, 'spec');
  if (spec === undefined) return;
  applyPodSpecDefaults(spec);
  setDefault(spec, 'enableServiceLinks', true);
  const containers = [...objects(spec.initContainers), ...objects(spec.containers)];
  for (const container of containers) defaultRequestsFromLimits(container);
  if (spec.hostNetwork === true) containers.forEach(defaultHostNetworkPorts);
  if (spec.priorityClassName === undefined || spec.priorityClassName === '') {
    setDefault(spec, 'priority', 0);
    setDefaultString(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  }
}

/** Defaults of a pod template's spec (Deployments, ReplicaSets). */
export function applyPodTemplateDefaults(template: unknown): void {
  if (!isObj(template)) return;
  const spec = template.spec;
  if (isObj(spec)) applyPodSpecDefaults(spec);
}
