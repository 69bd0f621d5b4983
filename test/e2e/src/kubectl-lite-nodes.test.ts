/**
 * kubectl-lite's node-facing commands on etcd: logs through pods/log (proxied by the apiserver to a
 * stand-in node agent HTTP server), cordon/uncordon, drain (the test confirms pod deletions as a node
 * agent would), and `get -w` printing rows as objects change.
 */
import { makeTempDir, startTestApiServer, waitFor, type TempDir, type TestApiServer } from '@tinykube/testing';
import type { Node, Pod } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeKubeconfig } from './kubectl';
import { KubectlLite } from './kubectl-lite-harness';

const ns = 'nodes';

describe('kubectl-lite and nodes', () => {
  let api: TestApiServer;
  let tmp: TempDir;
  let k: KubectlLite;
  let client: KubeClient;
  let agent: Server;
  const seen: string[] = [];
  const following: ServerResponse[] = [];
  const pods = () => client.resource<Pod>('pods', ns);

  const pod = (name: string, nodeName: string, opts: { containers?: string[]; labels?: Record<string, string>; owner?: string; ownerKind?: string } = {}): Pod => ({
    metadata: {
      name,
      labels: opts.labels,
      ...(opts.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: opts.ownerKind ?? 'ReplicaSet', name: opts.owner, uid: `${opts.owner}-uid`, controller: true }] } : {}),
    },
    spec: { nodeName, containers: (opts.containers ?? ['app']).map((c) => ({ name: c, image: 'busybox:1.36' })) },
  });

  const setStatus = async (name: string, status: Pod['status']) => {
    const p = await pods().get(name);
    await pods().updateStatus({ ...p, status });
  };

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    tmp = await makeTempDir('kubectl-lite-nodes-');
    k = new KubectlLite(await writeKubeconfig(tmp.path, api.url, ns), tmp.path);
    client = new KubeClient(api.url);
    // A stand-in node agent: answers containerLogs with the container's name; with follow, the
    // response stays open until the test ends it.
    agent = createServer((req, res) => {
      seen.push(req.url ?? '');
      const m = /^\/containerLogs\/[^/]+\/([^/]+)\/([^/?]+)/.exec(req.url ?? '');
      if (!m) {
        res.writeHead(404).end('not found on this node');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write(`${m[1]}/${m[2]} line 1\n`);
      if (req.url?.includes('follow=true')) following.push(res);
      else res.end();
    });
    await new Promise<void>((r) => agent.listen(0, '127.0.0.1', r));
    const port = (agent.address() as AddressInfo).port;
    await k.run('create', 'namespace', ns);
    for (const name of ['n1', 'n2']) {
      await client.resource<Node>('nodes').create({ metadata: { name }, status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: port } } } });
    }
  });
  afterAll(async () => {
    for (const res of following) res.end();
    await new Promise((r) => agent?.close(r));
    client?.close();
    await api?.stop();
    await tmp?.cleanup();
  });

  describe('logs', () => {
    beforeAll(async () => {
      await pods().create(pod('one', 'n1'));
      await pods().create(pod('two', 'n1', { containers: ['app', 'sidecar'] }));
      await pods().create(pod('web-old', 'n1', { labels: { app: 'web' } }));
      await pods().create(pod('web-ready', 'n1', { labels: { app: 'web' } }));
      await setStatus('web-ready', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
      await setStatus('web-old', { phase: 'Pending' });
      await client.resource('deployments', ns).create({
        metadata: { name: 'web' },
        spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] } } },
      });
    });

    it('prints a container log and passes --tail, --timestamps, --previous and -c on', async () => {
      expect(await k.run('logs', 'one')).toEqual({ code: 0, stdout: 'one/app line 1\n', stderr: '' });
      expect((await k.run('logs', 'two', '-c', 'sidecar', '--tail=5', '--timestamps', '--previous')).stdout).toBe('two/sidecar line 1\n');
      const url = seen.at(-1) ?? '';
      expect(url).toMatch(/^\/containerLogs\/nodes\/two\/sidecar\?/);
      expect(new URLSearchParams(url.split('?')[1])).toEqual(new URLSearchParams('previous=true&timestamps=true&tailLines=5'));
    });

    it('defaults to the first container of a pod with several, as kubectl says', async () => {
      expect(await k.run('logs', 'two')).toEqual({ code: 0, stdout: 'two/app line 1\n', stderr: 'Defaulted container "app" out of: app, sidecar\n' });
    });

    it('picks a running, ready pod of a deployment', async () => {
      expect(await k.run('logs', 'deploy/web')).toEqual({ code: 0, stdout: 'web-ready/app line 1\n', stderr: 'Found 2 pods, using pod/web-ready\n' });
    });

    it('follows with -f until the stream ends, or until interrupted', async () => {
      const follow = k.start(['logs', '-f', 'pod/one']);
      await waitFor(() => following.length === 1, { description: 'the follow request at the node agent' });
      await k.waitForOutput(follow, /line 1\n$/, 'the first line');
      following[0].write('one/app line 2\n');
      await k.waitForOutput(follow, /line 2\n$/, 'the streamed line');
      following[0].end();
      expect(await follow.done).toEqual({ code: 0, stdout: 'one/app line 1\none/app line 2\n', stderr: '' });

      const interrupted = k.start(['logs', '-f', 'one']);
      await k.waitForOutput(interrupted, /line 1\n$/, 'the first line');
      expect((await interrupted.stop()).code).toBe(0);
    });

    it('reports a missing pod and a node agent error on one line', async () => {
      expect((await k.run('logs', 'missing')).stderr).toBe('Error from server (NotFound): pods "missing" not found\n');
      const bad = await k.run('logs', 'two', '-c', 'nope');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toBe('Error from server (BadRequest): container nope is not valid for pod two\n');
    });
  });

  it('cordons and uncordons, saying when nothing changed', async () => {
    expect((await k.run('cordon', 'n1')).stdout).toBe('node/n1 cordoned\n');
    expect((await client.resource<Node>('nodes').get('n1')).spec?.unschedulable).toBe(true);
    expect((await k.run('cordon', 'n1')).stdout).toBe('node/n1 already cordoned\n');
    expect((await k.run('uncordon', 'n1')).stdout).toBe('node/n1 uncordoned\n');
    expect((await client.resource<Node>('nodes').get('n1')).spec?.unschedulable).toBeUndefined();
    expect((await k.run('uncordon', 'n1')).stdout).toBe('node/n1 already uncordoned\n');
    expect((await k.run('cordon', 'nope')).stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });

  it('drains a node: refuses unsafe pods, then deletes the rest and waits for them to go', async () => {
    await pods().create(pod('rs-pod', 'n2', { owner: 'web-rs' }));
    await pods().create(pod('bare-pod', 'n2'));
    await pods().create(pod('ds-pod', 'n2', { owner: 'agent', ownerKind: 'DaemonSet' }));
    await pods().create(pod('done-pod', 'n2', { owner: 'job' }));
    await setStatus('done-pod', { phase: 'Succeeded' });

    const refused = await k.run('drain', 'n2');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('node/n2 cordoned\n');
    expect(refused.stderr).toBe(
      'error: unable to drain node "n2" due to error: cannot delete Pods that declare no controller (use --force to override): nodes/bare-pod; cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): nodes/ds-pod\n',
    );

    const drain = k.start(['drain', 'n2', '--ignore-daemonsets', '--force', '--grace-period=30']);
    // Play the node agent: confirm each graceful deletion once it is asked for. (A pod that has
    // finished is deleted at once by the apiserver.)
    const graces: number[] = [];
    await waitFor(
      async () => {
        const left = (await pods().list({ fieldSelector: 'spec.nodeName=n2' })).items;
        for (const p of left.filter((x) => x.metadata.deletionTimestamp)) {
          graces.push(p.metadata.deletionGracePeriodSeconds ?? -1);
          await pods().delete(p.metadata.name ?? '', { gracePeriodSeconds: 0 });
        }
        return left.length === 1;
      },
      { timeoutMs: 30_000, description: 'only the DaemonSet pod left on n2' },
    );
    expect(graces).toEqual([30, 30]);
    const res = await drain.done;
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('Warning: deleting Pods that declare no controller: nodes/bare-pod\nWarning: ignoring DaemonSet-managed Pods: nodes/ds-pod\n');
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('node/n2 already cordoned');
    expect(lines.slice(1, 4).sort()).toEqual(['pod/bare-pod deleted', 'pod/done-pod deleted', 'pod/rs-pod deleted']);
    expect(lines[4]).toBe('node/n2 drained');
    expect((await pods().list({ fieldSelector: 'spec.nodeName=n2' })).items.map((p) => p.metadata.name)).toEqual(['ds-pod']);
  });

  it('get -w lists, then prints a row per change aligned with the header', async () => {
    const watch = k.start(['get', 'pods', '-w', '-l', 'watch=me']);
    await pods().create(pod('watched', 'n1', { labels: { watch: 'me' } }));
    await k.waitForOutput(watch, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nwatched\s+0\/1\s+Pending\s+0\s+\d+s\n$/, 'the ADDED row with a header');
    await setStatus('watched', { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'busybox:1.36', imageID: '', state: { running: {} } }] });
    await k.waitForOutput(watch, /\nwatched\s+1\/1\s+Running\s+0\s+\d+s\n$/, 'the MODIFIED row');
    const out = await watch.stop();
    expect(out.code).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    // Rows printed later line up under the header.
    const column = lines[0].indexOf('READY');
    for (const line of lines.slice(1)) expect(line.slice(column)).toMatch(/^[01]\/1 /);
  });
});
