/**
 * The real kubectl (1.27 and 1.33) against the apiserver on etcd, with kubectl's default flags:
 * create namespace, create -f of a Deployment, Service and ConfigMap, get (-o json, -o yaml), label,
 * delete, api-resources. Stored objects are compared with what the manifests say.
 */
import { apiRequest, makeTempDir, startTestApiServer, type TempDir, type TestApiServer } from '@tinykube/testing';
import type { KubeObject } from '@tinykube/api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { kubectl, KUBECTL_VERSIONS, writeKubeconfig } from './kubectl';

const manifestPath = join(__dirname, '..', 'manifests', 'web.yaml');
const manifests = YAML.parseAllDocuments(readFileSync(manifestPath, 'utf8')).map((d) => d.toJS() as KubeObject);
const manifestOf = (kind: string) => manifests.find((m) => m.kind === kind) as KubeObject;

describe.each(KUBECTL_VERSIONS)('kubectl %s', (version) => {
  let api: TestApiServer;
  let tmp: TempDir;
  let kubeconfig: string;
  const ns = `demo-${version.replace('.', '-')}`;
  const run = (...args: string[]) => kubectl(version, kubeconfig, args);

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    tmp = await makeTempDir('tinykube-kubectl-');
    kubeconfig = await writeKubeconfig(tmp.path, api.url);
  });
  afterAll(async () => {
    await api?.stop();
    await tmp?.cleanup();
  });

  it('creates a namespace', async () => {
    const res = await run('create', 'namespace', ns);
    expect(res.stderr).toBe('');
    expect(res.stdout.trim()).toBe(`namespace/${ns} created`);
    expect(res.code).toBe(0);
    const stored = await apiRequest<KubeObject>(api.url, `/api/v1/namespaces/${ns}`);
    expect((stored.body.status as { phase: string }).phase).toBe('Active');
  });

  it('creates a Deployment, Service and ConfigMap from a manifest and stores what it says', async () => {
    const res = await run('create', '-n', ns, '-f', manifestPath);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.trim().split('\n')).toEqual(['deployment.apps/web created', 'service/web created', 'configmap/web-config created']);

    const dep = (await apiRequest<KubeObject>(api.url, `/apis/apps/v1/namespaces/${ns}/deployments/web`)).body;
    expect(dep.spec).toMatchObject(manifestOf('Deployment').spec as object);
    expect(dep.metadata.labels).toEqual({ app: 'web' });
    const svc = (await apiRequest<KubeObject>(api.url, `/api/v1/namespaces/${ns}/services/web`)).body;
    expect(svc.spec).toMatchObject({ selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], type: 'ClusterIP' });
    expect((svc.spec as { clusterIP: string }).clusterIP).toMatch(/^10\./);
    const cm = (await apiRequest<KubeObject>(api.url, `/api/v1/namespaces/${ns}/configmaps/web-config`)).body;
    expect(cm.data).toEqual(manifestOf('ConfigMap').data);
  });

  it('gets each object as a table, as JSON and as YAML', async () => {
    const table = await run('get', '-n', ns, 'deployments,services,configmaps');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
    expect(table.stdout).toMatch(/deployment\.apps\/web\s+0\/2\s+0\s+0\s+\d+s/);
    expect(table.stdout).toMatch(/service\/web\s+ClusterIP\s+10\.[\d.]+\s+<none>\s+80\/TCP/);
    expect(table.stdout).toMatch(/configmap\/web-config\s+2\s+/);

    const asJson = await run('get', '-n', ns, 'deployment', 'web', '-o', 'json');
    expect(asJson.code).toBe(0);
    const dep = JSON.parse(asJson.stdout) as KubeObject;
    expect(dep).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: ns } });
    expect((dep.spec as { replicas: number }).replicas).toBe(2);

    const asYaml = await run('get', '-n', ns, 'service', 'web', '-o', 'yaml');
    expect(asYaml.code).toBe(0);
    const svc = YAML.parse(asYaml.stdout) as KubeObject;
    expect(svc).toMatchObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } });

    const cmJson = await run('get', '-n', ns, 'configmap', 'web-config', '-o', 'json');
    expect((JSON.parse(cmJson.stdout) as KubeObject).data).toEqual({ greeting: 'hello', mode: 'demo' });
  });

  it('labels an object', async () => {
    const res = await run('label', '-n', ns, 'deployment', 'web', 'tier=frontend');
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe('deployment.apps/web labeled');
    const dep = (await apiRequest<KubeObject>(api.url, `/apis/apps/v1/namespaces/${ns}/deployments/web`)).body;
    expect(dep.metadata.labels).toEqual({ app: 'web', tier: 'frontend' });
    const overwrite = await run('label', '-n', ns, 'deployment', 'web', 'tier=backend');
    expect(overwrite.code).not.toBe(0);
    expect(overwrite.stderr).toContain("'tier' already has a value (frontend)");
  });

  it('deletes objects and waits until they are gone', async () => {
    const res = await run('delete', '-n', ns, '-f', manifestPath);
    expect(res.code).toBe(0);
    expect(res.stdout.trim().split('\n')).toEqual(['deployment.apps "web" deleted', 'service "web" deleted', 'configmap "web-config" deleted']);
    for (const path of [`/apis/apps/v1/namespaces/${ns}/deployments/web`, `/api/v1/namespaces/${ns}/services/web`, `/api/v1/namespaces/${ns}/configmaps/web-config`]) {
      expect((await apiRequest(api.url, path)).status).toBe(404);
    }
    const missing = await run('delete', '-n', ns, 'configmap', 'web-config');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): configmaps "web-config" not found');
  });

  it('lists every first-wave kind in api-resources', async () => {
    const res = await run('api-resources');
    expect(res.code).toBe(0);
    for (const [name, short, apiVersion, kind] of [
      ['namespaces', 'ns', 'v1', 'Namespace'],
      ['nodes', 'no', 'v1', 'Node'],
      ['pods', 'po', 'v1', 'Pod'],
      ['bindings', '', 'v1', 'Binding'],
      ['services', 'svc', 'v1', 'Service'],
      ['endpoints', 'ep', 'v1', 'Endpoints'],
      ['events', 'ev', 'v1', 'Event'],
      ['configmaps', 'cm', 'v1', 'ConfigMap'],
      ['secrets', '', 'v1', 'Secret'],
      ['serviceaccounts', 'sa', 'v1', 'ServiceAccount'],
      ['deployments', 'deploy', 'apps/v1', 'Deployment'],
      ['replicasets', 'rs', 'apps/v1', 'ReplicaSet'],
      ['leases', '', 'coordination.k8s.io/v1', 'Lease'],
    ]) {
      const line = new RegExp(`^${name}\\s+${short ? short + '\\s+' : ''}${apiVersion.replace(/\./g, '\\.')}\\s+(true|false)\\s+${kind}\\s*$`, 'm');
      expect(res.stdout).toMatch(line);
    }
  });
});
