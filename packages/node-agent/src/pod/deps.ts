/** What a pod sync needs from the rest of the agent, in one place so tests can build it by hand. */
import type { ObjectReference, Pod, ResourceList } from '@tinykube/api';
import type { Clock, Logger } from '@tinykube/client';
import type { CriRuntime } from '@tinykube/runtime';
import type { CrashBackoff } from './backoff';
import type { ObjectSource } from './object-source';

export type EventType = 'Normal' | 'Warning';

export interface EventSink {
  event(ref: ObjectReference, type: EventType, reason: string, message: string): void;
}

export interface PodSyncDeps {
  runtime: CriRuntime;
  /** From CRI Version: `tinykube`, `containerd`; prefixes containerIDs. */
  runtimeName: string;
  objects: ObjectSource;
  events: EventSink;
  clock: Clock;
  logger: Logger;
  /** --root-dir: pod volumes live under <rootDir>/pods/<uid>. */
  rootDir: string;
  /** Pod log directories: <logDir>/<ns>_<name>_<uid>/<container>/<attempt>.log. */
  logDir: string;
  nodeName: string;
  hostIPs: string[];
  nodeAllocatable: ResourceList;
  backoff: CrashBackoff;
}

export function podRef(pod: Pod, fieldPath?: string): ObjectReference {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    resourceVersion: pod.metadata.resourceVersion,
    ...(fieldPath ? { fieldPath } : {}),
  };
}

/** The fieldPath Kubernetes puts on container events: spec.containers{name} or spec.initContainers{name}. */
export function containerRef(pod: Pod, name: string): ObjectReference {
  const isInit = (pod.spec?.initContainers ?? []).some((c) => c.name === name);
  return podRef(pod, `spec.${isInit ? 'initContainers' : 'containers'}{${name}}`);
}

/** `<name>_<namespace>(<uid>)`, the way the kubelet names a pod in messages. */
export function podDescription(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}
