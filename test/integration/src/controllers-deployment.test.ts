/**
 * The Deployment and ReplicaSet controllers on the real apiserver on etcd, with a stand-in kubelet
 * (controllers-kubelet.ts) making pods run: a rolling update keeps within maxSurge and maxUnavailable
 * on every watch event, the real `kubectl rollout status` sees it complete, and a controller manager
 * killed and restarted mid-rollout (leader election handing over) creates no extra pods.
 */
import type { Deployment, KubeObject, Lease, Pod, ReplicaSet } from '@tinykube/api';
import type { KubeClient } from '@tinykube/client';
import { waitFor } from '@tinykube/testing';
import { kubectl, startControllersEnv, type ControllersEnv } from './controllers-env';
import { FakeKubelet } from './controllers-kubelet';

function webDeployment(ns: string, image: string): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: ns },
    spec: {
      replicas: 5,
      selector: { matchLabels: { app: 'web' } },
      // 25% of 5: maxSurge rounds up to 2, maxUnavailable down to 1.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}

const isActive = (p: Pod) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
const isReady = (p: Pod) => isActive(p) && (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** Follows pods and ReplicaSets of a namespace by watch, checking the rollout bounds on every event. */
class RolloutWatcher {
  readonly pods = new Map<string, Pod>();
  readonly rss = new Map<string, ReplicaSet>();
  readonly createdPods = new Set<string>();
  readonly violations: string[] = [];
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly max: number,
    private readonly minReady: number,
  ) {}

  async start(client: KubeClient, ns: string): Promise<void> {
    for (const [resource, map] of [['pods', this.pods], ['replicasets.apps', this.rss]] as const) {
      const list = await client.resource<KubeObject>(resource, ns).list();
      for (const o of list.items) (map as Map<string, KubeObject>).set(o.metadata.name!, o);
      const stream = await client.resource<KubeObject>(resource, ns).watch({ resourceVersion: list.metadata.resourceVersion });
      this.stops.push(() => stream.stop());
      void (async () => {
        for await (const ev of stream) {
          if (ev.type === 'ADDED' || ev.type === 'MODIFIED') (map as Map<string, KubeObject>).set(ev.object.metadata.name!, ev.object);
          if (ev.type === 'DELETED') map.delete(ev.object.metadata.name!);
          if (resource === 'pods' && ev.type === 'ADDED') this.createdPods.add(ev.object.metadata.name!);
          this.check(`${ev.type} ${resource} ${ev.object.metadata.name}`);
        }
      })().catch(() => undefined);
    }
  }

  private check(what: string): void {
    const specSum = [...this.rss.values()].reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
    const active = [...this.pods.values()].filter(isActive).length;
    const ready = [...this.pods.values()].filter(isReady).length;
    if (specSum > this.max) this.violations.push(`${what}: ReplicaSets want ${specSum} pods > ${this.max}`);
    if (active > this.max) this.violations.push(`${what}: ${active} pods > ${this.max}`);
    if (ready < this.minReady) this.violations.push(`${what}: ${ready} ready pods < ${this.minReady}`);
  }

  stop(): void {
    this.stops.forEach((s) => s());
  }
}

describe('deployment rollouts on etcd', () => {
  let env: ControllersEnv;
  let kubelet: FakeKubelet;

  beforeAll(async () => {
    env = await startControllersEnv();
    kubelet = new FakeKubelet(env.client, { nodes: ['node-a', 'node-b'], readyDelayMs: 200 });
    await kubelet.start();
  });

  afterAll(async () => {
    await kubelet?.stop();
    await env?.stop();
  });

  const deployments = (ns: string) => env.client.resource<Deployment>('deployments.apps', ns);

  async function rolledOut(ns: string, generation?: number): Promise<Deployment> {
    return waitFor(
      async () => {
        const d = await deployments(ns).get('web');
        const s = d.status ?? {};
        const done = (s.observedGeneration ?? 0) >= (generation ?? d.metadata.generation ?? 1) && s.updatedReplicas === 5 && s.replicas === 5 && s.availableReplicas === 5;
        return done ? d : undefined;
      },
      { timeoutMs: 60_000, description: 'the deployment to be rolled out' },
    );
  }

  it('rolls a template change out within maxSurge/maxUnavailable; kubectl rollout status exits 0', async () => {
    const cm = await env.startManager();
    const ns = await env.namespace('rolling');
    await deployments(ns).create(webDeployment(ns, 'nginx:1'));
    const first = await rolledOut(ns);
    expect(first.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');

    const watcher = new RolloutWatcher(7, 4);
    await watcher.start(env.client, ns);
    try {
      await deployments(ns).patch('web', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } } }, 'strategic');
      const res = await kubectl(env.dir, env.api.url, ['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=90s']);
      expect(res.stderr).toBe('');
      expect(res.stdout).toContain('deployment "web" successfully rolled out');
      expect(res.code).toBe(0);
    } finally {
      watcher.stop();
    }
    expect(watcher.violations).toEqual([]);

    const d = await rolledOut(ns, 2);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const rsList = (await env.client.resource<ReplicaSet>('replicasets.apps', ns).list()).items;
    const byImage = Object.fromEntries(rsList.map((rs) => [rs.spec!.template!.spec!.containers[0].image, rs]));
    expect(byImage['nginx:2'].spec!.replicas).toBe(5);
    expect(byImage['nginx:2'].metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(byImage['nginx:1'].spec!.replicas).toBe(0);
    const hash = byImage['nginx:2'].metadata.labels!['pod-template-hash'];
    expect(byImage['nginx:2'].metadata.name).toBe(`web-${hash}`);
    const pods = await waitFor(
      async () => {
        const items = (await env.client.resource<Pod>('pods', ns).list()).items;
        return items.length === 5 ? items : undefined;
      },
      { timeoutMs: 30_000, description: 'the old pods to be gone' },
    );
    expect(pods.every((p) => p.metadata.labels?.['pod-template-hash'] === hash)).toBe(true);

    const events = (await env.client.resource<KubeObject>('events', ns).list()).items as Array<KubeObject & { reason?: string; message?: string }>;
    expect(events.some((e) => e.reason === 'ScalingReplicaSet' && /^Scaled (up|down) replica set web-\w+ from \d+ to \d+$/.test(e.message ?? ''))).toBe(true);
    expect(events.some((e) => e.reason === 'SuccessfulCreate' && e.message?.startsWith('Created pod: web-'))).toBe(true);

    const health = await fetch(`${cm.url}/healthz`);
    expect(await health.text()).toBe('ok');
    const metrics = await (await fetch(`${cm.url}/metrics`)).text();
    expect(metrics).toMatch(/controller_reconcile_total\{controller="deployment",result="success"\} \d+/);
    await cm.stop();
  });

  it('a controller manager killed mid-rollout and replaced creates no extra pods', async () => {
    const le = { leaderElect: true, leaderElectLeaseDurationMs: 3000, leaderElectRenewDeadlineMs: 2000, leaderElectRetryPeriodMs: 500 };
    const first = await env.startManager({ ...le, identity: 'first' });
    const ns = await env.namespace('restart');
    await deployments(ns).create(webDeployment(ns, 'nginx:1'));
    await rolledOut(ns);
    const lease = await env.client.resource<Lease>('leases.coordination.k8s.io', 'kube-system').get('tinykube-controller-manager');
    expect(lease.spec?.holderIdentity).toBe('first');

    const watcher = new RolloutWatcher(7, 4);
    await watcher.start(env.client, ns);
    try {
      await deployments(ns).patch('web', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } } }, 'strategic');
      // Mid-rollout: some new pods exist, the old ReplicaSet still has pods.
      await waitFor(() => [...watcher.pods.values()].some((p) => p.spec?.containers[0].image === 'nginx:2'), { timeoutMs: 30_000, description: 'new pods' });
      await first.stop();
      const second = await env.startManager({ ...le, identity: 'second' });
      await waitFor(() => second.isLeader(), { timeoutMs: 20_000, description: 'the second manager to lead' });
      await rolledOut(ns, 2);
      await second.stop();
    } finally {
      watcher.stop();
    }
    expect(watcher.violations).toEqual([]);
    // A rolling update only ever creates pods of the new template: exactly 5 of them, however often
    // the manager restarted (a duplicate from a forgotten create would make 6 or more).
    const newPods = [...watcher.createdPods];
    expect(newPods).toHaveLength(5);
    expect((await env.client.resource<ReplicaSet>('replicasets.apps', ns).list()).items).toHaveLength(2);
  });
});
