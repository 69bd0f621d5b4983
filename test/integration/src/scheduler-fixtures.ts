/** Nodes and pods for the scheduler's integration tests: plain objects, no node agents. */
import type { Event, Node, Pod, Taint } from '@tinykube/api';
import type { KubeClient } from '@tinykube/client';
import { startTestApiServer, waitFor, type TestApiServer } from '@tinykube/testing';

export interface NodeShape {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** A Ready node with capacity and allocatable, as a node agent would register it. */
export function schedulerNode(name: string, s: NodeShape = {}): Node {
  const resources = { cpu: s.cpu ?? '4', memory: s.memory ?? '8Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...s.labels } },
    spec: s.taints ? { taints: s.taints } : {},
    status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
  };
}

export function schedulerPod(name: string, spec: Partial<Pod['spec']> = {}, meta: Partial<Pod['metadata']> = {}, cpu?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...meta },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36', ...(cpu ? { resources: { requests: { cpu } } } : {}) }], ...spec },
  };
}

export async function boundNode(client: KubeClient, namespace: string, name: string, timeoutMs = 30_000): Promise<string> {
  return waitFor(
    async () => (await client.resource<Pod>('pods', namespace).get(name)).spec?.nodeName || undefined,
    { timeoutMs, description: `pod ${namespace}/${name} to be bound` },
  );
}

export async function eventsFor(client: KubeClient, namespace: string, podName: string, reason: string): Promise<Event[]> {
  const list = await client.resource<Event>('events', namespace).list({ fieldSelector: { 'involvedObject.name': podName } });
  return list.items.filter((e) => e.reason === reason);
}

/** An apiserver on a real etcd, with helpers that isolate one test's objects from the next. */
export async function startSchedulerTestApi(): Promise<TestApiServer> {
  return startTestApiServer({ backend: 'etcd' });
}

/** Removes a test's pods (bound ones at once: there is no node agent to finish graceful deletion) and nodes. */
export async function cleanUp(client: KubeClient, namespace: string, nodeNames: string[]): Promise<void> {
  const pods = client.resource<Pod>('pods', namespace);
  for (const p of (await pods.list()).items) await pods.delete(p.metadata.name!, { gracePeriodSeconds: 0 }).catch(() => undefined);
  for (const n of nodeNames) await client.resource('nodes').delete(n).catch(() => undefined);
}
