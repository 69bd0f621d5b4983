/**
 * kubectl-lite beside the real kubectl (1.27 and 1.33) on one apiserver: both apply the same
 * manifests in turns and each sees the other's last-applied record (unchanged, not configured), and
 * both print the same tables, YAML, JSON, contexts, API resources (and, for 1.33, describe output) for
 * the same objects.
 */
import { makeTempDir, startTestApiServer, type TempDir, type TestApiServer } from '@tinykube/testing';
import type { Deployment } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { join } from 'node:path';
import { kubectl, KUBECTL_VERSIONS, writeKubeconfig } from './kubectl';
import { KubectlLite } from './kubectl-lite-harness';

const fixture = (name: string) => join(__dirname, '..', 'fixtures', 'kubectl-lite', name);
/** Ages can tick between two commands; everything else must match byte for byte. */
const sameAge = (text: string) => text.replace(/\b\d+(s|m\d*s?)\b/g, 'AGE');

describe.each(KUBECTL_VERSIONS)('kubectl-lite and kubectl %s', (version) => {
  let api: TestApiServer;
  let tmp: TempDir;
  let kubeconfig: string;
  let k: KubectlLite;
  let client: KubeClient;
  const ns = 'compat';
  const real = async (...args: string[]) => kubectl(version, kubeconfig, args);
  const image = async () => (await client.resource<Deployment>('deployments', ns).get('web')).spec?.template.spec?.containers[0];

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    tmp = await makeTempDir('kubectl-lite-compat-');
    kubeconfig = await writeKubeconfig(tmp.path, api.url, ns);
    k = new KubectlLite(kubeconfig, tmp.path);
    client = new KubeClient(api.url);
    await k.run('create', 'namespace', ns);
  });
  afterAll(async () => {
    client?.close();
    await api?.stop();
    await tmp?.cleanup();
  });

  it('applies in turns with kubectl: each reads the other\'s last-applied configuration', async () => {
    expect((await k.run('apply', '-f', fixture('web.yaml'))).stdout).toBe('deployment.apps/web created\nservice/web created\n');
    const r1 = await real('apply', '-f', fixture('web.yaml'));
    expect(r1.stderr).toBe('');
    expect(r1.stdout).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');

    expect((await real('apply', '-f', fixture('web-v2.yaml'))).stdout).toBe('deployment.apps/web configured\nservice/web unchanged\n');
    expect(await image()).toMatchObject({ image: 'busybox:1.37' });
    expect((await image())?.env).toBeUndefined();
    expect((await k.run('apply', '-f', fixture('web-v2.yaml'))).stdout).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');

    expect((await k.run('apply', '-f', fixture('web.yaml'))).stdout).toBe('deployment.apps/web configured\nservice/web unchanged\n');
    expect(await image()).toMatchObject({ image: 'busybox:1.36', env: [{ name: 'MODE', value: 'one' }] });
    expect((await real('apply', '-f', fixture('web.yaml'))).stdout).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');
  });

  // describe follows kubectl 1.33's layout (1.27 lacks a few lines, e.g. Internal Traffic Policy).
  const describeCases = version === '1.33' ? [[['describe', 'svc', 'web']], [['describe', 'deploy', 'web']], [['describe', 'ns', 'compat']]] : [];
  it.each([
    ...describeCases,
    [['get', 'deploy,svc']],
    [['get', 'deployments', '-o', 'wide']],
    [['get', 'namespaces', '--show-labels']],
    [['get', 'svc', '-A']],
    [['get', 'deploy/web', 'svc/web']],
    [['get', 'svc', 'web', '-o', 'yaml']],
    [['get', 'deployment', 'web', '-o', 'json']],
    [['get', 'deploy,svc', '-o', 'name']],
    [['get', 'svc', '-o', 'jsonpath={.items[*].spec.ports[0].port}']],
    [['config', 'get-contexts']],
    [['config', 'current-context']],
    [['api-resources']],
    [['get', 'deploy', 'web', '-o', 'yaml']],
  ])('prints what kubectl prints for %j', async (args) => {
    const theirs = await real(...args);
    const ours = await k.run(...args);
    expect(theirs.code).toBe(0);
    expect(ours.code).toBe(0);
    expect(sameAge(ours.stdout)).toBe(sameAge(theirs.stdout));
  });
});
