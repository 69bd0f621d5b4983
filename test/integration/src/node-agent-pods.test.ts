/**
 * The node agent on the real apiserver (etcd) and the real tinykube-runtime: a pod with an init
 * container, two containers, a readiness probe and a ConfigMap volume goes Running and Ready; its
 * logs are served (tail, timestamps, follow); a crashing container backs off with growing delays.
 */
import { request } from 'node:http';
import type { Event, Node, Pod } from '@tinykube/api';
import type { Lease } from '@tinykube/api';
import { waitFor } from '@tinykube/testing';
import { NODE, shell, startAgentCluster, waitForPod, type AgentCluster } from './node-agent-harness';

const NODE_BIN = process.execPath;

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('node agent with tinykube-runtime', () => {
  let c: AgentCluster;
  beforeAll(async () => {
    c = await startAgentCluster('127.61.0.0/16', { crashBackoff: { baseMs: 400 } });
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('registers its Node (Ready, addresses, kubelet port) and renews its Lease', async () => {
    const node = await c.client.resource<Node>('nodes').get(NODE);
    expect(node.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': NODE, 'kubernetes.io/os': 'linux' });
    expect(node.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(node.status?.addresses).toContainEqual({ type: 'InternalIP', address: '127.0.0.1' });
    expect(node.status?.daemonEndpoints?.kubeletEndpoint?.Port).toBe(c.agent!.port);
    expect(node.status?.capacity?.pods).toBe('110');
    expect(node.status?.nodeInfo?.containerRuntimeVersion).toMatch(/^\w+:\/\//);
    const lease = await c.client.resource<Lease>('leases.coordination.k8s.io', 'kube-node-lease').get(NODE);
    expect(lease.spec?.holderIdentity).toBe(NODE);
    expect(lease.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: NODE, uid: node.metadata.uid });
    expect((await httpGet(c.agent!.port, '/healthz')).body).toBe('ok');
    expect((await httpGet(c.agent!.port, '/metrics')).body).toContain('kubelet_running_pods');
  });

  it('runs init container, two containers, a readiness probe and a ConfigMap volume to Running and Ready', async () => {
    await c.client.resource('configmaps', 'default').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { greeting: 'hello from the configmap\n' } });
    const server = `require("http").createServer((q,s)=>s.end("ok")).listen(8080, process.env.POD_IP)`;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: {
        nodeName: NODE,
        terminationGracePeriodSeconds: 1,
        volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
        initContainers: [{ name: 'setup', ...shell('echo init ran') }],
        containers: [
          {
            name: 'server',
            image: 'node:20',
            command: ['sh', '-c', `cat /etc/config/greeting; exec ${NODE_BIN} -e '${server}'`],
            env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
            volumeMounts: [{ name: 'config', mountPath: '/etc/config' }],
            ports: [{ name: 'http', containerPort: 8080 }],
            readinessProbe: { httpGet: { port: 'http', path: '/' }, periodSeconds: 1 },
          },
          { name: 'ticker', ...shell('i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done') },
        ],
      },
    };
    await c.client.resource<Pod>('pods', 'default').create(pod);
    const ready = await waitForPod(c.client, 'web', (p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false, 'pod web Ready');
    expect(ready.status?.phase).toBe('Running');
    expect(ready.status?.podIP).toMatch(/^127\.61\./);
    expect(ready.status?.hostIP).toBe('127.0.0.1');
    expect(ready.status?.initContainerStatuses?.[0].state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(ready.status?.containerStatuses?.map((s) => [s.name, s.ready, s.started, s.restartCount])).toEqual([
      ['server', true, true, 0],
      ['ticker', true, true, 0],
    ]);
    expect(ready.status?.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual(['Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);

    const port = c.agent!.port;
    // The runtime copies output into the CRI log every few hundred milliseconds.
    const logs = await waitFor(async () => {
      const res = await httpGet(port, '/containerLogs/default/web/server');
      return res.body !== '' && res;
    }, { timeoutMs: 10_000, description: 'server log' });
    expect(logs).toEqual({ status: 200, body: 'hello from the configmap\n' });
    expect((await httpGet(port, '/containerLogs/default/web/setup')).body).toBe('init ran\n');
    const withTimestamps = await httpGet(port, '/containerLogs/default/web/server?timestamps=true');
    expect(withTimestamps.body).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z hello from the configmap\n$/);
    await waitFor(async () => (await httpGet(port, '/containerLogs/default/web/ticker')).body.includes('tick 3'), { timeoutMs: 20_000, description: 'ticker output' });
    const tail = await httpGet(port, '/containerLogs/default/web/ticker?tailLines=2');
    expect(tail.body.trimEnd().split('\n')).toHaveLength(2);
    expect(await httpGet(port, '/containerLogs/default/web/nope')).toEqual({ status: 400, body: 'container "nope" not found in pod "web"' });
    expect((await httpGet(port, '/containerLogs/default/missing/x')).status).toBe(404);
    expect(await httpGet(port, '/containerLogs/default/web/server?previous=true')).toEqual({ status: 400, body: 'previous terminated container "server" in pod "web" not found' });

    const events = await c.client.resource<Event>('events', 'default').list({ fieldSelector: 'involvedObject.name=web' });
    const reasons = new Set(events.items.map((e) => e.reason));
    for (const r of ['Pulled', 'Created', 'Started']) expect(reasons).toContain(r);
    expect(events.items.find((e) => e.reason === 'Started')?.source).toEqual({ component: 'kubelet', host: NODE });
  });

  it('follows a running container\'s log as it grows', async () => {
    const seen = await new Promise<string>((resolve, reject) => {
      let body = '';
      const req = request({ host: '127.0.0.1', port: c.agent!.port, path: '/containerLogs/default/web/ticker?follow=true&tailLines=1' }, (res) => {
        res.on('data', (d: Buffer) => {
          body += d.toString();
          if (body.trimEnd().split('\n').length >= 4) {
            req.destroy();
            resolve(body);
          }
        });
        res.on('end', () => reject(new Error(`follow ended early: ${body}`)));
      });
      req.on('error', (err) => (body.length > 0 ? undefined : reject(err)));
      req.end();
    });
    const ticks = seen.trimEnd().split('\n').map((l) => Number(/^tick (\d+)$/.exec(l)?.[1]));
    expect(ticks.every((n, i) => i === 0 || n === ticks[i - 1] + 1)).toBe(true);
  });

  it('shows CrashLoopBackOff with growing delays for a crashing container', async () => {
    await c.client.resource<Pod>('pods', 'default').create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'crasher' },
      spec: { nodeName: NODE, terminationGracePeriodSeconds: 0, containers: [{ name: 'app', ...shell('echo crashing; exit 3') }] },
    });
    const delays = new Set<string>();
    await waitFor(
      async () => {
        const pod = await c.client.resource<Pod>('pods', 'default').get('crasher');
        const waiting = pod.status?.containerStatuses?.[0].state?.waiting;
        const m = /^back-off (\S+) restarting failed container=app pod=crasher_default\(/.exec(waiting?.message ?? '');
        if (waiting?.reason === 'CrashLoopBackOff' && m) delays.add(m[1]);
        return delays.size >= 3;
      },
      { timeoutMs: 30_000, intervalMs: 50, description: 'three different back-off delays' },
    );
    expect([...delays].slice(0, 3)).toEqual(['400ms', '800ms', '1.6s']);
    const pod = await c.client.resource<Pod>('pods', 'default').get('crasher');
    const status = pod.status!.containerStatuses![0];
    expect(status.restartCount).toBeGreaterThanOrEqual(3);
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(pod.status?.phase).toBe('Running');
    const events = await c.client.resource<Event>('events', 'default').list({ fieldSelector: 'involvedObject.name=crasher' });
    expect(events.items.find((e) => e.reason === 'BackOff')?.message).toMatch(/^Back-off restarting failed container app in pod crasher_default\(/);
    // A crash-looping container's current log is its last run's; --previous is the same run.
    expect((await httpGet(c.agent!.port, '/containerLogs/default/crasher/app')).body).toBe('crashing\n');
    expect((await httpGet(c.agent!.port, '/containerLogs/default/crasher/app?previous=true')).body).toBe('crashing\n');
  });
});
