/**
 * A one-node cluster for node agent tests: an apiserver on etcd, tinykube-runtime's process driver
 * (in this process, its own root, socket and loopback pod range) and a node agent talking to it over
 * CRI. Either half can be restarted on the same state; stop() removes every sandbox (killing the
 * containers) before it stops anything, so no process outlives the test.
 */
import { join } from 'node:path';
import type { Pod } from '@tinykube/api';
import { KubeClient, isNotFound } from '@tinykube/client';
import { startNodeAgent, type NodeAgent, type NodeAgentOptions } from '@tinykube/node-agent';
import { CriClient, startRuntime, type RunningRuntime } from '@tinykube/runtime';
import { makeTempDir, startTestApiServer, waitFor, type TempDir, type TestApiServer } from '@tinykube/testing';

export const NODE = 'node-a';

export interface AgentCluster {
  api: TestApiServer;
  client: KubeClient;
  dir: TempDir;
  runtime: RunningRuntime | undefined;
  agent: NodeAgent | undefined;
  startRuntime(): Promise<void>;
  startAgent(extra?: Partial<NodeAgentOptions>): Promise<void>;
  stop(): Promise<void>;
}

export async function startAgentCluster(podIpRange: string, agentDefaults: Partial<NodeAgentOptions> = {}): Promise<AgentCluster> {
  const dir = await makeTempDir('tk-na-');
  const endpoint = `unix://${join(dir.path, 'cri.sock')}`;
  let api: TestApiServer | undefined;
  const cluster: AgentCluster = {
    api: undefined as unknown as TestApiServer,
    client: undefined as unknown as KubeClient,
    dir,
    runtime: undefined,
    agent: undefined,
    async startRuntime() {
      cluster.runtime = await startRuntime({ listen: endpoint, root: join(dir.path, 'runtime'), podIpRange });
    },
    async startAgent(extra = {}) {
      cluster.agent = await startNodeAgent({
        nodeName: NODE,
        client: cluster.client,
        containerRuntimeEndpoint: endpoint,
        rootDir: join(dir.path, 'agent'),
        port: 0,
        relistMs: 200,
        resyncMs: 5000,
        logPollMs: 50,
        ...agentDefaults,
        ...extra,
      });
    },
    async stop() {
      await cluster.agent?.stop().catch(() => undefined);
      const cri = new CriClient(endpoint, { timeoutMs: 10_000 });
      if (cluster.runtime) {
        const sandboxes = await cri.listPodSandbox({}).catch(() => ({ items: [] }));
        for (const s of sandboxes.items) await cri.removePodSandbox({ podSandboxId: s.id }).catch(() => undefined);
        await cluster.runtime.close().catch(() => undefined);
      }
      cri.close();
      cluster.client?.close();
      await api?.stop();
      await dir.cleanup();
    },
  };
  try {
    api = await startTestApiServer({ backend: 'etcd' });
    cluster.api = api;
    cluster.client = new KubeClient(api.url);
    await cluster.startRuntime();
    await cluster.startAgent();
    return cluster;
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

export async function getPod(client: KubeClient, name: string): Promise<Pod | undefined> {
  try {
    return await client.resource<Pod>('pods', 'default').get(name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Waits until the pod's status satisfies `check`, returning that pod. */
export function waitForPod(client: KubeClient, name: string, check: (pod: Pod) => boolean, description: string, timeoutMs = 30_000): Promise<Pod> {
  return waitFor(
    async () => {
      const pod = await getPod(client, name);
      return pod && check(pod) ? pod : undefined;
    },
    { timeoutMs, intervalMs: 100, description },
  );
}

/** A shell command for a container (the process driver runs it on the host). */
export function shell(script: string): { image: string; command: string[] } {
  return { image: 'busybox:1.36', command: ['sh', '-c', script] };
}
