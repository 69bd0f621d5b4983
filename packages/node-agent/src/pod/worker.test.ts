/** The pod worker against FakeRuntime: what it asks the runtime, the status it reports, the events. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigMap, ObjectReference, Pod, PodStatus } from '@tinykube/api';
import { FakeClock, silentLogger } from '@tinykube/client';
import { FakeRuntime, UnavailableError, type CreateContainerRequest, type StopContainerRequest } from '@tinykube/runtime';
import { CrashBackoff } from './backoff';
import type { PodSyncDeps } from './deps';
import { PodWorker } from './worker';

interface Recorded {
  reason: string;
  message: string;
  fieldPath?: string;
}

function setup(objects: { configMaps?: ConfigMap[] } = {}) {
  const runtime = new FakeRuntime({ images: ['busybox:1.36'] });
  const clock = new FakeClock(Date.now());
  const events: Recorded[] = [];
  const statuses: PodStatus[] = [];
  const deleted: string[] = [];
  let root = '';
  const deps = (): PodSyncDeps => ({
    runtime,
    runtimeName: 'fake',
    objects: {
      configMap: async (_ns, name) => objects.configMaps?.find((c) => c.metadata.name === name),
      secret: async () => undefined,
    },
    events: { event: (ref: ObjectReference, _type, reason, message) => events.push({ reason, message, fieldPath: ref.fieldPath }) },
    clock,
    logger: silentLogger(),
    rootDir: root,
    logDir: join(root, 'logs'),
    nodeName: 'n1',
    hostIPs: ['127.0.0.1'],
    nodeAllocatable: { cpu: '4', memory: '8Gi' },
    backoff: new CrashBackoff({ baseMs: 10_000 }),
  });
  const make = async (pod: Pod) => {
    root = await mkdtemp(join(tmpdir(), 'node-agent-worker-'));
    const worker = new PodWorker(pod, deps(), {
      writeStatus: async (_p, s) => void statuses.push(s),
      deletePod: async (p) => void deleted.push(p.metadata.name ?? ''),
      onTerminated: () => undefined,
      resyncMs: 60_000,
    });
    return worker;
  };
  const cleanup = () => rm(root, { recursive: true, force: true });
  const last = () => statuses[statuses.length - 1];
  const running = (name: string) => runtime.listContainerRecords().filter((c) => c.config.metadata.name === name && c.state === 'CONTAINER_RUNNING');
  return { runtime, clock, events, statuses, deleted, make, cleanup, last, running };
}

function pod(spec: Partial<Pod['spec']> & Pick<NonNullable<Pod['spec']>, 'containers'>, meta: Partial<Pod['metadata']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'uid-1', resourceVersion: '1', ...meta }, spec: { restartPolicy: 'Always', ...spec } };
}

const c = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1000'], ...extra });

describe('PodWorker', () => {
  it('runs the sandbox, the init container alone, then both containers, and reports Running', async () => {
    const t = setup();
    const p = pod({ initContainers: [c('init')], containers: [c('a'), c('b')] });
    const w = await t.make(p);
    try {
      w.update(p);
      await w.settled();
      expect(t.runtime.callsOf('runPodSandbox')).toHaveLength(1);
      expect((t.runtime.callsOf('createContainer') as CreateContainerRequest[]).map((r) => r.config.metadata.name)).toEqual(['init']);
      expect(t.last().phase).toBe('Pending');
      expect(t.last().initContainerStatuses?.[0].state?.running).toBeDefined();
      expect(t.last().containerStatuses?.map((s) => s.state?.waiting?.reason)).toEqual(['PodInitializing', 'PodInitializing']);
      expect(t.last().conditions?.find((x) => x.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init]' });

      t.runtime.exitContainer(t.running('init')[0].id, 0);
      w.kick();
      await w.settled();
      expect((t.runtime.callsOf('createContainer') as CreateContainerRequest[]).map((r) => r.config.metadata.name)).toEqual(['init', 'a', 'b']);
      const s = t.last();
      expect(s.phase).toBe('Running');
      expect(s.podIP).toMatch(/^10\.88\./);
      expect(s.hostIP).toBe('127.0.0.1');
      expect(s.initContainerStatuses?.[0].state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
      expect(s.containerStatuses?.map((x) => [x.name, x.ready, x.started, x.restartCount])).toEqual([
        ['a', true, true, 0],
        ['b', true, true, 0],
      ]);
      expect(s.conditions?.map((x) => [x.type, x.status])).toEqual([
        ['Initialized', 'True'],
        ['Ready', 'True'],
        ['ContainersReady', 'True'],
        ['PodScheduled', 'True'],
      ]);
      expect(t.events.filter((e) => e.reason === 'Started').map((e) => e.fieldPath)).toEqual(['spec.initContainers{init}', 'spec.containers{a}', 'spec.containers{b}']);
      expect(t.events.map((e) => e.reason)).toContain('Created');
      expect(t.events.map((e) => e.reason)).toContain('Pulled');
      // The labels a restarted agent finds its containers by.
      const created = t.runtime.callsOf('createContainer') as CreateContainerRequest[];
      expect(created[1].config.labels).toMatchObject({ 'io.kubernetes.pod.uid': 'uid-1', 'io.kubernetes.container.name': 'a' });
      expect(created[1].config.logPath).toBe('a/0.log');
    } finally {
      await w.stop();
      await t.cleanup();
    }
  });

  it('restarts a crashing container with a growing CrashLoopBackOff', async () => {
    const t = setup();
    const p = pod({ containers: [c('app')] });
    const w = await t.make(p);
    try {
      w.update(p);
      await w.settled();
      // First crash: restarted at once.
      t.runtime.exitContainer(t.running('app')[0].id, 1);
      w.kick();
      await w.settled();
      expect(t.last().containerStatuses?.[0]).toMatchObject({ restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
      const delays: string[] = [];
      for (let i = 0; i < 3; i++) {
        t.runtime.exitContainer(t.running('app')[0].id, 1);
        w.kick();
        await w.settled();
        const waiting = t.last().containerStatuses?.[0].state?.waiting;
        expect(waiting?.reason).toBe('CrashLoopBackOff');
        delays.push(/back-off (\S+) restarting failed container=app pod=web_default\(uid-1\)/.exec(waiting?.message ?? '')?.[1] ?? '');
        expect(t.last().phase).toBe('Running');
        expect(t.running('app')).toHaveLength(0);
        const wait = t.clock.nextTimerIn()!;
        await t.clock.step(wait);
        await w.settled();
        expect(t.running('app')).toHaveLength(1);
      }
      expect(delays).toEqual(['10s', '20s', '40s']);
      expect(t.last().containerStatuses?.[0].restartCount).toBe(4);
      expect(t.events.filter((e) => e.reason === 'BackOff')[0].message).toBe('Back-off restarting failed container app in pod web_default(uid-1)');
      // Only the current and the previous instance are kept.
      expect(t.runtime.listContainerRecords().length).toBeLessThanOrEqual(2);
    } finally {
      await w.stop();
      await t.cleanup();
    }
  });

  it.each([
    ['Never', 1, 'Failed'],
    ['Never', 0, 'Succeeded'],
    ['OnFailure', 0, 'Succeeded'],
  ] as const)('restartPolicy %s with exit %d ends %s and frees the sandbox', async (restartPolicy, exitCode, phase) => {
    const t = setup();
    const p = pod({ restartPolicy, containers: [c('job')] });
    const w = await t.make(p);
    try {
      w.update(p);
      await w.settled();
      t.runtime.exitContainer(t.running('job')[0].id, exitCode);
      w.kick();
      await w.settled();
      expect(t.last().phase).toBe(phase);
      expect(t.last().conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
      expect(t.runtime.callsOf('createContainer')).toHaveLength(1);
      expect(t.runtime.listSandboxRecords()[0].state).toBe('SANDBOX_NOTREADY');
    } finally {
      await w.stop();
      await t.cleanup();
    }
  });

  it('reports a runtime error as the container waiting, and retries', async () => {
    const t = setup();
    t.runtime.failNext('createContainer', new UnavailableError('disk on fire'));
    const p = pod({ containers: [c('app')] });
    const w = await t.make(p);
    try {
      w.update(p);
      await w.settled();
      expect(t.last().containerStatuses?.[0].state?.waiting).toEqual({ reason: 'CreateContainerError', message: 'disk on fire' });
      await t.clock.step(t.clock.nextTimerIn()!);
      await w.settled();
      expect(t.running('app')).toHaveLength(1);
    } finally {
      await w.stop();
      await t.cleanup();
    }
  });

  it('says FailedCreatePodSandBox when the runtime cannot make the sandbox, and retries', async () => {
    const t = setup();
    t.runtime.failNext('runPodSandbox', new UnavailableError('no network'));
    const p = pod({ containers: [c('app')] });
    const w = await t.make(p);
    try {
      w.update(p);
      await w.settled();
      expect(t.events.filter((e) => e.reason === 'FailedCreatePodSandBox').map((e) => e.message)).toEqual([expect.stringContaining('Failed to create pod sandbox:')]);
      expect(t.running('app')).toHaveLength(0);
      await t.clock.step(t.clock.nextTimerIn()!);
      await w.settled();
      expect(t.running('app')).toHaveLength(1);
    } finally {
      await w.stop();
      await t.cleanup();
    }
  });

  it('resolves env and $(VAR) in args, and writes ConfigMap volumes as files', async () => {
    const cm: ConfigMap = { metadata: { name: 'cfg', namespace: 'default' }, data: { greeting: 'hello', 'app.conf': 'x=1' } };
    const t = setup({ configMaps: [cm] });
    const p = pod({
      volumes: [{ name: 'config', configMap: { name: 'cfg' } }],
      containers: [
        c('app', {
          args: ['--bind=$(POD_IP):$(PORT)', '$(MISSING)'],
          workingDir: '/work',
          env: [
            { name: 'PORT', value: '8080' },
            { name: 'URL', value: 'http://$(POD_IP):$(PORT)' },
            { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
            { name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'greeting' } } },
            { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          ],
          volumeMounts: [{ name: 'config', mountPath: '/etc/config' }],
        }),
      ],
      nodeName: 'n1',
    });
    const w = await t.make(p);
    try {
      w.update(p);
      await w.settled();
      const req = (t.runtime.callsOf('createContainer') as CreateContainerRequest[])[0];
      const env = Object.fromEntries((req.config.envs ?? []).map((e) => [e.key, e.value]));
      const ip = t.last().podIP;
      // URL was defined before POD_IP, so its reference stays as written (Kubernetes' ordering rule).
      expect(env).toEqual({ PORT: '8080', URL: 'http://$(POD_IP):8080', POD_IP: ip, GREETING: 'hello', NODE: 'n1' });
      expect(req.config.args).toEqual([`--bind=${ip}:8080`, '$(MISSING)']);
      expect(req.config.workingDir).toBe('/work');
      const mount = req.config.mounts?.[0];
      expect(mount?.containerPath).toBe('/etc/config');
      expect(await readFile(join(mount!.hostPath, 'app.conf'), 'utf8')).toBe('x=1');
    } finally {
      await w.stop();
      await t.cleanup();
    }
  });

  it('waits with CreateContainerConfigError and FailedMount for missing ConfigMaps', async () => {
    const t = setup();
    const p = pod({ containers: [c('app', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] })] });
    const w = await t.make(p);
    try {
      w.update(p);
      await w.settled();
      expect(t.last().containerStatuses?.[0].state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "nope" not found' });
      const withVolume = pod({ volumes: [{ name: 'v', configMap: { name: 'gone' } }], containers: [c('app')] }, { uid: 'uid-2', name: 'other' });
      const w2 = await t.make(withVolume);
      w2.update(withVolume);
      await w2.settled();
      await w2.stop();
      expect(t.events.find((e) => e.reason === 'FailedMount')?.message).toBe('MountVolume.SetUp failed for volume "v" : configmap "gone" not found');
      expect(t.last().containerStatuses?.[0].state?.waiting?.reason).toBe('ContainerCreating');
    } finally {
      await w.stop();
      await t.cleanup();
    }
  });

  it('stops a deleted pod with its grace period, removes it from the runtime and deletes it', async () => {
    const t = setup();
    const p = pod({ containers: [c('a'), c('b')] });
    const w = await t.make(p);
    try {
      w.update(p);
      await w.settled();
      w.update({ ...p, metadata: { ...p.metadata, deletionTimestamp: new Date().toISOString(), deletionGracePeriodSeconds: 7 } });
      await w.settled();
      expect((t.runtime.callsOf('stopContainer') as StopContainerRequest[]).map((r) => r.timeout)).toEqual([7, 7]);
      expect(t.events.filter((e) => e.reason === 'Killing').map((e) => e.message).sort()).toEqual(['Stopping container a', 'Stopping container b']);
      expect(t.runtime.listContainerRecords()).toEqual([]);
      expect(t.runtime.listSandboxRecords()).toEqual([]);
      expect(t.deleted).toEqual(['web']);
      expect(t.last().containerStatuses?.[0].state?.terminated?.exitCode).toBe(143);
      expect(t.last().phase).toBe('Failed');
      expect(w.workerState).toEqual({ phase: 'Terminated' });
    } finally {
      await w.stop();
      await t.cleanup();
    }
  });

  it('adopts what the runtime already runs: nothing is created or killed, restartCount kept', async () => {
    const t = setup();
    const p = pod({ containers: [c('app')] });
    const first = await t.make(p);
    first.update(p);
    await first.settled();
    t.runtime.exitContainer(t.running('app')[0].id, 1);
    first.kick();
    await first.settled();
    await first.stop();
    const calls = t.runtime.calls.length;
    const second = await t.make(p);
    try {
      second.update(p);
      await second.settled();
      const after = t.runtime.calls.slice(calls).map((x) => x.method);
      expect(after).not.toContain('createContainer');
      expect(after).not.toContain('stopContainer');
      expect(after).not.toContain('runPodSandbox');
      expect(t.last().containerStatuses?.[0]).toMatchObject({ restartCount: 1, state: { running: {} } });
    } finally {
      await second.stop();
      await t.cleanup();
    }
  });

  it('kills and restarts a container whose exec liveness probe fails', async () => {
    const t = setup();
    const p = pod({ containers: [c('app', { livenessProbe: { exec: { command: ['check'] }, periodSeconds: 1, failureThreshold: 2 } })] });
    const w = await t.make(p);
    try {
      w.update(p);
      await w.settled();
      const firstId = t.running('app')[0].id;
      t.runtime.setExec((id) => (id === firstId ? { exitCode: 1, stdout: 'sick' } : { exitCode: 0 }));
      // The first attempt comes right after the container started, the next one a period later.
      await t.clock.step(1000);
      await t.clock.step(1000);
      await w.settled();
      expect(t.events.filter((e) => e.reason === 'Unhealthy').map((e) => e.message)).toEqual(['Liveness probe failed: sick', 'Liveness probe failed: sick']);
      expect(t.events.find((e) => e.reason === 'Killing')?.message).toBe('Container app failed liveness probe, will be restarted');
      const now = t.running('app');
      expect(now).toHaveLength(1);
      expect(now[0].id).not.toBe(firstId);
      expect(t.last().containerStatuses?.[0].restartCount).toBe(1);
    } finally {
      await w.stop();
      await t.cleanup();
    }
  });
});
