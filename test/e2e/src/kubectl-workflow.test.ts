/**
 * The daily kubectl workflow with kubectl 1.27 and 1.33 and default flags: tables (-o wide, -A,
 * --show-labels, get all), get -w, scale, patch in each format, annotate, label --overwrite, edit,
 * describe with events, and delete that waits for finalizers.
 */
import { apiRequest, makeTempDir, startTestApiServer, waitFor, type TempDir, type TestApiServer } from '@tinykube/testing';
import { metaTime, type KubeObject } from '@tinykube/api';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kubectl, kubectlInBackground, KUBECTL_VERSIONS, writeKubeconfig, type BackgroundKubectl } from './kubectl';

const manifest = (name: string) => join(__dirname, '..', 'manifests', name);

describe.each(KUBECTL_VERSIONS)('kubectl %s workflow', (version) => {
  let api: TestApiServer;
  let tmp: TempDir;
  let kubeconfig: string;
  const background: BackgroundKubectl[] = [];
  const ns = `flow-${version.replace('.', '-')}`;
  const run = (...args: string[]) => kubectl(version, kubeconfig, ['-n', ns, ...args]);
  const get = async (path: string) => (await apiRequest<KubeObject>(api.url, path)).body;
  const watchOutput = (args: string[]) => {
    const bg = kubectlInBackground(version, kubeconfig, ['-n', ns, ...args]);
    background.push(bg);
    return bg;
  };
  const waitForOutput = (bg: BackgroundKubectl, re: RegExp, what: string) =>
    waitFor(() => re.test(bg.output()), { description: `${what}; kubectl printed: ${JSON.stringify(bg.output())}`, timeoutMs: 15_000 });

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    tmp = await makeTempDir('tinykube-flow-');
    kubeconfig = await writeKubeconfig(tmp.path, api.url);
    await apiRequest(api.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: ns } } });
    expect((await run('create', '-f', manifest('web.yaml'))).code).toBe(0);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'busybox:1.36' }] } };
    expect((await apiRequest(api.url, `/api/v1/namespaces/${ns}/pods`, { method: 'POST', body: pod })).status).toBe(201);
    await apiRequest(api.url, '/api/v1/nodes', { method: 'POST', body: { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${ns}`, labels: { 'kubernetes.io/hostname': `node-${ns}` } } } });
  });
  afterAll(async () => {
    for (const bg of background) await bg.stop();
    await api?.stop();
    await tmp?.cleanup();
  });

  it('prints pods with -o wide, -A and --show-labels', async () => {
    const wide = await run('get', 'pods', '-o', 'wide');
    expect(wide.code).toBe(0);
    expect(wide.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m);
    expect(wide.stdout).toMatch(/^web-0\s+0\/1\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>$/m);
    const all = await kubectl(version, kubeconfig, ['get', 'pods', '-A']);
    expect(all.stdout).toMatch(new RegExp(`^NAMESPACE\\s+NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE$`, 'm'));
    expect(all.stdout).toMatch(new RegExp(`^${ns}\\s+web-0\\s+0/1\\s+Pending`, 'm'));
    const labels = await run('get', 'pods', '--show-labels');
    expect(labels.stdout).toMatch(/^web-0\s+0\/1\s+Pending\s+0\s+\S+\s+app=web$/m);
  });

  it('lists pods, services and deployments with get all', async () => {
    const res = await run('get', 'all');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('pod/web-0');
    expect(res.stdout).toContain('service/web');
    expect(res.stdout).toContain('deployment.apps/web');
  });

  it('watches a list with get -w and one object with get NAME -w', async () => {
    const list = watchOutput(['get', 'deployments', '-w']);
    const one = watchOutput(['get', 'deployment', 'web', '-w']);
    await waitForOutput(list, /^web\s+0\/2/m, 'the initial row of get -w');
    await waitForOutput(one, /^web\s+0\/2/m, 'the initial row of get NAME -w');
    const scaled = await run('scale', 'deployment', 'web', '--replicas=3');
    expect(scaled.stdout.trim()).toBe('deployment.apps/web scaled');
    await waitForOutput(list, /^web\s+0\/3/m, 'the scaled row of get -w');
    await waitForOutput(one, /^web\s+0\/3/m, 'the scaled row of get NAME -w');
    expect(((await get(`/apis/apps/v1/namespaces/${ns}/deployments/web`)).spec as { replicas: number }).replicas).toBe(3);
  });

  it('patches with a merge, a JSON and a strategic merge patch', async () => {
    const merge = await run('patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"minReadySeconds":5}}');
    expect(merge.stdout.trim()).toBe('deployment.apps/web patched');
    const json = await run('patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/revisionHistoryLimit","value":3}]');
    expect(json.stdout.trim()).toBe('deployment.apps/web patched');
    const strategic = await run('patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"busybox:1.37"}]}}}}');
    expect(strategic.stderr).toBe('');
    expect(strategic.stdout.trim()).toBe('deployment.apps/web patched');
    const dep = await get(`/apis/apps/v1/namespaces/${ns}/deployments/web`);
    const spec = dep.spec as { minReadySeconds: number; revisionHistoryLimit: number; template: { spec: { containers: Array<{ image: string; ports: unknown[] }> } } };
    expect(spec.minReadySeconds).toBe(5);
    expect(spec.revisionHistoryLimit).toBe(3);
    expect(spec.template.spec.containers).toHaveLength(1);
    expect(spec.template.spec.containers[0].image).toBe('busybox:1.37');
    expect(spec.template.spec.containers[0].ports).toHaveLength(1); // merged by name, not replaced
  });

  it('annotates and relabels with --overwrite', async () => {
    // kubectl 1.27 prints "annotate" (its own typo, fixed in later versions).
    expect((await run('annotate', 'service', 'web', 'note=hello')).stdout.trim()).toMatch(/^service\/web annotated?$/);
    expect((await run('label', 'service', 'web', 'stage=dev')).code).toBe(0);
    const refused = await run('label', 'service', 'web', 'stage=prod');
    expect(refused.code).toBe(1);
    const over = await run('label', 'service', 'web', 'stage=prod', '--overwrite');
    expect(over.stdout.trim()).toBe('service/web labeled');
    const svc = await get(`/api/v1/namespaces/${ns}/services/web`);
    expect(svc.metadata.annotations?.note).toBe('hello');
    expect(svc.metadata.labels?.stage).toBe('prod');
  });

  it('edits an object through $EDITOR', async () => {
    const editor = join(tmp.path, 'editor.sh');
    await writeFile(editor, '#!/bin/sh\nsed -i "s/greeting: hello/greeting: edited/" "$1"\n');
    await chmod(editor, 0o755);
    const res = await kubectl(version, kubeconfig, ['-n', ns, 'edit', 'configmap', 'web-config'], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
    expect(res.stderr).toBe('');
    expect(res.stdout.trim()).toBe('configmap/web-config edited');
    expect((await get(`/api/v1/namespaces/${ns}/configmaps/web-config`)).data).toEqual({ greeting: 'edited', mode: 'demo' });
  });

  it('describes pods, deployments, nodes and services with their events', async () => {
    const pod = await get(`/api/v1/namespaces/${ns}/pods/web-0`);
    const now = metaTime(Date.now());
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web-0.test' },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: ns, uid: pod.metadata.uid },
      reason: 'FailedScheduling',
      message: '0/1 nodes are available: 1 Insufficient cpu.',
      type: 'Warning',
      source: { component: 'default-scheduler' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
    expect((await apiRequest(api.url, `/api/v1/namespaces/${ns}/events`, { method: 'POST', body: event })).status).toBe(201);
    const dPod = await run('describe', 'pod', 'web-0');
    expect(dPod.code).toBe(0);
    expect(dPod.stdout).toMatch(/^Name:\s+web-0$/m);
    expect(dPod.stdout).toMatch(/^Status:\s+Pending$/m);
    expect(dPod.stdout).toMatch(/Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/1 nodes are available: 1 Insufficient cpu\./);
    const dDep = await run('describe', 'deployment', 'web');
    expect(dDep.stdout).toMatch(/^Replicas:\s+3 desired/m);
    const dSvc = await run('describe', 'service', 'web');
    expect(dSvc.stdout).toMatch(/^Type:\s+ClusterIP$/m);
    const dNode = await kubectl(version, kubeconfig, ['describe', 'node', `node-${ns}`]);
    expect(dNode.code).toBe(0);
    expect(dNode.stdout).toMatch(new RegExp(`^Name:\\s+node-${ns}$`, 'm'));
  });

  it('waits in delete until the last finalizer is gone', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] }, data: { a: '1' } };
    expect((await apiRequest(api.url, `/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: cm })).status).toBe(201);
    const del = watchOutput(['delete', 'configmap', 'held']);
    await waitFor(async () => !!(await get(`/api/v1/namespaces/${ns}/configmaps/held`)).metadata.deletionTimestamp, { description: 'held marked for deletion' });
    await waitForOutput(del, /configmap "held" deleted/, 'kubectl reporting the delete');
    expect(await Promise.race([del.exited, Promise.resolve('still waiting')])).toBe('still waiting');
    await apiRequest(api.url, `/api/v1/namespaces/${ns}/configmaps/held`, { method: 'PATCH', body: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json' });
    expect(await del.exited).toBe(0);
    expect((await apiRequest(api.url, `/api/v1/namespaces/${ns}/configmaps/held`)).status).toBe(404);
  });
});
