/** The `tinykube-apiserver` binary as a real process on a real etcd: serves, persists across restarts, refuses bad flags. */
import { apiRequest, freePort, startEtcd, waitFor, type EtcdHandle } from '@tinykube/testing';
import type { KubeObject } from '@tinykube/api';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', '..', 'packages', 'apiserver', 'bin', 'tinykube-apiserver.js');

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startProcess(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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

describe('tinykube-apiserver process', () => {
  let etcd: EtcdHandle;
  const procs: Proc[] = [];
  beforeAll(async () => {
    etcd = await startEtcd();
  });
  afterAll(async () => {
    for (const p of procs) await stopProcess(p);
    await etcd?.stop();
  });

  const start = async () => {
    const port = await freePort();
    const p = startProcess(['--port', String(port), '--etcd-servers', etcd.endpoint, '--log-level', 'warn']);
    procs.push(p);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await apiRequest(url, '/readyz')).status === 200, { description: `apiserver ready; output: ${p.output()}`, timeoutMs: 20_000 });
    return { p, url };
  };

  it('persists objects in etcd across a restart and exits cleanly on SIGTERM', async () => {
    const first = await start();
    expect(first.p.output()).toContain(`tinykube apiserver is up at ${first.url} (storage: etcd)`);
    const created = await apiRequest<KubeObject>(first.url, '/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'survivor' }, data: { a: '1' } },
    });
    expect(created.status).toBe(201);
    first.p.child.kill('SIGTERM');
    expect(await first.p.exited).toBe(0);

    const second = await start();
    const got = await apiRequest<KubeObject>(second.url, '/api/v1/namespaces/default/configmaps/survivor');
    expect(got.status).toBe(200);
    expect(got.body.metadata.uid).toBe(created.body.metadata.uid);
    expect(got.body.data).toEqual({ a: '1' });
  });

  it.each([
    [['--port', 'abc'], "option '--port <port>' argument 'abc' is invalid"],
    [['--max-requests-inflight', '0'], 'must be a positive integer'],
    [['--etcd-compaction-interval', 'often'], 'must be a duration'],
    [['--service-cluster-ip-range', 'nonsense', '--port', '0'], 'invalid --service-cluster-ip-range'],
  ])('exits non-zero with a one-line message for %j', async (args, message) => {
    const p = startProcess(args);
    procs.push(p);
    expect(await p.exited).not.toBe(0);
    const lines = p.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });
});
