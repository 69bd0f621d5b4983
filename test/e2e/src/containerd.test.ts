/**
 * The node agent on a real containerd (Debian's 1.6, CRI plugin, runc, CNI bridge): a PRIVATE
 * containerd with its own config, root, state, socket and CNI network (bridge and /24 of this run's
 * own), so the machine's containerd (docker's, or a system one) is never touched. The busybox and
 * pause images come from scripts/containerd-test-images.sh. `tinykube-node-agent` runs as a process
 * (the compiled lib/, so `pnpm build` first) under an apiserver on etcd; a pod runs, gets an IP from
 * the test's subnet, `kubectl logs` (the real 1.33) shows its output, and deleting it removes it from
 * containerd. Needs root and `scripts/install-system-deps.sh`; where containerd cannot run, the
 * test fails and says why (it never skips). Cleanup, even on failure: test/e2e/fixtures/containerd/teardown.sh.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, openSync, closeSync } from 'node:fs';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Node, Pod } from '@tinykube/api';
import { KubeClient, isNotFound } from '@tinykube/client';
import { CriClient } from '@tinykube/runtime';
import { makeTempDir, startTestApiServer, waitFor, type TempDir, type TestApiServer } from '@tinykube/testing';
import { kubectl, writeKubeconfig } from './kubectl';

const REPO = join(__dirname, '..', '..', '..');
const FIXTURES = join(__dirname, '..', 'fixtures', 'containerd');
const AGENT_BIN = join(REPO, 'packages', 'node-agent', 'bin', 'tinykube-node-agent.js');
const IMAGES_SCRIPT = join(REPO, 'scripts', 'containerd-test-images.sh');
const NODE = 'containerd-node';
const KUBECTL = '1.33';
const LINE = 'hello from containerd';

/** What this run needs from the machine, and where it comes from. */
const REQUIREMENTS: Array<[path: string, from: string]> = [
  ['/usr/bin/containerd', 'Debian package containerd'],
  ['/usr/bin/ctr', 'Debian package containerd'],
  ['/usr/sbin/runc', 'Debian package runc'],
  ['/usr/lib/cni/bridge', 'Debian package containernetworking-plugins'],
  ['/usr/lib/cni/host-local', 'Debian package containernetworking-plugins'],
  ['/usr/lib/cni/loopback', 'Debian package containernetworking-plugins'],
  ['/bin/busybox', 'Debian package busybox-static'],
  ['/bin/ip', 'Debian package iproute2'],
  [join(REPO, 'packages', 'node-agent', 'lib', 'main.js'), '`pnpm build`'],
];

class ContainerdTestSetupError extends Error {
  override name = 'ContainerdTestSetupError';
}

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startProcess(command: string, args: string[], logFile?: string): Proc {
  // containerd logs to a file: its output must not depend on this process reading a pipe.
  const fd = logFile ? openSync(logFile, 'a') : undefined;
  const child = spawn(command, args, { stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  if (fd !== undefined) closeSync(fd);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function stopProcess(p: Proc | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
  await p.exited;
  clearTimeout(timer);
}

function run(command: string, args: string[], timeoutMs = 60_000): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
}

async function checkMachine(): Promise<void> {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) problems.push('must run as root (containerd, runc and CNI need it)');
  for (const [path, from] of REQUIREMENTS) {
    await access(path, path.endsWith('.js') ? constants.R_OK : constants.X_OK).catch(() => problems.push(`${path} missing (${from})`));
  }
  if (problems.length > 0) {
    throw new ContainerdTestSetupError(`containerd e2e test cannot run here: ${problems.join('; ')} (system packages: run scripts/install-system-deps.sh as root)`);
  }
}

/** A 10.244.X.0/24 that no route or address of this machine mentions yet. */
async function freeSubnet(): Promise<string> {
  const { output } = await run('ip', ['-4', '-o', 'route', 'show', 'table', 'all']);
  const taken = (x: number) => output.includes(`10.244.${x}.`) || output.includes('10.244.0.0/16');
  for (let i = 0; i < 50; i++) {
    const x = 1 + (randomBytes(1)[0]! % 254);
    if (!taken(x)) return `10.244.${x}.0/24`;
  }
  throw new ContainerdTestSetupError(`no free 10.244.X.0/24 subnet among this machine's routes:\n${output}`);
}

/** A failed wait, with what the machine says about it (read only when it failed). */
async function explained<T>(wait: Promise<T>, context: () => Promise<string>): Promise<T> {
  try {
    return await wait;
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await context()}`);
  }
}

async function render(template: string, target: string, values: Record<string, string>): Promise<void> {
  let text = await readFile(join(FIXTURES, template), 'utf8');
  for (const [key, value] of Object.entries(values)) text = text.split(`@@${key}@@`).join(value);
  await writeFile(target, text);
}

describe('node agent on a private containerd', () => {
  const suffix = randomBytes(3).toString('hex');
  const bridge = `tkcni${suffix}`; // IFNAMSIZ: at most 15 characters
  const network = `tkcni${suffix}`;
  let subnet = '';
  let dir: TempDir | undefined;
  let containerd: Proc | undefined;
  let agent: Proc | undefined;
  let api: TestApiServer | undefined;
  let client: KubeClient | undefined;
  let cri: CriClient | undefined;
  let kubeconfig = '';
  let endpoint = '';

  /** The end of containerd's log for a failure message: its errors if it logged any, else its last lines. */
  const containerdLog = async (): Promise<string> => {
    const lines = (dir ? await readFile(join(dir.path, 'containerd.log'), 'utf8').catch(() => '') : '').trim().split('\n');
    const errors = lines.filter((l) => l.includes('level=error') || l.includes('level=fatal'));
    return (errors.length > 0 ? errors.slice(-8) : lines.slice(-30)).join('\n');
  };

  beforeAll(async () => {
    await checkMachine();
    subnet = await freeSubnet();
    // Short path: unix socket paths are limited to 108 bytes, and the shims' sockets derive from it.
    dir = await makeTempDir('tkcd-');
    await mkdir(join(dir.path, 'cni'));
    await mkdir(join(dir.path, 'ipam'));
    const values = { DIR: dir.path, NETWORK: network, BRIDGE: bridge, SUBNET: subnet };
    await render('config.toml', join(dir.path, 'config.toml'), values);
    await render('bridge.conflist', join(dir.path, 'cni', `10-${network}.conflist`), values);

    containerd = startProcess('/usr/bin/containerd', ['--config', join(dir.path, 'config.toml')], join(dir.path, 'containerd.log'));
    endpoint = `unix://${join(dir.path, 'containerd.sock')}`;
    cri = new CriClient(endpoint, { timeoutMs: 30_000 });
    const proc = containerd;
    const started = await explained(
      waitFor(
        async () => {
          if (proc.child.exitCode !== null || proc.child.signalCode !== null) return 'exited' as const;
          const { status } = await cri!.status({});
          return status?.conditions.find((c) => c.type === 'RuntimeReady')?.status === true ? ('ready' as const) : undefined;
        },
        { timeoutMs: 30_000, description: 'the private containerd to answer CRI Status with RuntimeReady' },
      ),
      async () => `containerd log:\n${await containerdLog()}`,
    );
    if (started === 'exited') throw new ContainerdTestSetupError(`containerd exited at start (code ${proc.child.exitCode}):\n${await containerdLog()}`);

    const images = await run(IMAGES_SCRIPT, ['--address', join(dir.path, 'containerd.sock'), '--out', join(dir.path, 'images')], 120_000);
    if (images.code !== 0) throw new ContainerdTestSetupError(`scripts/containerd-test-images.sh failed (${images.code}):\n${images.output}`);

    api = await startTestApiServer({ backend: 'etcd' });
    client = new KubeClient(api.url);
    kubeconfig = await writeKubeconfig(dir.path, api.url);
    agent = startProcess(process.execPath, [
      AGENT_BIN,
      '--server', api.url,
      '--node-name', NODE,
      '--container-runtime-endpoint', endpoint,
      '--root-dir', join(dir.path, 'agent'),
      '--port', '0',
    ]);
    const nodes = client.resource<Node>('nodes');
    await explained(
      waitFor(async () => (await nodes.get(NODE)).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'), {
        timeoutMs: 30_000,
        description: `node ${NODE} Ready on containerd`,
      }),
      async () => `node agent output:\n${agent?.output()}\ncontainerd log:\n${await containerdLog()}`,
    );
  }, 180_000);

  afterAll(async () => {
    await stopProcess(agent);
    // The proper teardown first, while containerd runs: CNI DEL, unmounts, shims exit.
    if (cri) {
      const sandboxes = (await cri.listPodSandbox({}).catch(() => ({ items: [] }))).items;
      for (const s of sandboxes) {
        await cri.stopPodSandbox({ podSandboxId: s.id }).catch(() => undefined);
        await cri.removePodSandbox({ podSandboxId: s.id }).catch(() => undefined);
      }
      cri.close();
    }
    client?.close();
    await api?.stop();
    if (dir) {
      const pid = containerd?.child.pid;
      const teardown = await run(join(FIXTURES, 'teardown.sh'), [dir.path, bridge, network, pid ? String(pid) : ''], 60_000);
      if (teardown.code !== 0 || teardown.output) console.warn(`containerd teardown: ${teardown.output}`);
      if (containerd) await stopProcess(containerd);
      await dir.cleanup();
    }
  }, 120_000);

  it('runs a pod with an IP from its CNI subnet, shows its logs through kubectl, and removes it on delete', async () => {
    const pods = client!.resource<Pod>('pods', 'default');
    const name = 'greeter';
    await pods.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: {
        nodeName: NODE,
        terminationGracePeriodSeconds: 10,
        // sh is PID 1 in the container, which ignores SIGTERM unless it traps it.
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', `trap 'exit 0' TERM; echo ${LINE}; sleep 3600 & wait`] }],
      },
    });

    const running = await explained(
      waitFor(
        async () => {
          const pod = await pods.get(name);
          return pod.status?.phase === 'Running' && pod.status.podIP ? pod : undefined;
        },
        { timeoutMs: 60_000, description: `pod ${name} Running with a pod IP` },
      ),
      async () => `pod status: ${JSON.stringify((await pods.get(name).catch(() => undefined))?.status)}\nnode agent output:\n${agent?.output()}\ncontainerd log:\n${await containerdLog()}`,
    );
    const prefix = subnet.replace(/0\/24$/, '');
    expect(running.status?.podIP?.startsWith(prefix)).toBe(true);
    expect(running.status?.podIP).not.toBe(`${prefix}1`); // .1 is the bridge, the pods' gateway
    expect(running.status?.containerStatuses?.[0]).toMatchObject({ name: 'app', ready: true, restartCount: 0 });
    expect(running.status?.containerStatuses?.[0]?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    const gateway = await run('ip', ['-4', '-o', 'addr', 'show', 'dev', bridge]);
    expect(gateway.output).toContain(`${prefix}1/24`);

    const logs = await waitFor(
      async () => {
        const r = await kubectl(KUBECTL, kubeconfig, ['logs', name]);
        return r.code === 0 && r.stdout.includes(LINE) ? r.stdout : undefined;
      },
      { timeoutMs: 30_000, description: `kubectl logs ${name} to show "${LINE}"` },
    );
    expect(logs).toBe(`${LINE}\n`);

    const del = await kubectl(KUBECTL, kubeconfig, ['delete', 'pod', name, '--wait=false']);
    expect(del.code).toBe(0);
    await explained(
      waitFor(() => pods.get(name).then(() => undefined, (err: unknown) => isNotFound(err) || undefined), { timeoutMs: 30_000, description: `pod ${name} to be gone` }),
      async () => `node agent output:\n${agent?.output()}\ncontainerd log:\n${await containerdLog()}`,
    );
    // The agent deletes the pod from the apiserver only after removing it from the runtime.
    expect((await cri!.listPodSandbox({})).items).toEqual([]);
    expect((await cri!.listContainers({})).containers).toEqual([]);
  }, 180_000);
});
