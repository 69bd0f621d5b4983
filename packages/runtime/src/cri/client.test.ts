import * as fs from 'node:fs';
import { CriClient } from './client';
import { AlreadyExistsError, CriError, FailedPreconditionError, GrpcStatus, NotFoundError, UnavailableError, isNotFound } from './errors';
import { FakeRuntime } from './fake';
import { type CriServer, serveCri } from '../server/cri-server';
import { socketIn, tempDir } from '../testing/helpers';
import type { PodSandboxConfig } from './types';

const podConfig: PodSandboxConfig = {
  metadata: { name: 'web', namespace: 'default', uid: 'u1', attempt: 0 },
  logDirectory: '/var/log/pods/default_web_u1',
  labels: { app: 'web' },
  annotations: { note: 'kept as given' },
};

describe('CriClient against a CRI server over a unix socket', () => {
  let dir: string;
  let fake: FakeRuntime;
  let server: CriServer;
  let client: CriClient;

  beforeEach(async () => {
    dir = tempDir('cri-client');
    fake = new FakeRuntime();
    server = await serveCri(fake, socketIn(dir));
    client = new CriClient(server.endpoint, { timeoutMs: 10_000 });
  });

  afterEach(async () => {
    client?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('carries a whole pod lifecycle with enums as names, int64 as numbers and maps intact', async () => {
    expect(await client.version({ version: 'v1' })).toEqual({ version: '0.1.0', runtimeName: 'fake', runtimeVersion: '0.1.0', runtimeApiVersion: 'v1' });
    const { imageRef } = await client.pullImage({ image: { image: 'busybox:1.36' } });
    expect(imageRef).toMatch(/^sha256:[0-9a-f]{64}$/);
    const { podSandboxId } = await client.runPodSandbox({ config: podConfig });
    const sandbox = await client.podSandboxStatus({ podSandboxId });
    expect(sandbox.status).toMatchObject({
      id: podSandboxId,
      state: 'SANDBOX_READY',
      metadata: { name: 'web', namespace: 'default', uid: 'u1', attempt: 0 },
      labels: { app: 'web' },
      annotations: { note: 'kept as given' },
    });
    expect(typeof sandbox.status?.createdAt).toBe('number');
    expect(sandbox.status!.createdAt).toBeGreaterThan(1e18);
    const { containerId } = await client.createContainer({
      podSandboxId,
      config: { metadata: { name: 'app' }, image: { image: 'busybox:1.36' }, command: ['sleep', '9'], envs: [{ key: 'A', value: '1' }], logPath: 'app/0.log' },
      sandboxConfig: podConfig,
    });
    await client.startContainer({ containerId });
    const listed = await client.listContainers({ filter: { state: { state: 'CONTAINER_RUNNING' } } });
    expect(listed.containers.map((c) => [c.id, c.state, c.metadata?.name])).toEqual([[containerId, 'CONTAINER_RUNNING', 'app']]);
    fake.exitContainer(containerId, 0);
    const status = (await client.containerStatus({ containerId })).status;
    // Zero values travel as defaults, and absent sub-messages are undefined, never null.
    expect(status).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 0, reason: 'Completed', logPath: '/var/log/pods/default_web_u1/app/0.log', mounts: [] });
    expect(status?.resources).toBeUndefined();
    await client.stopContainer({ containerId, timeout: 5 });
    await client.removeContainer({ containerId });
    await client.stopPodSandbox({ podSandboxId });
    await client.removePodSandbox({ podSandboxId });
    expect((await client.listPodSandbox({})).items).toEqual([]);
    // The server saw the request as the client sent it.
    expect(fake.callsOf('createContainer')[0]).toMatchObject({ config: { envs: [{ key: 'A', value: '1' }], command: ['sleep', '9'] } });
  });

  it.each([
    ['NotFound', new NotFoundError('container x not found'), NotFoundError, GrpcStatus.NOT_FOUND],
    ['AlreadyExists', new AlreadyExistsError('name reserved'), AlreadyExistsError, GrpcStatus.ALREADY_EXISTS],
    ['FailedPrecondition', new FailedPreconditionError('not ready'), FailedPreconditionError, GrpcStatus.FAILED_PRECONDITION],
    ['a plain Error (UNKNOWN)', new Error('disk on fire'), CriError, GrpcStatus.UNKNOWN],
  ])('turns a server-side %s into the same error class and code on the client', async (_name, injected, cls, code) => {
    fake.failNext('status', injected);
    const err = await client.status({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    expect(err).toMatchObject({ code, message: injected.message, method: 'status' });
  });

  it('answers an unknown id with NotFound, and an absent image with no image rather than an error', async () => {
    expect(isNotFound(await client.containerStatus({ containerId: 'missing' }).catch((e: unknown) => e))).toBe(true);
    expect(await client.imageStatus({ image: { image: 'nginx' } })).toEqual({ info: {} });
  });

  it('carries ExecSync output as bytes', async () => {
    fake.setExec(() => ({ exitCode: 2, stdout: 'out', stderr: 'err' }));
    await client.pullImage({ image: { image: 'busybox' } });
    const { podSandboxId } = await client.runPodSandbox({ config: podConfig });
    const { containerId } = await client.createContainer({ podSandboxId, config: { metadata: { name: 'c' }, image: { image: 'busybox' } } });
    await client.startContainer({ containerId });
    const r = await client.execSync({ containerId, cmd: ['x'], timeout: 1 });
    expect([r.exitCode, r.stdout.toString(), r.stderr.toString()]).toEqual([2, 'out', 'err']);
  });

  it('fails fast with Unavailable when nothing listens on the socket', async () => {
    const lonely = new CriClient(socketIn(dir, 'nobody.sock'), { timeoutMs: 5000 });
    try {
      await expect(lonely.version({})).rejects.toBeInstanceOf(UnavailableError);
    } finally {
      lonely.close();
    }
  });
});
