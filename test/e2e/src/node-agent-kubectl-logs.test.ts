/**
 * `tinykube-runtime` and `tinykube-node-agent` as real processes (the compiled lib/, so `pnpm build`
 * first) under an apiserver on etcd: the agent registers with its flags' labels and taints, runs a
 * pod, and the real kubectl reads the pod's logs through the apiserver's pods/log proxy, with -f.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Node, Pod } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { CriClient } from '@tinykube/runtime';
import { makeTempDir, startTestApiServer, waitFor, type TempDir, type TestApiServer } from '@tinykube/testing';
import { KUBECTL_VERSIONS, kubectl, kubectlInBackground, writeKubeconfig } from './kubectl';

const PACKAGES = join(__dirname, '..', '..', '..', 'packages');
const RUNTIME_BIN = join(PACKAGES, 'runtime', 'bin', 'tinykube-runtime.js');
const AGENT_BIN = join(PACKAGES, 'node-agent', 'bin', 'tinykube-node-agent.js');
const NODE = 'e2e-node';

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startProcess(bin: string, args: string[]): Proc {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
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

describe('node agent and runtime processes with kubectl logs', () => {
  let api: TestApiServer;
  let dir: TempDir;
  let client: KubeClient;
  let kubeconfig: string;
  let runtime: Proc | undefined;
  let agent: Proc | undefined;
  let endpoint: string;

  beforeAll(async () => {
    dir = await makeTempDir('tk-na-e2e-');
    api = await startTestApiServer({ backend: 'etcd' });
    client = new KubeClient(api.url);
    kubeconfig = await writeKubeconfig(dir.path, api.url);
    endpoint = `unix://${join(dir.path, 'cri.sock')}`;
    runtime = startProcess(RUNTIME_BIN, ['--listen', endpoint, '--root', join(dir.path, 'runtime'), '--pod-ip-range', '127.63.0.0/16']);
    agent = startProcess(AGENT_BIN, [
      '--server', api.url,
      '--node-name', NODE,
      '--container-runtime-endpoint', endpoint,
      '--root-dir', join(dir.path, 'agent'),
      '--port', '0',
      '--node-labels', 'tier=e2e,zone=a',
      '--register-with-taints', 'dedicated=e2e:NoSchedule',
      '--max-pods', '20',
    ]);
    await waitFor(async () => (await client.resource<Node>('nodes').get(NODE)).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'), {
      timeoutMs: 30_000,
      description: `node ${NODE} Ready (agent output: ${agent.output()})`,
    });
  });

  afterAll(async () => {
    await stopProcess(agent);
    // Containers outlive the runtime process by design: remove every sandbox first.
    const cri = new CriClient(endpoint, { timeoutMs: 10_000 });
    for (const s of (await cri.listPodSandbox({}).catch(() => ({ items: [] }))).items) await cri.removePodSandbox({ podSandboxId: s.id }).catch(() => undefined);
    cri.close();
    await stopProcess(runtime);
    client?.close();
    await api?.stop();
    await dir?.cleanup();
  });

  it('registers the Node with the labels, taints and pod capacity from its flags', async () => {
    const node = await client.resource<Node>('nodes').get(NODE);
    expect(node.metadata.labels).toMatchObject({ tier: 'e2e', zone: 'a', 'kubernetes.io/hostname': NODE });
    expect(node.spec?.taints).toEqual([{ key: 'dedicated', value: 'e2e', effect: 'NoSchedule' }]);
    expect(node.status?.capacity?.pods).toBe('20');
  });

  it.each(KUBECTL_VERSIONS)('kubectl %s logs shows a container\'s output, and -f follows it', async (version) => {
    const name = `talker-${version.replace('.', '-')}`;
    await client.resource<Pod>('pods', 'default').create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: {
        nodeName: NODE,
        terminationGracePeriodSeconds: 0,
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo hello from $(POD_NAME); i=0; while true; do echo line $i; i=$((i+1)); sleep 0.2; done'], env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }],
      },
    });
    const logs = await waitFor(
      async () => {
        const r = await kubectl(version, kubeconfig, ['logs', name]);
        return r.code === 0 && r.stdout.includes('line 1') && r.stdout;
      },
      { timeoutMs: 30_000, description: `kubectl logs ${name}` },
    );
    expect(logs.split('\n')[0]).toBe(`hello from ${name}`);
    const tail = await kubectl(version, kubeconfig, ['logs', name, '--tail=1', '--timestamps']);
    expect(tail.stdout).toMatch(/^\S+Z line \d+\n$/);

    const follow = kubectlInBackground(version, kubeconfig, ['logs', '-f', name, '--tail=1']);
    try {
      const before = Number(/line (\d+)/.exec(tail.stdout)?.[1]);
      await waitFor(() => {
        const lines = follow.output().match(/line (\d+)/g) ?? [];
        return lines.length >= 3 && Number(lines.at(-1)!.slice(5)) > before + 1;
      }, { timeoutMs: 20_000, description: `kubectl logs -f to show new lines (got: ${follow.output()})` });
    } finally {
      await follow.stop();
    }
    const missing = await kubectl(version, kubeconfig, ['logs', name, '-c', 'nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('container nope is not valid for pod');
  });
});
