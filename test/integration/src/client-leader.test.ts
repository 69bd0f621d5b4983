/**
 * Two processes contend for one Lease through the real apiserver on etcd: exactly one leads at a time,
 * and the other takes over within the lease duration after the leader is killed with SIGKILL.
 * The candidates run the compiled library (`pnpm build` first), as components do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Lease } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { startTestApiServer, waitFor, type TestApiServer } from '@tinykube/testing';

const FIXTURE = join(__dirname, 'client-leader-fixture.js');
const COMPILED = join(__dirname, '..', '..', '..', 'packages', 'client', 'lib', 'index.js');
const LEASE_DURATION_MS = 3000;
const RETRY_PERIOD_MS = 250;

interface Candidate {
  identity: string;
  child: ChildProcess;
  events: Array<{ event: string; identity: string; leader?: string }>;
  leading: boolean;
}

describe('leader election between two processes', () => {
  let api: TestApiServer;
  let client: KubeClient;
  const candidates: Candidate[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(COMPILED)) throw new Error(`${COMPILED} is missing: run \`pnpm build\` before this test`);
    api = await startTestApiServer({ backend: 'etcd' });
    client = new KubeClient(api.url);
  });

  afterAll(async () => {
    for (const c of candidates) {
      if (c.child.exitCode === null && c.child.signalCode === null) {
        const exited = new Promise((resolve) => c.child.once('exit', resolve));
        c.child.kill('SIGKILL');
        await exited;
      }
    }
    client?.close();
    await api?.stop();
  });

  const spawnCandidate = (identity: string): Candidate => {
    const child = spawn(process.execPath, [FIXTURE, api.url, 'kube-system', 'contested', identity], {
      cwd: __dirname,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const c: Candidate = { identity, child, events: [], leading: false };
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ev = JSON.parse(line) as Candidate['events'][number];
      c.events.push(ev);
      if (ev.event === 'started') {
        const others = candidates.filter((o) => o !== c && o.leading && o.child.exitCode === null && o.child.signalCode === null);
        if (others.length > 0) violations.push(`${identity} started leading while ${others.map((o) => o.identity).join(',')} led`);
        c.leading = true;
      }
      if (ev.event === 'work-stopped' || ev.event === 'stopped') c.leading = false;
    });
    candidates.push(c);
    return c;
  };

  const lease = () => client.resource<Lease>('leases', 'kube-system').get('contested');

  it('lets exactly one lead, and hands over within the lease duration when the leader is killed', async () => {
    const a = spawnCandidate('candidate-a');
    const b = spawnCandidate('candidate-b');
    const first = await waitFor(() => candidates.find((c) => c.leading), { timeoutMs: 15_000, description: 'a leader' });
    const other = first === a ? b : a;
    const held = await waitFor(async () => ((await lease()).spec?.holderIdentity === first.identity ? lease() : undefined), {
      description: 'the Lease to name the leader',
    });
    expect(held.spec).toMatchObject({ leaseDurationSeconds: LEASE_DURATION_MS / 1000 });
    // The follower keeps seeing the same leader while the leader renews.
    await waitFor(async () => Date.parse((await lease()).spec!.renewTime!) > Date.parse(held.spec!.renewTime!), { description: 'a renewal' });
    await waitFor(() => other.events.some((e) => e.event === 'leader' && e.leader === first.identity), {
      description: 'the follower to see who leads',
    });
    expect(other.leading).toBe(false);

    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    first.leading = false;

    // Lease duration, plus one jittered retry period for the follower to notice, plus request latency.
    await waitFor(() => other.leading, { timeoutMs: LEASE_DURATION_MS + 2.2 * RETRY_PERIOD_MS + 2000, description: 'the follower to take over' });
    const taken = await lease();
    expect(taken.spec).toMatchObject({ holderIdentity: other.identity, leaseTransitions: (held.spec?.leaseTransitions ?? 0) + 1 });
    expect(violations).toEqual([]);
  });
});
