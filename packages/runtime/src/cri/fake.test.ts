import { FakeRuntime } from './fake';
import { isAlreadyExists, isFailedPrecondition, isNotFound, NotFoundError, UnavailableError } from './errors';
import type { ContainerConfig, PodSandboxConfig } from './types';

const podConfig = (name: string, extra: Partial<PodSandboxConfig> = {}): PodSandboxConfig => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, attempt: 0 },
  hostname: name,
  logDirectory: `/var/log/pods/default_${name}_uid-${name}`,
  labels: { 'io.kubernetes.pod.name': name },
  ...extra,
});

const containerConfig = (name: string, attempt = 0): ContainerConfig => ({
  metadata: { name, attempt },
  image: { image: 'busybox' },
  command: ['sleep', '1000'],
  logPath: `${name}/${attempt}.log`,
  labels: { 'io.kubernetes.container.name': name },
});

async function runningContainer(rt: FakeRuntime, pod = 'web') {
  await rt.pullImage({ image: { image: 'busybox' } });
  const { podSandboxId } = await rt.runPodSandbox({ config: podConfig(pod) });
  const { containerId } = await rt.createContainer({ podSandboxId, config: containerConfig('app'), sandboxConfig: podConfig(pod) });
  await rt.startContainer({ containerId });
  return { podSandboxId, containerId };
}

describe('FakeRuntime', () => {
  it('runs a pod: sandbox Ready with its own IP, container Running then Exited with the code it was given', async () => {
    const rt = new FakeRuntime();
    const { podSandboxId, containerId } = await runningContainer(rt);
    const sandbox = (await rt.podSandboxStatus({ podSandboxId })).status;
    expect(sandbox?.state).toBe('SANDBOX_READY');
    expect(sandbox?.network?.ip).toMatch(/^10\.88\.\d+\.\d+$/);
    expect((await rt.containerStatus({ containerId })).status).toMatchObject({
      state: 'CONTAINER_RUNNING',
      logPath: '/var/log/pods/default_web_uid-web/app/0.log',
      image: { image: 'docker.io/library/busybox:latest' },
    });
    rt.exitContainer(containerId, 3);
    const status = (await rt.containerStatus({ containerId })).status;
    expect(status).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 3, reason: 'Error' });
    expect(status!.finishedAt).toBeGreaterThanOrEqual(status!.startedAt);
  });

  it('gives every pod a different IP and none to host-network pods', async () => {
    const rt = new FakeRuntime({ podIpRange: '10.1.0.0/24' });
    const a = await rt.runPodSandbox({ config: podConfig('a') });
    const b = await rt.runPodSandbox({ config: podConfig('b') });
    const host = await rt.runPodSandbox({ config: podConfig('h', { linux: { securityContext: { namespaceOptions: { network: 'NODE' } } } }) });
    const ipOf = async (id: string) => (await rt.podSandboxStatus({ podSandboxId: id })).status?.network?.ip;
    expect(new Set([await ipOf(a.podSandboxId), await ipOf(b.podSandboxId)]).size).toBe(2);
    expect(await ipOf(host.podSandboxId)).toBe('');
  });

  it.each([
    ['stop with a grace period ends like SIGTERM', 30, 143],
    ['stop with timeout 0 ends like SIGKILL', 0, 137],
  ])('%s', async (_name, timeout, exitCode) => {
    const rt = new FakeRuntime();
    const { containerId } = await runningContainer(rt);
    await rt.stopContainer({ containerId, timeout });
    await rt.stopContainer({ containerId, timeout }); // idempotent
    expect((await rt.containerStatus({ containerId })).status).toMatchObject({ state: 'CONTAINER_EXITED', exitCode });
  });

  it('answers like a real runtime on misuse: NotFound, AlreadyExists, FailedPrecondition; Remove is idempotent', async () => {
    const rt = new FakeRuntime();
    const { podSandboxId, containerId } = await runningContainer(rt);
    await expect(rt.containerStatus({ containerId: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
    expect(isNotFound(await rt.stopContainer({ containerId: 'nope' }).catch((e: unknown) => e))).toBe(true);
    expect(isNotFound(await rt.podSandboxStatus({ podSandboxId: 'nope' }).catch((e: unknown) => e))).toBe(true);
    expect(isAlreadyExists(await rt.runPodSandbox({ config: podConfig('web') }).catch((e: unknown) => e))).toBe(true);
    expect(isAlreadyExists(await rt.createContainer({ podSandboxId, config: containerConfig('app') }).catch((e: unknown) => e))).toBe(true);
    expect(isFailedPrecondition(await rt.startContainer({ containerId }).catch((e: unknown) => e))).toBe(true);
    const noImage = { ...containerConfig('other'), image: { image: 'nginx' } };
    expect(isNotFound(await rt.createContainer({ podSandboxId, config: noImage }).catch((e: unknown) => e))).toBe(true);
    await rt.removeContainer({ containerId });
    await rt.removeContainer({ containerId });
    await rt.removePodSandbox({ podSandboxId });
    await rt.removePodSandbox({ podSandboxId });
    expect((await rt.listPodSandbox({})).items).toEqual([]);
  });

  it('stopping a sandbox kills its containers and makes it NotReady; new containers are refused', async () => {
    const rt = new FakeRuntime();
    const { podSandboxId, containerId } = await runningContainer(rt);
    await rt.stopPodSandbox({ podSandboxId });
    expect((await rt.podSandboxStatus({ podSandboxId })).status?.state).toBe('SANDBOX_NOTREADY');
    expect((await rt.containerStatus({ containerId })).status).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 137 });
    expect(isFailedPrecondition(await rt.createContainer({ podSandboxId, config: containerConfig('app', 1) }).catch((e: unknown) => e))).toBe(true);
  });

  it('filters lists by sandbox, state and labels', async () => {
    const rt = new FakeRuntime();
    const one = await runningContainer(rt, 'one');
    const two = await runningContainer(rt, 'two');
    rt.exitContainer(two.containerId, 0);
    const ids = async (filter: Parameters<FakeRuntime['listContainers']>[0]['filter']) => (await rt.listContainers({ filter })).containers.map((c) => c.id);
    expect(await ids({ podSandboxId: one.podSandboxId })).toEqual([one.containerId]);
    expect(await ids({ state: { state: 'CONTAINER_EXITED' } })).toEqual([two.containerId]);
    expect(await ids({ labelSelector: { 'io.kubernetes.container.name': 'app' } })).toHaveLength(2);
    const pods = await rt.listPodSandbox({ filter: { labelSelector: { 'io.kubernetes.pod.name': 'two' } } });
    expect(pods.items.map((p) => p.metadata?.name)).toEqual(['two']);
  });

  it('records calls and fails the next call of a method with the injected error, once', async () => {
    const rt = new FakeRuntime({ images: ['busybox:1.36'] });
    rt.failNext('runPodSandbox', new UnavailableError('runtime is down'));
    await expect(rt.runPodSandbox({ config: podConfig('x') })).rejects.toThrow('runtime is down');
    const { podSandboxId } = await rt.runPodSandbox({ config: podConfig('x') });
    expect(podSandboxId).toMatch(/^[0-9a-f]{64}$/);
    expect(rt.calls.map((c) => c.method)).toEqual(['runPodSandbox', 'runPodSandbox']);
    expect(rt.callsOf('runPodSandbox')[0]).toMatchObject({ config: { metadata: { name: 'x' } } });
    expect((await rt.imageStatus({ image: { image: 'docker.io/library/busybox:1.36' } })).image?.repoTags).toEqual(['docker.io/library/busybox:1.36']);
    expect((await rt.imageStatus({ image: { image: 'busybox' } })).image).toBeUndefined();
  });

  it('answers ExecSync from its handler and refuses it for a stopped container', async () => {
    const rt = new FakeRuntime({ exec: (_id, cmd) => ({ exitCode: cmd[0] === 'ok' ? 0 : 1, stdout: cmd.join(' ') }) });
    const { containerId } = await runningContainer(rt);
    expect(await rt.execSync({ containerId, cmd: ['ok', 'now'] })).toMatchObject({ exitCode: 0, stdout: Buffer.from('ok now') });
    expect((await rt.execSync({ containerId, cmd: ['bad'] })).exitCode).toBe(1);
    await rt.stopContainer({ containerId, timeout: 0 });
    expect(isFailedPrecondition(await rt.execSync({ containerId, cmd: ['ok'] }).catch((e: unknown) => e))).toBe(true);
  });

  it('keeps no call log when recording is off (hollow nodes)', async () => {
    const rt = new FakeRuntime({ recordCalls: false });
    await runningContainer(rt);
    expect(rt.calls).toEqual([]);
  });
});
