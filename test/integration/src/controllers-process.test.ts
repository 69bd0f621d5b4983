/**
 * The tinykube-controller-manager bin as a process (the compiled lib/, so `pnpm build` first): it
 * takes the leader Lease by default, serves /healthz and /metrics, refuses a bad flag with one line and
 * a non-zero exit, and stops cleanly on SIGTERM.
 */
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Lease } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { freePort, startTestApiServer, waitFor, type TestApiServer } from '@tinykube/testing';

const BIN = join(__dirname, '..', '..', '..', 'packages', 'controller-manager', 'bin', 'tinykube-controller-manager.js');

describe('tinykube-controller-manager process', () => {
  let api: TestApiServer;
  let client: KubeClient;

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    client = new KubeClient(api.url);
  });

  afterAll(async () => {
    client?.close();
    await api?.stop();
  });

  it('refuses an unknown controller with one line and exit code 1', async () => {
    const res = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, '--server', api.url, '--controllers', '*,-cronjob'], { timeout: 30_000 }, (err, _out, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual(['error: "cronjob" is not in the list of known controllers (replicaset, deployment, endpoint, nodelifecycle, garbagecollector, namespace)']);
  });

  it('leads, serves /healthz and /metrics, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, '--server', api.url, '--port', String(port), '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const lease = await waitFor(
        async () => {
          const l = await client.resource<Lease>('leases.coordination.k8s.io', 'kube-system').get('tinykube-controller-manager');
          return l.spec?.holderIdentity ? l : undefined;
        },
        { timeoutMs: 30_000, description: 'the leader Lease' },
      );
      expect(lease.spec?.leaseDurationSeconds).toBe(15);
      const health = await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).text(), { timeoutMs: 20_000, description: '/healthz' });
      expect(health).toBe('ok');
      expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain('process_cpu_seconds_total');
    } catch (err) {
      throw new Error(`${String(err)}\nprocess output:\n${output}`);
    } finally {
      child.kill('SIGTERM');
      // A process that does not stop within a generous grace is a failure, and must not outlive the test.
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited.finally(() => clearTimeout(timer));
    }
    const code = await exited;
    if (code !== 0) throw new Error(`exit code ${code}; process output:\n${output}`);
  });
});
