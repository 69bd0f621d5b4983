/**
 * The `tinykube-scheduler` binary as a process (the compiled lib/, so `pnpm build` first): a bad
 * --config is one line and a non-zero exit; a good run takes the Lease, binds a pod, serves /healthz
 * and /metrics, and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lease, Node } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { makeTempDir, waitFor, type TestApiServer } from '@tinykube/testing';
import { boundNode, cleanUp, schedulerNode, schedulerPod, startSchedulerTestApi } from './scheduler-fixtures';

const PKG = join(__dirname, '..', '..', '..', 'packages', 'scheduler');
const BIN = join(PKG, 'bin', 'tinykube-scheduler.js');

interface Run {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

describe('tinykube-scheduler binary', () => {
  let api: TestApiServer;
  let client: KubeClient;
  let tmp: { path: string; cleanup(): Promise<void> };
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(join(PKG, 'lib', 'main.js'))) throw new Error('packages/scheduler/lib is missing: run `pnpm build` before this test');
    api = await startSchedulerTestApi();
    client = new KubeClient(api.url);
    tmp = await makeTempDir('sched-bin-');
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await cleanUp(client, 'default', ['bin-node']).catch(() => undefined);
    client?.close();
    await api?.stop();
    await tmp?.cleanup();
  });

  it.each([
    { name: 'bad config value', file: 'percentageOfNodesToScore: 300\n', want: /^tinykube-scheduler: invalid config file .*: percentageOfNodesToScore: not in valid range \[0-100\], got 300\n$/ },
    { name: 'unknown plugin', file: 'profiles:\n  - plugins:\n      score:\n        enabled: [{ name: Magic }]\n', want: /^tinykube-scheduler: invalid config file .*unknown plugin "Magic".*\n$/ },
  ])('exits non-zero with one line on a $name', async ({ file, want }) => {
    const path = join(tmp.path, 'config.yaml');
    writeFileSync(path, file);
    const r = run(['--server', api.url, '--config', path, '--port', '0']);
    children.push(r.child);
    expect(await r.exited).toBe(1);
    expect(r.stderr()).toMatch(want);
  });

  it('leads, binds, serves health and metrics, and stops on SIGTERM', async () => {
    const r = run(['--server', api.url, '--port', '0', '--leader-elect', '--leader-elect-lease-duration', '3s', '--leader-elect-renew-deadline', '2s', '--leader-elect-retry-period', '250ms']);
    children.push(r.child);
    const url = await waitFor(() => /health and metrics at (http:\/\/\S+)/.exec(r.stderr())?.[1], { timeoutMs: 20_000, description: 'the scheduler to report its URL' });
    expect(await (await fetch(`${url}/healthz`)).text()).toBe('ok');
    await client.resource<Node>('nodes').create(schedulerNode('bin-node'));
    await client.resource('pods', 'default').create(schedulerPod('bin-pod'));
    expect(await boundNode(client, 'default', 'bin-pod')).toBe('bin-node');
    const lease = await client.resource<Lease>('leases.coordination.k8s.io', 'kube-system').get('tinykube-scheduler');
    expect(lease.spec?.holderIdentity).toMatch(/_/); // hostname_uuid, as Kubernetes components name themselves
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('scheduler_schedule_attempts_total{result="scheduled",profile="default-scheduler"} 1');
    expect(metrics).toContain('# TYPE scheduler_pending_pods gauge');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });
});
