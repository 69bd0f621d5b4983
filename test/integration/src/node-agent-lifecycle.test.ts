/**
 * Stopping and restarting on the real apiserver and tinykube-runtime: a pod deleted with a 2 s grace
 * period gets SIGTERM, ignores it, and is SIGKILLed (exit 137) before the agent deletes it; a restart
 * of the node agent and of the runtime keeps a pod running with its restartCount, killing nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pod } from '@tinykube/api';
import { waitFor } from '@tinykube/testing';
import { NODE, getPod, shell, startAgentCluster, waitForPod, type AgentCluster } from './node-agent-harness';

describe('node agent: termination and restarts', () => {
  let c: AgentCluster;
  beforeAll(async () => {
    c = await startAgentCluster('127.62.0.0/16', { crashBackoff: { baseMs: 200 } });
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('sends SIGTERM, waits the grace period, sends SIGKILL, then deletes the pod', async () => {
    const pods = c.client.resource<Pod>('pods', 'default');
    const marks = join(c.dir.path, 'marks');
    await pods.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stubborn' },
      spec: {
        nodeName: NODE,
        volumes: [{ name: 'marks', hostPath: { path: marks, type: 'DirectoryOrCreate' } }],
        containers: [
          {
            name: 'app',
            ...shell('trap "echo got TERM >> /marks/signals" TERM; echo trapping; while true; do sleep 0.1; done'),
            volumeMounts: [{ name: 'marks', mountPath: '/marks' }],
          },
        ],
      },
    });
    const running = await waitForPod(c.client, 'stubborn', (p) => p.status?.phase === 'Running', 'pod stubborn Running');
    // The trap must be in place before the deletion, or the shell would die of the SIGTERM.
    await waitFor(async () => (await logViaAgent(c, 'stubborn')).includes('trapping'), {
      timeoutMs: 20_000,
      description: 'the container to set its trap',
    });
    const watch = await pods.watch({ fieldSelector: 'metadata.name=stubborn', resourceVersion: running.metadata.resourceVersion });
    await pods.delete('stubborn', { gracePeriodSeconds: 2 });
    const seen: Array<{ type: string; pod: Pod }> = [];
    for await (const ev of watch) {
      if (ev.type === 'ERROR' || ev.type === 'BOOKMARK') continue;
      seen.push({ type: ev.type, pod: ev.object as Pod });
      if (ev.type === 'DELETED') break;
    }
    watch.stop();
    const terminated = seen.map((e) => e.pod.status?.containerStatuses?.[0].state?.terminated).find((t) => t !== undefined);
    expect(terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(seen[0].pod.metadata.deletionGracePeriodSeconds).toBe(2);
    expect(seen.at(-1)?.type).toBe('DELETED');
    expect(await getPod(c.client, 'stubborn')).toBeUndefined();
    // The container saw the SIGTERM (and ignored it) before the SIGKILL.
    expect(await readFile(join(marks, 'signals'), 'utf8')).toContain('got TERM');
  });

  it('keeps the pod and its restartCount across a restart of the agent and the runtime', async () => {
    const pods = c.client.resource<Pod>('pods', 'default');
    await pods.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'survivor' },
      spec: {
        nodeName: NODE,
        terminationGracePeriodSeconds: 0,
        volumes: [{ name: 'data', emptyDir: {} }],
        // Fails on its first run only, so it ends up running with restartCount 1.
        containers: [{ name: 'app', ...shell('if [ -f /data/ran ]; then echo second run; exec sleep 1000; fi; touch /data/ran; exit 1'), volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      },
    });
    const before = await waitForPod(c.client, 'survivor', (p) => p.status?.containerStatuses?.[0].restartCount === 1 && p.status.containerStatuses[0].state?.running !== undefined, 'survivor running after one restart');
    const containerID = before.status?.containerStatuses?.[0].containerID;

    await c.agent!.stop();
    await c.runtime!.close();
    await c.startRuntime();
    await c.startAgent();
    // The new agent has synced the pod once it reports it in its Running stage.
    await waitFor(() => c.agent!.pods().find((p) => p.name === 'survivor')?.stage?.stage === 'Running', { timeoutMs: 20_000, description: 'the new agent to adopt the pod' });
    const after = await pods.get('survivor');
    expect(after.status?.phase).toBe('Running');
    expect(after.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 1, containerID, ready: true, state: { running: {} } });
    expect(after.status?.podIP).toBe(before.status?.podIP);
  });
});

async function logViaAgent(c: AgentCluster, pod: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${c.agent!.port}/containerLogs/default/${pod}/app`);
  return res.text();
}
