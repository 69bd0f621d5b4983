import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CriClient } from '../cri/client';
import { isAlreadyExists, isInvalidArgument, isNotFound } from '../cri/errors';
import type { ContainerConfig, PodSandboxConfig } from '../cri/types';
import { type RunningRuntime, startRuntime } from '../start';
import { eventually, readIfExists, socketIn, tempDir } from '../testing/helpers';
import { parseCriLogLine } from './cri-log';
import { ProcessRuntime } from './process-runtime';

let dir: string;
let running: RunningRuntime | undefined;
let client: CriClient | undefined;

async function start(): Promise<CriClient> {
  running = await startRuntime({ listen: socketIn(dir), root: path.join(dir, 'root'), podIpRange: '127.77.0.0/24', pollIntervalMs: 50 });
  client = new CriClient(running.endpoint, { timeoutMs: 30_000 });
  return client;
}

async function stop(): Promise<void> {
  client?.close();
  client = undefined;
  await running?.close();
  running = undefined;
}

beforeEach(async () => {
  dir = tempDir('rt');
  await start();
});

afterEach(async () => {
  await stop();
  // Whatever a test left running dies here, through a runtime on the same state, even after a failure.
  const sweeper = new ProcessRuntime({ root: path.join(dir, 'root') });
  try {
    for (const s of (await sweeper.listPodSandbox({})).items) await sweeper.removePodSandbox({ podSandboxId: s.id });
  } finally {
    sweeper.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function podConfig(name: string): PodSandboxConfig {
  return { metadata: { name, namespace: 'default', uid: `uid-${name}`, attempt: 0 }, hostname: name, logDirectory: path.join(dir, 'logs', name) };
}

async function runContainer(c: CriClient, pod: string, config: Omit<ContainerConfig, 'image' | 'logPath'> & { image?: string }) {
  const sandboxConfig = podConfig(pod);
  await c.pullImage({ image: { image: config.image ?? 'busybox' } });
  const existing = (await c.listPodSandbox({})).items.find((s) => s.metadata?.name === pod);
  const podSandboxId = existing?.id ?? (await c.runPodSandbox({ config: sandboxConfig })).podSandboxId;
  const full: ContainerConfig = { ...config, image: { image: config.image ?? 'busybox' }, logPath: `${config.metadata.name}/0.log` };
  const { containerId } = await c.createContainer({ podSandboxId, config: full, sandboxConfig });
  await c.startContainer({ containerId });
  return { podSandboxId, containerId, logFile: path.join(sandboxConfig.logDirectory!, full.logPath!) };
}

async function exited(c: CriClient, containerId: string) {
  return eventually(async () => {
    const s = (await c.containerStatus({ containerId })).status;
    return s?.state === 'CONTAINER_EXITED' ? s : undefined;
  }, `container ${containerId} to exit`);
}

describe('process driver', () => {
  it('runs a command with its env, records exit code and times, and writes both streams in CRI log format', async () => {
    const c = client!;
    const { containerId, logFile } = await runContainer(c, 'p1', {
      metadata: { name: 'app' },
      command: ['sh', '-c', 'echo "hello $GREETING"; echo oops >&2; printf no-newline; exit 3'],
      envs: [{ key: 'GREETING', value: 'world' }],
    });
    const status = await exited(c, containerId);
    expect(status).toMatchObject({ exitCode: 3, reason: 'Error', logPath: logFile });
    expect(status.startedAt).toBeGreaterThan(0);
    expect(status.finishedAt).toBeGreaterThanOrEqual(status.startedAt);
    const records = readIfExists(logFile).trimEnd().split('\n').map((l) => parseCriLogLine(l));
    expect(records.map((r) => r && [r.stream, r.complete, r.text]).sort()).toEqual(
      [['stdout', true, 'hello world'], ['stderr', true, 'oops'], ['stdout', true, 'no-newline']].sort(),
    );
    for (const r of records) expect(r!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  });

  it('stops with SIGTERM, and with SIGKILL once the timeout passes if SIGTERM is ignored', async () => {
    const c = client!;
    const polite = await runContainer(c, 'p2', { metadata: { name: 'polite' }, command: ['sleep', '1000'] });
    const stubborn = await runContainer(c, 'p2', {
      metadata: { name: 'stubborn' },
      command: ['sh', '-c', 'trap "echo got TERM" TERM; echo ready; while true; do sleep 0.1; done'],
    });
    await eventually(() => readIfExists(stubborn.logFile).includes('ready'), 'the trap to be installed');
    await c.stopContainer({ containerId: polite.containerId, timeout: 30 });
    expect((await c.containerStatus({ containerId: polite.containerId })).status).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 143 });
    await c.stopContainer({ containerId: stubborn.containerId, timeout: 1 });
    expect((await c.containerStatus({ containerId: stubborn.containerId })).status).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 137 });
    expect(readIfExists(stubborn.logFile)).toContain('got TERM');
    await c.stopContainer({ containerId: stubborn.containerId, timeout: 1 }); // idempotent
    expect(isNotFound(await c.stopContainer({ containerId: 'nope', timeout: 1 }).catch((e: unknown) => e))).toBe(true);
  });

  it('survives its own restart: a running container is adopted, one that died meanwhile is reaped as Unknown', async () => {
    let c = client!;
    const keep = await runContainer(c, 'p3', { metadata: { name: 'keep' }, command: ['sh', '-c', 'echo before; sleep 1000'] });
    const die = await runContainer(c, 'p3', { metadata: { name: 'die' }, command: ['sleep', '1000'] });
    const diePid = Number((await c.containerStatus({ containerId: die.containerId, verbose: true })).info.pid);
    await stop();
    process.kill(-diePid, 'SIGKILL');
    await eventually(() => !fs.existsSync(`/proc/${diePid}`) || fs.readFileSync(`/proc/${diePid}/stat`, 'utf8').includes(') Z'), 'the killed process to go');
    c = await start();
    expect((await c.containerStatus({ containerId: keep.containerId })).status?.state).toBe('CONTAINER_RUNNING');
    expect(await exited(c, die.containerId)).toMatchObject({ exitCode: 255, reason: 'Unknown' });
    await c.stopContainer({ containerId: keep.containerId, timeout: 10 });
    expect((await c.containerStatus({ containerId: keep.containerId })).status).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 143 });
    expect(readIfExists(keep.logFile).match(/before/g)).toHaveLength(1);
  });

  it('gives each pod its own loopback IP, so two pods listen on the same port', async () => {
    const c = client!;
    const server = 'require("net").createServer((s) => s.end(process.env.NAME)).listen(18080, process.env.POD_IP, () => console.log("listening"))';
    const ips: string[] = [];
    for (const name of ['a', 'b']) {
      const sandboxConfig = podConfig(name);
      const { podSandboxId } = await c.runPodSandbox({ config: sandboxConfig });
      const ip = (await c.podSandboxStatus({ podSandboxId })).status?.network?.ip ?? '';
      expect(ip).toMatch(/^127\.77\.0\.\d+$/);
      ips.push(ip);
      await c.pullImage({ image: { image: 'node' } });
      const config: ContainerConfig = {
        metadata: { name: 'srv' },
        image: { image: 'node' },
        command: [process.execPath, '-e', server],
        envs: [{ key: 'POD_IP', value: ip }, { key: 'NAME', value: name }],
        logPath: 'srv/0.log',
      };
      const { containerId } = await c.createContainer({ podSandboxId, config, sandboxConfig });
      await c.startContainer({ containerId });
      await eventually(() => readIfExists(path.join(sandboxConfig.logDirectory!, 'srv/0.log')).includes('listening'), `pod ${name} to listen`);
    }
    expect(ips[0]).not.toBe(ips[1]);
    const answer = (ip: string) =>
      new Promise<string>((resolve, reject) => {
        const sock = net.connect(18080, ip);
        let data = '';
        sock.on('data', (d) => (data += d.toString()));
        sock.on('end', () => resolve(data));
        sock.on('error', reject);
      });
    expect([await answer(ips[0]), await answer(ips[1])]).toEqual(['a', 'b']);
  });

  it('makes mounts visible at their container paths (rewritten argv and a symlink in the working dir)', async () => {
    const c = client!;
    const volume = path.join(dir, 'volumes', 'config');
    fs.mkdirSync(volume, { recursive: true });
    fs.writeFileSync(path.join(volume, 'key'), 'value-from-volume');
    const { containerId, logFile } = await runContainer(c, 'p5', {
      metadata: { name: 'reader' },
      command: ['sh', '-c', 'cat /etc/config/key; echo; cat etc/config/key; echo; echo "$CONFIG"'],
      envs: [{ key: 'CONFIG', value: '/etc/config/key' }],
      mounts: [{ containerPath: '/etc/config', hostPath: volume, readonly: true }],
    });
    expect(await exited(c, containerId)).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const texts = readIfExists(logFile).trimEnd().split('\n').map((l) => parseCriLogLine(l)?.text);
    expect(texts).toEqual(['value-from-volume', 'value-from-volume', path.join(volume, 'key')]);
  });

  it('runs ExecSync in the container environment', async () => {
    const c = client!;
    const { containerId } = await runContainer(c, 'p6', { metadata: { name: 'app' }, command: ['sleep', '1000'], envs: [{ key: 'X', value: '42' }] });
    const ok = await c.execSync({ containerId, cmd: ['sh', '-c', 'echo $X; exit 4'], timeout: 10 });
    expect([ok.exitCode, ok.stdout.toString()]).toEqual([4, '42\n']);
  });

  it('keeps images by name, requires them for CreateContainer, and refuses an unknown image without a command', async () => {
    const c = client!;
    const { podSandboxId } = await c.runPodSandbox({ config: podConfig('p7') });
    expect(isAlreadyExists(await c.runPodSandbox({ config: podConfig('p7') }).catch((e: unknown) => e))).toBe(true);
    const create = (image: string, command?: string[]) => c.createContainer({ podSandboxId, config: { metadata: { name: 'x' }, image: { image }, command } });
    expect(isNotFound(await create('nginx:1.25', ['true']).catch((e: unknown) => e))).toBe(true);
    await c.pullImage({ image: { image: 'nginx:1.25' } });
    expect((await c.listImages({})).images.flatMap((i) => i.repoTags)).toEqual(['docker.io/library/nginx:1.25']);
    expect(isInvalidArgument(await create('nginx:1.25').catch((e: unknown) => e))).toBe(true);
    expect((await create('nginx:1.25', ['true'])).containerId).toMatch(/^[0-9a-f]{64}$/);
    await stop();
    const again = await start();
    expect((await again.imageStatus({ image: { image: 'docker.io/library/nginx:1.25' } })).image?.id).toMatch(/^sha256:/);
  });

  it('releases a pod IP and removes the pod directory on RemovePodSandbox', async () => {
    const c = client!;
    const { podSandboxId } = await runContainer(c, 'p8', { metadata: { name: 'app' }, command: ['sleep', '1000'] });
    const info = (await c.podSandboxStatus({ podSandboxId, verbose: true })).info;
    expect(fs.existsSync(info.podDir)).toBe(true);
    await c.stopPodSandbox({ podSandboxId });
    expect((await c.listContainers({ filter: { podSandboxId } })).containers.map((x) => x.state)).toEqual(['CONTAINER_EXITED']);
    await c.removePodSandbox({ podSandboxId });
    await c.removePodSandbox({ podSandboxId });
    expect(fs.existsSync(info.podDir)).toBe(false);
    expect((await c.listContainers({})).containers).toEqual([]);
  });
});
