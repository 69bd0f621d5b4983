/**
 * kubectl apply (client-side) with kubectl 1.27 and 1.33 and default flags: create with the
 * last-applied annotation, an unchanged re-apply, a three-way re-apply that prunes removed fields and
 * keeps fields another writer set, and server-side field validation of a typo.
 */
import { apiRequest, makeTempDir, startTestApiServer, type TempDir, type TestApiServer } from '@tinykube/testing';
import type { KubeObject } from '@tinykube/api';
import { join } from 'node:path';
import { kubectl, KUBECTL_VERSIONS, writeKubeconfig } from './kubectl';

const manifest = (name: string) => join(__dirname, '..', 'manifests', name);
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface Container {
  name: string;
  image: string;
  env?: Array<{ name: string; value: string }>;
}

describe.each(KUBECTL_VERSIONS)('kubectl %s apply', (version) => {
  let api: TestApiServer;
  let tmp: TempDir;
  let kubeconfig: string;
  const ns = `apply-${version.replace('.', '-')}`;
  const run = (...args: string[]) => kubectl(version, kubeconfig, ['-n', ns, ...args]);
  const getDeployment = async () => (await apiRequest<KubeObject>(api.url, `/apis/apps/v1/namespaces/${ns}/deployments/shop`)).body;
  const containerOf = (dep: KubeObject) => (dep.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0];

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    tmp = await makeTempDir('tinykube-apply-');
    kubeconfig = await writeKubeconfig(tmp.path, api.url);
    await apiRequest(api.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: ns } } });
  });
  afterAll(async () => {
    await api?.stop();
    await tmp?.cleanup();
  });

  it('creates objects and records what was applied', async () => {
    const res = await run('apply', '-f', manifest('shop-v1.yaml'));
    expect(res.stderr).toBe('');
    expect(res.stdout.trim().split('\n')).toEqual(['deployment.apps/shop created', 'service/shop created']);
    const dep = await getDeployment();
    const lastApplied = JSON.parse(dep.metadata.annotations?.[LAST_APPLIED] ?? '{}') as KubeObject;
    expect(lastApplied.metadata.labels).toEqual({ app: 'shop', tier: 'web' });
    expect(containerOf(dep).env).toEqual([{ name: 'MODE', value: 'one' }, { name: 'COLOR', value: 'blue' }]);
  });

  it('reports an unchanged re-apply and writes nothing', async () => {
    const before = await getDeployment();
    const res = await run('apply', '-f', manifest('shop-v1.yaml'));
    expect(res.code).toBe(0);
    expect(res.stdout.trim().split('\n')).toEqual(['deployment.apps/shop unchanged', 'service/shop unchanged']);
    expect((await getDeployment()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('re-applies a changed manifest: updates, prunes removed fields, keeps what others set', async () => {
    expect((await run('annotate', 'deployment', 'shop', 'owner=ops')).code).toBe(0);
    expect((await run('label', 'deployment', 'shop', 'team=payments')).code).toBe(0);
    const res = await run('apply', '-f', manifest('shop-v2.yaml'));
    expect(res.stderr).toBe('');
    expect(res.stdout.trim().split('\n')).toEqual(['deployment.apps/shop configured', 'service/shop unchanged']);
    const dep = await getDeployment();
    expect(containerOf(dep).image).toBe('busybox:1.37');
    expect(containerOf(dep).env).toEqual([{ name: 'MODE', value: 'two' }]);
    expect(dep.metadata.labels).toEqual({ app: 'shop', team: 'payments' });
    expect(dep.metadata.annotations?.owner).toBe('ops');
    expect(dep.metadata.generation).toBe(2);
  });

  it('refuses an unknown field with default validation, naming the field', async () => {
    const res = await run('apply', '-f', manifest('strict-typo.yaml'));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('unknown field "spec.replicaz"');
    expect((await apiRequest(api.url, `/apis/apps/v1/namespaces/${ns}/deployments/typo`)).status).toBe(404);
  });
});
