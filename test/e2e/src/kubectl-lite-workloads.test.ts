/**
 * kubectl-lite's workload commands on etcd, with the test playing the controllers and node agent by
 * hand (status via /status, ReplicaSets for history, Events by POST): rollout status|history|undo|
 * restart|pause|resume, scale, label, annotate, delete (waiting for graceful pod deletion, cascade
 * modes, selectors, files), describe with Events, and the events view.
 */
import { makeTempDir, startTestApiServer, waitFor, type TempDir, type TestApiServer } from '@tinykube/testing';
import { metaTime, type Deployment, type Event, type KubeObject, type Pod, type ReplicaSet } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { join } from 'node:path';
import { writeKubeconfig } from './kubectl';
import { KubectlLite } from './kubectl-lite-harness';

const fixture = (name: string) => join(__dirname, '..', 'fixtures', 'kubectl-lite', name);
const ns = 'work';

describe('kubectl-lite workloads', () => {
  let api: TestApiServer;
  let tmp: TempDir;
  let k: KubectlLite;
  let client: KubeClient;
  const deployments = () => client.resource<Deployment>('deployments', ns);
  const pods = () => client.resource<Pod>('pods', ns);

  const podSpec = (name: string, extra: Partial<Pod['metadata']> = {}, nodeName?: string): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'web' }, ...extra },
    spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'web', image: 'busybox:1.36' }] },
  });

  const event = (name: string, obj: KubeObject, kind: string, reason: string, at: string, extra: Partial<Event> = {}): Event => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns },
    involvedObject: { apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, name: obj.metadata.name, namespace: ns, uid: obj.metadata.uid },
    reason,
    message: `${reason} happened to ${obj.metadata.name}`,
    type: 'Normal',
    source: { component: 'test-controller' },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    ...extra,
  });

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    tmp = await makeTempDir('kubectl-lite-work-');
    k = new KubectlLite(await writeKubeconfig(tmp.path, api.url, ns), tmp.path);
    client = new KubeClient(api.url);
    await k.run('create', 'namespace', ns);
    expect((await k.run('apply', '-f', fixture('web.yaml'))).code).toBe(0);
  });
  afterAll(async () => {
    client?.close();
    await api?.stop();
    await tmp?.cleanup();
  });

  describe('rollout', () => {
    const setStatus = async (status: Deployment['status']) => {
      const dep = await deployments().get('web');
      await deployments().updateStatus({ ...dep, status });
    };

    it('status waits for the controller like kubectl and exits 0 when complete', async () => {
      const watch = k.start(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      await k.waitForOutput(watch, /spec update to be observed/, 'the first status line');
      await setStatus({ observedGeneration: 1, replicas: 2, updatedReplicas: 1 });
      await k.waitForOutput(watch, /1 out of 2 new replicas/, 'the update progress');
      await setStatus({ observedGeneration: 1, replicas: 3, updatedReplicas: 2, availableReplicas: 1 });
      await k.waitForOutput(watch, /old replicas are pending/, 'old replicas line');
      await setStatus({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1 });
      await k.waitForOutput(watch, /1 of 2 updated replicas are available/, 'the availability line');
      await setStatus({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
      const res = await watch.done;
      expect(res).toEqual({
        code: 0,
        stderr: '',
        stdout: [
          'Waiting for deployment spec update to be observed...',
          'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...',
          'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
          'Waiting for deployment "web" rollout to finish: 1 of 2 updated replicas are available...',
          'deployment "web" successfully rolled out',
          '',
        ].join('\n'),
      });
    });

    it('status gives up after --timeout and answers at once with --watch=false', async () => {
      await k.run('scale', 'deploy/web', '--replicas=4');
      const once = await k.run('rollout', 'status', 'deploy/web', '--watch=false');
      expect(once).toEqual({ code: 0, stdout: 'Waiting for deployment spec update to be observed...\n', stderr: '' });
      const timedOut = await k.run('rollout', 'status', 'deploy/web', '--timeout=1s');
      expect(timedOut.code).toBe(1);
      expect(timedOut.stderr).toBe('error: timed out waiting for the condition\n');
    });

    it('history lists the ReplicaSet revisions, undo rolls back to the previous template', async () => {
      const dep = await deployments().get('web');
      const rs = (revision: number, image: string, cause?: string): ReplicaSet => ({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `web-rev${revision}`,
          labels: { app: 'web', 'pod-template-hash': `h${revision}` },
          annotations: { 'deployment.kubernetes.io/revision': String(revision), ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: dep.metadata.uid ?? '', controller: true }],
        },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'web', 'pod-template-hash': `h${revision}` } },
          template: { metadata: { labels: { app: 'web', 'pod-template-hash': `h${revision}` } }, spec: { ...dep.spec?.template.spec, containers: [{ name: 'web', image }] } },
        },
      });
      await client.resource<ReplicaSet>('replicasets', ns).create(rs(1, 'busybox:1.35', 'first'));
      await client.resource<ReplicaSet>('replicasets', ns).create(rs(2, 'busybox:1.36'));
      await deployments().patch('web', { spec: { template: { spec: { containers: [{ name: 'web', image: 'busybox:1.36', command: null, env: null, ports: null }] } } } }, 'strategic');

      const history = await k.run('rollout', 'history', 'deployment/web');
      expect(history.stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         first\n2         <none>\n\n');
      const one = await k.run('rollout', 'history', 'deploy/web', '--revision=1');
      expect(one.stdout).toMatch(/^deployment\.apps\/web with revision #1\nPod Template:\n {2}Labels:\s+app=web\n/);
      expect(one.stdout).toMatch(/Image:\s+busybox:1\.35\n/);
      expect(one.stdout).not.toContain('pod-template-hash');

      expect((await k.run('rollout', 'undo', 'deploy/web')).stdout).toBe('deployment.apps/web rolled back\n');
      expect((await deployments().get('web')).spec?.template.spec?.containers[0].image).toBe('busybox:1.35');
      expect((await k.run('rollout', 'undo', 'deploy/web', '--to-revision=1')).stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 1)\n');
      const missing = await k.run('rollout', 'undo', 'deploy/web', '--to-revision=9');
      expect(missing).toMatchObject({ code: 1, stderr: 'error: unable to find specified revision 9 in history\n' });
    });

    it('restart stamps the template; pause and resume flip spec.paused and refuse a no-op', async () => {
      const before = Date.now();
      expect((await k.run('rollout', 'restart', 'deployment/web')).stdout).toBe('deployment.apps/web restarted\n');
      const stamp = (await deployments().get('web')).spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] ?? '';
      expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(stamp)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);

      expect((await k.run('rollout', 'pause', 'deploy/web')).stdout).toBe('deployment.apps/web paused\n');
      expect((await deployments().get('web')).spec?.paused).toBe(true);
      expect((await k.run('rollout', 'pause', 'deploy/web')).stderr).toBe('error: deployments.apps "web" is already paused\n');
      expect((await k.run('rollout', 'restart', 'deploy/web')).stderr).toBe(`error: deployments.apps "web" can't restart paused deployment (run rollout resume first)\n`);
      expect((await k.run('rollout', 'resume', 'deploy/web')).stdout).toBe('deployment.apps/web resumed\n');
      expect((await deployments().get('web')).spec?.paused).toBeUndefined();
      expect((await k.run('rollout', 'resume', 'deploy/web')).stderr).toBe('error: deployments.apps "web" is not paused\n');
    });
  });

  it('scale honours --current-replicas', async () => {
    const res = await k.run('scale', 'deployment', 'web', '--replicas=2', '--current-replicas=7');
    expect(res).toMatchObject({ code: 1, stderr: 'error: Expected replicas to be 7, was 4\n' });
    expect((await k.run('scale', 'deployment', 'web', '--replicas=2', '--current-replicas=4')).stdout).toBe('deployment.apps/web scaled\n');
    expect((await deployments().get('web')).spec?.replicas).toBe(2);
  });

  it('label and annotate set, refuse to overwrite without --overwrite, and remove', async () => {
    expect((await k.run('label', 'svc', 'web', 'tier=front', 'team=a')).stdout).toBe('service/web labeled\n');
    expect((await k.run('label', 'svc/web', 'tier=back')).stderr).toBe("error: 'tier' already has a value (front), and --overwrite is false\n");
    expect((await k.run('label', 'svc/web', 'tier=back', '--overwrite')).stdout).toBe('service/web labeled\n');
    expect((await k.run('label', 'svc/web', 'team-')).stdout).toBe('service/web labeled\n');
    expect((await k.run('label', 'svc/web', 'tier=back')).stdout).toBe('service/web not labeled\n');
    const svc = await client.resource('services', ns).get('web');
    expect(svc.metadata.labels).toEqual({ tier: 'back' });
    expect((await k.run('annotate', 'svc', '-l', 'tier=back', 'note=hi')).stdout).toBe('service/web annotated\n');
    expect((await client.resource('services', ns).get('web')).metadata.annotations?.note).toBe('hi');
  });

  describe('delete', () => {
    it('deletes by name and reports a missing one without stopping', async () => {
      await client.resource('configmaps', ns).create({ metadata: { name: 'a' } });
      await client.resource('configmaps', ns).create({ metadata: { name: 'b' } });
      const res = await k.run('delete', 'cm', 'a', 'nope', 'b');
      expect(res).toEqual({ code: 1, stdout: 'configmap "a" deleted\nconfigmap "b" deleted\n', stderr: 'Error from server (NotFound): configmaps "nope" not found\n' });
      expect((await k.run('delete', 'cm', 'nope', '--ignore-not-found')).code).toBe(0);
    });

    it('waits until a bound pod is really gone (its node agent confirms), unless --wait=false', async () => {
      await pods().create(podSpec('graceful', {}, 'node-x'));
      const del = k.start(['delete', 'pod', 'graceful']);
      await k.waitForOutput(del, /pod "graceful" deleted/, 'the deleted line');
      const terminating = await waitFor(async () => ((await pods().get('graceful')).metadata.deletionTimestamp ? true : undefined), { description: 'deletionTimestamp' });
      expect(terminating).toBe(true);
      // Still waiting: the node agent has not confirmed yet. Play it.
      expect(await Promise.race([del.done.then(() => 'done'), Promise.resolve('waiting')])).toBe('waiting');
      await pods().delete('graceful', { gracePeriodSeconds: 0 });
      expect(await del.done).toEqual({ code: 0, stdout: 'pod "graceful" deleted\n', stderr: '' });

      await pods().create(podSpec('nowait', {}, 'node-x'));
      expect((await k.run('delete', 'pod', 'nowait', '--wait=false')).stdout).toBe('pod "nowait" deleted\n');
      expect((await pods().get('nowait')).metadata.deletionTimestamp).toBeDefined();
      const forced = await k.run('delete', 'pod', 'nowait', '--grace-period=0', '--force');
      expect(forced.stdout).toBe('pod "nowait" force deleted\n');
      expect(forced.stderr).toMatch(/^Warning: Immediate deletion does not wait/);
      await expect(pods().get('nowait')).rejects.toThrow(/not found/);
    });

    it('sends the cascade mode: foreground and orphan leave the propagation finalizer', async () => {
      for (const [mode, finalizer] of [['foreground', 'foregroundDeletion'], ['orphan', 'orphan']]) {
        await client.resource('configmaps', ns).create({ metadata: { name: `cascade-${mode}` } });
        const res = await k.run('delete', `configmap/cascade-${mode}`, `--cascade=${mode}`, '--wait=false');
        expect(res.stdout).toBe(`configmap "cascade-${mode}" deleted\n`);
        const left = await client.resource('configmaps', ns).get(`cascade-${mode}`);
        expect(left.metadata.finalizers).toEqual([finalizer]);
        await client.resource('configmaps', ns).patch(`cascade-${mode}`, { metadata: { finalizers: null } });
      }
      expect((await k.run('delete', 'cm', 'x', '--cascade=sideways')).stderr).toBe('error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan".\n');
    });

    it('deletes by label selector, --all and -f', async () => {
      for (const [name, team] of [['l1', 'x'], ['l2', 'x'], ['l3', 'y']]) await client.resource('configmaps', ns).create({ metadata: { name, labels: { team } } });
      expect((await k.run('delete', 'cm', '-l', 'team=x')).stdout).toBe('configmap "l1" deleted\nconfigmap "l2" deleted\n');
      expect((await k.run('delete', 'cm', '-l', 'team=none')).stderr).toBe(`No resources found in ${ns} namespace.\n`);
      expect((await k.run('delete', 'cm', '--all')).stdout).toBe('configmap "l3" deleted\n');
      expect((await k.run('delete', 'cm')).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
      await k.run('apply', '-f', fixture('dir'));
      expect((await k.run('delete', '-f', fixture('dir'))).stdout).toBe('configmap "dir-a" deleted\nconfigmap "dir-b" deleted\n');
    });
  });

  describe('describe and events', () => {
    let pod: Pod;
    beforeAll(async () => {
      const dep = await deployments().get('web');
      pod = await pods().create(
        podSpec('web-abc', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-rev1', uid: 'rs-uid', controller: true }] }, 'node-1'),
      );
      pod = await pods().updateStatus({
        ...pod,
        status: {
          phase: 'Running',
          podIP: '10.244.1.5',
          podIPs: [{ ip: '10.244.1.5' }],
          hostIP: '127.0.0.1',
          startTime: '2026-01-01T00:00:00Z',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [{ name: 'web', ready: true, restartCount: 2, image: 'busybox:1.36', imageID: 'sha256:abc', state: { running: { startedAt: '2026-01-01T00:00:01Z' } } }],
        },
      });
      const now = Date.now();
      const ago = (s: number) => metaTime(now - s * 1000);
      const events = client.resource<Event>('events', ns);
      await events.create(event('e-started', pod, 'Pod', 'Started', ago(10)));
      await events.create(event('e-scheduled', pod, 'Pod', 'Scheduled', ago(30)));
      await events.create(event('e-pulled', pod, 'Pod', 'BackOff', ago(20), { type: 'Warning', count: 3, firstTimestamp: ago(300) }));
      await events.create(event('e-dep', dep, 'Deployment', 'ScalingReplicaSet', ago(40), { source: { component: 'deployment-controller' } }));
    });

    it('describes a pod with its containers, conditions and sorted Events', async () => {
      const res = await k.run('describe', 'pod', 'web-abc');
      expect(res.code).toBe(0);
      const out = res.stdout;
      expect(out).toMatch(/^Name:\s+web-abc\nNamespace:\s+work\nPriority:\s+0\nService Account:\s+default\nNode:\s+node-1\/127\.0\.0\.1\nStart Time:\s+Thu, 01 Jan 2026 00:00:00 \+0000\nLabels:\s+app=web\n/);
      expect(out).toMatch(/\nStatus:\s+Running\nIP:\s+10\.244\.1\.5\nIPs:\n {2}IP:\s+10\.244\.1\.5\nControlled By:\s+ReplicaSet\/web-rev1\n/);
      expect(out).toMatch(/\n {2}web:\n {4}Container ID:\s*\n {4}Image:\s+busybox:1\.36\n/);
      expect(out).toMatch(/\n {4}State:\s+Running\n {6}Started:\s+Thu, 01 Jan 2026 00:00:01 \+0000\n {4}Ready:\s+True\n {4}Restart Count:\s+2\n/);
      expect(out).toMatch(/\nConditions:\n {2}Type\s+Status\n {2}----\s+------\n {2}Ready\s+True\n/);
      const events = out.slice(out.indexOf('Events:'));
      expect(events).toMatch(
        /^Events:\n {2}Type\s+Reason\s+Age\s+From\s+Message\n {2}----\s+------\s+----\s+----\s+-------\n {2}Normal\s+Scheduled\s+3\ds\s+test-controller\s+Scheduled happened to web-abc\n {2}Warning\s+BackOff\s+2\ds \(x3 over 5m\d*s?\)\s+test-controller\s+BackOff happened to web-abc\n {2}Normal\s+Started\s+1\ds\s+test-controller\s+Started happened to web-abc\n$/,
      );
      // A name that is not an object is a prefix, as in kubectl.
      // Ages may tick over a second between the two runs, so compare with the Events' ages and padding masked.
      const maskAges = (text: string) => text.replace(/\n {2}Events:[\s\S]*$/, '').replace(/\nEvents:[\s\S]*$/, '');
      const byPrefix = (await k.run('describe', 'pods', 'web-')).stdout;
      expect(maskAges(byPrefix)).toBe(maskAges(out));
      expect(byPrefix).toContain('Scheduled happened to web-abc');
    });

    it('describes deployments, replica sets, services, nodes and namespaces', async () => {
      // Play the deployment controller: a ReplicaSet for the current template, with its pods created.
      const current = await deployments().get('web');
      const template = structuredClone(current.spec?.template ?? {});
      template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, 'pod-template-hash': 'h3' } };
      const rs3 = await client.resource<ReplicaSet>('replicasets', ns).create({
        metadata: {
          name: 'web-rev3',
          labels: { app: 'web', 'pod-template-hash': 'h3' },
          annotations: { 'deployment.kubernetes.io/revision': '3' },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: current.metadata.uid ?? '', controller: true }],
        },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'h3' } }, template },
      });
      await client.resource<ReplicaSet>('replicasets', ns).updateStatus({ ...rs3, status: { replicas: 2 } });
      const dep = (await k.run('describe', 'deploy/web')).stdout;
      expect(dep).toMatch(/^Name:\s+web\nNamespace:\s+work\nCreationTimestamp:\s+\w{3}, /);
      expect(dep).toMatch(/\nSelector:\s+app=web\nReplicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable\nStrategyType:\s+RollingUpdate\n/);
      expect(dep).toMatch(/\nOldReplicaSets:\s+<none>\nNewReplicaSet:\s+web-rev3 \(2\/2 replicas created\)\n/);
      expect(dep).toMatch(/\nPod Template:\n {2}Labels:\s+app=web\n {2}Annotations:\s+kubectl\.kubernetes\.io\/restartedAt: \S+\n {2}Containers:\n {3}web:\n {4}Image:\s+busybox:1\.35\n/);
      expect(dep).toMatch(/\n {2}Normal\s+ScalingReplicaSet\s+\d+s\s+deployment-controller\s+ScalingReplicaSet happened to web\n$/);

      const rs = (await k.run('describe', 'rs', 'web-rev2')).stdout;
      expect(rs).toMatch(/\nControlled By:\s+Deployment\/web\nReplicas:\s+0 current \/ 0 desired\nPods Status:\s+0 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\n/);

      await client.resource('endpoints', ns).create({ metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.244.1.5' }], ports: [{ name: 'http', port: 8080 }] }] });
      const svc = (await k.run('describe', 'service', 'web')).stdout;
      expect(svc).toMatch(/\nType:\s+ClusterIP\n/);
      expect(svc).toMatch(/\nPort:\s+http {2}80\/TCP\nTargetPort:\s+8080\/TCP\nEndpoints:\s+10\.244\.1\.5:8080\n/);

      await client.resource('nodes').create({ metadata: { name: 'node-1', labels: { 'node-role.kubernetes.io/worker': '' } }, spec: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] } });
      const node = (await k.run('describe', 'node', 'node-1')).stdout;
      expect(node).toMatch(/^Name:\s+node-1\nRoles:\s+worker\n/);
      expect(node).toMatch(/\nTaints:\s+k=v:NoSchedule\nUnschedulable:\s+false\n/);
      expect(node).toMatch(/\nNon-terminated Pods:\s+\(1 in total\)\n {2}Namespace\s+Name\s+Age\n {2}-+\s+-+\s+-+\n {2}work\s+web-abc\s+\d+s\n/);

      expect((await k.run('describe', 'ns', ns)).stdout).toMatch(/^Name:\s+work\nLabels:\s+kubernetes\.io\/metadata\.name=work\nAnnotations:\s+<none>\nStatus:\s+Active\n/);
      expect((await k.run('describe', 'pod', 'zzz')).stderr).toBe('Error from server (NotFound): pods "zzz" not found\n');
    });

    it('events lists oldest first, filters with --for and --types, and -A adds the namespace', async () => {
      const all = await k.run('events');
      const lines = all.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
      expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[2])).toEqual(['ScalingReplicaSet', 'Scheduled', 'BackOff', 'Started']);
      expect(lines[3]).toMatch(/^\d+s \(x3 over 5m\d*s?\)\s+Warning\s+BackOff\s+Pod\/web-abc\s+BackOff happened to web-abc$/);
      const forPod = await k.run('events', '--for', 'pod/web-abc', '--types=Warning');
      expect(forPod.stdout.trimEnd().split('\n')).toHaveLength(2);
      expect((await k.run('events', '--for', 'deploy/web')).stdout).toMatch(/Deployment\/web\s+ScalingReplicaSet happened to web\n$/);
      expect((await k.run('events', '-A')).stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+LAST SEEN\s+TYPE/);
      expect((await k.run('-n', 'default', 'events')).stderr).toBe('No events found in default namespace.\n');
    });

    it('events -w prints new events as they come', async () => {
      const watch = k.start(['events', '-w', '--for', 'pod/web-abc']);
      await k.waitForOutput(watch, /Started happened/, 'the initial list');
      await client.resource<Event>('events', ns).create(event('e-killing', pod, 'Pod', 'Killing', metaTime(Date.now())));
      await k.waitForOutput(watch, /Killing happened to web-abc\n$/, 'the new event');
      const res = await watch.stop();
      expect(res.code).toBe(0);
      expect(res.stdout.match(/^LAST SEEN/gm)).toHaveLength(1);
    });
  });
});
