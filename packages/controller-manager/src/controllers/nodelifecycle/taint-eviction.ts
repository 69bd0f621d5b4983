/**
 * Taint-based eviction, keyed by pod: a pod on a node with NoExecute taints it does not tolerate is
 * deleted now; one that tolerates them for tolerationSeconds is deleted when that runs out (the
 * reconcile asks to be requeued for then); one that tolerates them forever stays.
 *
 * Deleting a bound pod is graceful: it waits for its node agent to confirm, and the agent of an
 * unreachable node never will. So once the grace period has passed, a terminating pod on a node tainted
 * unreachable or not-ready (or on a node that no longer exists) is force-deleted (gracePeriodSeconds=0),
 * as Kubernetes' pod garbage collector does for pods of nodes that are out of service. That is what
 * lets a StatefulSet-like owner, or a watcher waiting for the name, move on.
 */
import type { Node, Pod } from '@tinykube/api';
import { isNotFound, splitKey, type Clock, type Indexer, type ReconcileResult } from '@tinykube/client';
import type { ApiClient, Recorder } from '../../api';
import { parseTime } from '@tinykube/api';
import { evictionTime, hasTaint, noExecuteTaints, TAINT_NOT_READY, TAINT_UNREACHABLE } from './taints';

export interface TaintEvictionDeps {
  api: ApiClient;
  pods: Indexer<Pod>;
  nodes: Indexer<Node>;
  recorder: Recorder;
  clock: Clock;
}

export class TaintEviction {
  constructor(private readonly d: TaintEvictionDeps) {}

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const pod = this.d.pods.get(namespace, name);
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName) return;
    const node = this.d.nodes.get(undefined, nodeName);
    const now = this.d.clock.now();
    const api = this.d.api.resource<Pod>('pods', namespace);

    if (pod.metadata.deletionTimestamp) {
      const agentGone = !node || hasTaint(node, TAINT_UNREACHABLE, 'NoExecute') || hasTaint(node, TAINT_NOT_READY, 'NoExecute');
      if (!agentGone) return;
      const due = parseTime(pod.metadata.deletionTimestamp) ?? now;
      if (now < due) return { requeueAfterMs: due - now };
      await ignoreNotFound(api.delete(name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } }));
      return;
    }

    const taints = noExecuteTaints(node);
    if (taints.length === 0) return;
    const at = evictionTime(pod, taints, now);
    if (at === undefined) return;
    if (at > now) return { requeueAfterMs: at - now };
    this.d.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`);
    await ignoreNotFound(api.delete(name, { preconditions: { uid: pod.metadata.uid } }));
    return;
  }
}

async function ignoreNotFound(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
