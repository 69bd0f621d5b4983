/**
 * `kubectl explain` (1.27 and 1.33) reads the OpenAPI documents the apiserver derives from the kinds'
 * definitions: the kind, the field's type as a named definition, the fields below it with their types,
 * and which are required.
 */
import { makeTempDir, startTestApiServer, type TempDir, type TestApiServer } from '@tinykube/testing';
import { kubectl, KUBECTL_VERSIONS, writeKubeconfig } from './kubectl';

describe.each(KUBECTL_VERSIONS)('kubectl %s explain', (version) => {
  let api: TestApiServer;
  let tmp: TempDir;
  let kubeconfig: string;
  const run = (...args: string[]) => kubectl(version, kubeconfig, args);

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'memory' });
    tmp = await makeTempDir('tinykube-explain-');
    kubeconfig = await writeKubeconfig(tmp.path, api.url);
  });
  afterAll(async () => {
    await api?.stop();
    await tmp?.cleanup();
  });

  it('deployment.spec: the DeploymentSpec with its fields, selector and template required', async () => {
    const res = await run('explain', 'deployment.spec');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/GROUP:\s+apps/);
    expect(res.stdout).toMatch(/KIND:\s+Deployment/);
    expect(res.stdout).toMatch(/FIELD: spec <DeploymentSpec>/);
    expect(res.stdout).toMatch(/^\s+replicas\t<integer>$/m);
    expect(res.stdout).toMatch(/^\s+selector\t<LabelSelector> -required-$/m);
    expect(res.stdout).toMatch(/^\s+template\t<PodTemplateSpec> -required-$/m);
    expect(res.stdout).toMatch(/^\s+strategy\t<DeploymentStrategy>$/m);
  });

  it('pod.spec.containers.resources: limits and requests', async () => {
    const res = await run('explain', 'pod.spec.containers.resources');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/KIND:\s+Pod/);
    expect(res.stdout).toMatch(/FIELD: resources <ResourceRequirements>/);
    expect(res.stdout).toMatch(/^\s+limits\t<map\[string\]/m);
    expect(res.stdout).toMatch(/^\s+requests\t<map\[string\]/m);
  });

  it('a kind: its description and top-level fields', async () => {
    const res = await run('explain', 'services');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/KIND:\s+Service/);
    expect(res.stdout).toContain('A stable virtual IP and DNS name');
    expect(res.stdout).toMatch(/^\s+spec\t<ServiceSpec>$/m);
    expect(res.stdout).toMatch(/^\s+status\t<ServiceStatus>$/m);
  });

  it('a field that does not exist: a one-line error and a non-zero exit', async () => {
    const res = await run('explain', 'deployment.spec.replicaz');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('replicaz');
  });
});
