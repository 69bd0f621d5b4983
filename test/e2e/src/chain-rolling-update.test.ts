/**
 * A rolling update under load on a real cluster: HTTP servers with a readiness probe behind a Service,
 * requests sent all the time to whatever the Endpoints list, and the pod template changed. A pod watch
 * checks on every event that the ready pods never drop below replicas - maxUnavailable; the service never
 * goes dark; `kubectl-lite rollout status` sees the rollout through, and afterwards every endpoint is new.
 */
import type { Deployment, Endpoints, Pod } from '@tinykube/api';
import { waitFor } from '@tinykube/testing';
import { join } from 'node:path';
import { E2E_DEADLINE_MS, FIXTURES, isReady, startChainCluster, waitForReadyPods, type ChainCluster } from './chain-support';

const REPLICAS = 4;
const MAX_UNAVAILABLE = 1;
const MAX_SURGE = 1;

interface LoadStats {
  rounds: number;
  /** Rounds in which no endpoint answered: the service was dark. */
  darkRounds: number;
  answers: number;
  failures: number;
  versions: Set<string>;
}

describe('a rolling update under load', () => {
  let c: ChainCluster | undefined;
  const stoppers: Array<() => void> = [];

  beforeAll(async () => {
    c = await startChainCluster({ nodes: 2 });
  }, 120_000);
  afterAll(async () => {
    for (const stop of stoppers) stop();
    await c?.stop();
  }, 60_000);

  it('never has fewer ready pods than maxUnavailable allows, keeps answering, and completes', async () => {
    const { client, kubectl } = c!;
    expect((await kubectl.run('apply', '-f', join(FIXTURES, 'web.yaml'))).code).toBe(0);
    const deployments = client.resource<Deployment>('deployments.apps', 'default');
    await deployments.patch('web', { spec: { replicas: REPLICAS, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: MAX_UNAVAILABLE, maxSurge: MAX_SURGE } } } }, 'merge');
    await waitForReadyPods(client, 'default', 'app=web', REPLICAS, `${REPLICAS} v1 pods Ready`);
    const endpointIPs = async () => {
      const ep = await client.resource<Endpoints>('endpoints', 'default').get('web');
      return (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
    };
    await waitFor(async () => (await endpointIPs()).length === REPLICAS || undefined, { timeoutMs: E2E_DEADLINE_MS, intervalMs: 200, description: 'every pod in the endpoints' });

    // The watch: a pod's readiness as of each event, replayed from the list's resourceVersion on.
    const pods = client.resource<Pod>('pods', 'default');
    const listed = await pods.list({ labelSelector: 'app=web' });
    const state = new Map(listed.items.map((p) => [p.metadata.uid!, p]));
    const readyNow = () => [...state.values()].filter((p) => isReady(p) && !p.metadata.deletionTimestamp).length;
    const violations: string[] = [];
    let events = 0;
    let lowest = readyNow();
    const watch = await pods.watch({ labelSelector: 'app=web', resourceVersion: listed.metadata.resourceVersion });
    stoppers.push(() => watch.stop());
    const watching = (async () => {
      for await (const ev of watch) {
        if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') continue;
        const p = ev.object as Pod;
        if (ev.type === 'DELETED') state.delete(p.metadata.uid!);
        else state.set(p.metadata.uid!, p);
        events++;
        const ready = readyNow();
        lowest = Math.min(lowest, ready);
        if (ready < REPLICAS - MAX_UNAVAILABLE) violations.push(`${ev.type} ${p.metadata.name} at rv ${p.metadata.resourceVersion}: ${ready} ready`);
      }
    })();

    // The load: every round asks each address the Endpoints list right now.
    const load: LoadStats = { rounds: 0, darkRounds: 0, answers: 0, failures: 0, versions: new Set() };
    let loading = true;
    stoppers.push(() => (loading = false));
    const loadLoop = (async () => {
      while (loading) {
        const ips = await endpointIPs().catch(() => [] as string[]);
        const results = await Promise.all(
          ips.map((ip) =>
            fetch(`http://${ip}:8080/`, { signal: AbortSignal.timeout(5_000) })
              .then(async (r) => (await r.text()).split(' ')[0])
              .catch(() => undefined),
          ),
        );
        load.rounds++;
        for (const version of results) {
          if (version === undefined) load.failures++;
          else {
            load.answers++;
            load.versions.add(version);
          }
        }
        if (!results.some((v) => v !== undefined)) load.darkRounds++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await waitFor(() => load.rounds >= 5 || undefined, { timeoutMs: E2E_DEADLINE_MS, description: 'the load running' });
    const generation = (
      await deployments.patch('web', { spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'VERSION', value: 'v2' }] }] } } } }, 'strategic')
    ).metadata.generation!;

    const status = await kubectl.run('rollout', 'status', 'deployment/web', '--timeout', '90s');
    expect(status.stderr).toBe('');
    expect(status.stdout).toContain('deployment "web" successfully rolled out');
    const done = await waitFor(
      async () => {
        const d = await deployments.get('web');
        const s = d.status;
        const complete = (s?.observedGeneration ?? 0) >= generation && s?.replicas === REPLICAS && s.updatedReplicas === REPLICAS && s.readyReplicas === REPLICAS && s.availableReplicas === REPLICAS;
        return complete ? d : undefined;
      },
      { timeoutMs: E2E_DEADLINE_MS, intervalMs: 200, description: 'the Deployment status complete' },
    );
    expect(done.status?.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' })]));
    // Every endpoint is a new pod, and answers as one.
    await waitFor(
      async () => {
        const ips = await endpointIPs();
        if (ips.length !== REPLICAS) return undefined;
        const bodies = await Promise.all(ips.map((ip) => fetch(`http://${ip}:8080/`).then((r) => r.text())));
        return bodies.every((b) => b.startsWith('v2 ')) || undefined;
      },
      { timeoutMs: E2E_DEADLINE_MS, intervalMs: 200, description: 'every endpoint answering v2' },
    );

    loading = false;
    await loadLoop;
    watch.stop();
    await watching.catch(() => undefined);

    expect(violations).toEqual([]);
    // The watch saw the whole rollout: the new pods' creation, readiness and the old ones' deletion.
    expect(events).toBeGreaterThan(REPLICAS * 3);
    expect(lowest).toBeGreaterThanOrEqual(REPLICAS - MAX_UNAVAILABLE);
    expect(load.darkRounds).toBe(0);
    expect([...load.versions].sort()).toEqual(['v1', 'v2']);
    expect(load.answers).toBeGreaterThan(load.failures);
    const finalPods = (await pods.list({ labelSelector: 'app=web' })).items.filter((p) => !p.metadata.deletionTimestamp);
    expect(finalPods).toHaveLength(REPLICAS);
    for (const p of finalPods) expect(p.spec?.containers[0].env?.find((e) => e.name === 'VERSION')?.value).toBe('v2');
  }, 180_000);
});
