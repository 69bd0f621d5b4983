/**
 * Watches pods and endpoints while `up --apply` runs, noting (in milliseconds) when each pod turns
 * Ready and when each IP appears in an Endpoints object: the objects themselves only record seconds,
 * too coarse for a chain that completes in about a second.
 */
import type { KubeObject } from '@tinykube/api';
import type { KubeClient, WatchStream } from '@tinykube/client';
import type { ObservedTimes } from './collect';

interface PodStatusLike {
  conditions?: Array<{ type: string; status: string }>;
}

export interface Observer {
  times: ObservedTimes;
  stop(): void;
}

async function follow(stream: Promise<WatchStream<KubeObject>>, onObject: (obj: KubeObject) => void): Promise<void> {
  try {
    for await (const ev of await stream) if (ev.type !== 'ERROR' && ev.type !== 'BOOKMARK') onObject(ev.object as KubeObject);
  } catch {
    // the watch ended (stop(), or the server went away): the trace falls back to recorded times
  }
}

export function observeChain(client: KubeClient, namespace: string): Observer {
  const times: ObservedTimes = { podReady: new Map(), endpoint: new Map() };
  const controller = new AbortController();
  void follow(client.resource('pods', namespace).watch({ signal: controller.signal }), (pod) => {
    const ready = (pod.status as PodStatusLike | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    const name = pod.metadata.name as string;
    if (ready && !times.podReady.has(name)) times.podReady.set(name, Date.now());
  });
  void follow(client.resource('endpoints', namespace).watch({ signal: controller.signal }), (ep) => {
    const subsets = (ep.subsets ?? []) as Array<{ addresses?: Array<{ ip: string }> }>;
    for (const s of subsets) for (const a of s.addresses ?? []) if (!times.endpoint.has(a.ip)) times.endpoint.set(a.ip, Date.now());
  });
  return { times, stop: () => controller.abort() };
}
