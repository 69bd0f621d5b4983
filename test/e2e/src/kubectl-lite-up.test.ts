/**
 * `kubectl-lite up --apply examples/web.yaml`, the README's main command, as a real process: the
 * whole chain runs (controllers, scheduler, node agents on the process runtime), the trace shows each
 * step, the pods answer HTTP on the IPs in the Service's endpoints, the real kubectl works with the
 * kubeconfig it wrote, and Ctrl-C leaves nothing running.
 */
import { makeTempDir, waitFor, type TempDir } from '@tinykube/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { kubectl } from './kubectl';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'packages', 'kubectl-lite', 'bin', 'kubectl-lite.js');

/** Processes whose command line mentions `needle` (our work dir), read from /proc. */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Every descendant of `root` (children, their children, ...), from the parent pids in /proc/<pid>/stat. */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parentOf) {
      if (parent !== pid) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('kubectl-lite up', () => {
  let tmp: TempDir;
  let up: ChildProcess | undefined;
  let output = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    tmp = await makeTempDir('tinykube-up-test-');
  });
  afterAll(async () => {
    if (up && up.exitCode === null) {
      up.kill('SIGINT');
      await exited;
    }
    for (const pid of processesMentioning(tmp.path)) process.kill(pid, 'SIGKILL');
    await tmp.cleanup();
  });

  it('runs the example end to end, and Ctrl-C stops everything', async () => {
    const workDir = join(tmp.path, 'work');
    const kubeconfig = join(tmp.path, 'kube', 'config');
    up = spawn(process.execPath, [BIN, 'up', '--port', '0', '--work-dir', workDir, '--apply', join(ROOT, 'examples', 'web.yaml')], {
      env: { ...process.env, KUBECONFIG: kubeconfig, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    up.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    up.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise((r) => up!.on('exit', (code) => r(code)));
    await waitFor(() => output.includes('The cluster runs until Ctrl-C.') || up!.exitCode !== null, { timeoutMs: 150_000, description: 'the cluster up and the example traced' });
    expect(output).toContain('The cluster runs until Ctrl-C.');

    // The trace names every step of the chain, in order of the components that acted.
    for (const step of ['created and stored', 'ScalingReplicaSet', 'SuccessfulCreate', 'Scheduled', 'Started', 'Ready on tinykube-node-', 'endpoints/web']) {
      expect(output).toContain(step);
    }
    expect(output.indexOf('ScalingReplicaSet')).toBeLessThan(output.indexOf('Scheduled:'));
    expect(output).toContain('3/3 pods Running and Ready; 3 in the endpoints of service/web.');
    expect(output).toMatch(/pod\/web-\S+ -> tinykube-node-\d/);

    // The kubeconfig points the real kubectl at the cluster.
    const doc = YAML.parse(readFileSync(kubeconfig, 'utf8')) as { 'current-context': string };
    expect(doc['current-context']).toBe('tinykube');
    const nodes = await kubectl('1.33', kubeconfig, ['get', 'nodes']);
    expect(nodes.stdout).toMatch(/^tinykube-node-1\s+Ready/m);
    expect(nodes.stdout).toMatch(/^tinykube-node-2\s+Ready/m);

    // Each endpoint answers: a real HTTP server per pod on its own loopback pod IP.
    const ep = await kubectl('1.33', kubeconfig, ['get', 'endpoints', 'web', '-o', 'json']);
    const subsets = (JSON.parse(ep.stdout) as { subsets: Array<{ addresses: Array<{ ip: string }>; ports: Array<{ port: number }> }> }).subsets;
    const targets = subsets.flatMap((s) => s.addresses.map((a) => `http://${a.ip}:${s.ports[0].port}/`));
    expect(targets).toHaveLength(3);
    for (const url of targets) {
      const body = await (await fetch(url)).text();
      expect(body).toMatch(/^hello from web-[a-z0-9]+-[a-z0-9]+\n$/);
    }
    // apiserver, scheduler, controller manager, 2 x (runtime, node agent), 3 pods
    const started = descendants(up.pid!);
    expect(started.length).toBeGreaterThanOrEqual(3 + 2 * 2 + 3);

    up.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped; nothing left running.');
    await waitFor(() => started.every((pid) => !alive(pid)), { timeoutMs: 10_000, description: 'no process of the cluster left' });
  });
});
