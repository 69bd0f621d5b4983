/**
 * What kubectl (1.27 and 1.33) does with the OpenAPI documents the apiserver derives from the kinds'
 * definitions: `kubectl explain` (v3 by default, v2 on request) shows the kind, each field's type as a
 * named definition, the fields below it and which are required; `kubectl apply` reads the patch
 * metadata (merge keys) from them, so a container another client added survives an apply.
 */
import { apiRequest, makeTempDir, startTestApiServer, type TempDir, type TestApiServer } from '@tinykube/testing';
import type { Deployment } from '@tinykube/api';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kubectl, KUBECTL_VERSIONS, writeKubeconfig } from './kubectl';

function deploymentYaml(name: string, image: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec:',
    `      containers: [{name: app, image: "${image}", env: [{name: MODE, value: "1"}]}]`,
    '',
  ].join('\n');
}

describe.each(KUBECTL_VERSIONS)('kubectl %s and the OpenAPI documents', (version) => {
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

  it('explain from the OpenAPI v2 document (protobuf), as kubectl 1.27-1.31 read it', async () => {
    const res = await run('explain', 'deployment.spec.template.spec.containers', '--output', 'plaintext-openapiv2');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/KIND:\s+Deployment/);
    expect(res.stdout).toMatch(/^\s+image\t<string>$/m);
    expect(res.stdout).toMatch(/^\s+name\t<string> -required-$/m);
  });

  it('apply merges containers by name (patch metadata from OpenAPI): a container another client added stays', async () => {
    const name = `merge-${version.replace('.', '-')}`;
    const file = join(tmp.path, `${name}.yaml`);
    await writeFile(file, deploymentYaml(name, 'busybox:1'));
    expect((await run('apply', '-f', file)).code).toBe(0);
    const added = await run('patch', 'deployment', name, '--type', 'strategic', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:2"}]}}}}');
    expect(added.code).toBe(0);
    await writeFile(file, deploymentYaml(name, 'busybox:3'));
    const applied = await run('apply', '-f', file);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const dep = (await apiRequest<Deployment>(api.url, `/apis/apps/v1/namespaces/default/deployments/${name}`)).body;
    const containers = dep.spec!.template.spec!.containers.map((c) => `${c.name}=${c.image}`).sort();
    expect(containers).toEqual(['app=busybox:3', 'sidecar=busybox:2']);
  });

  it('a field that does not exist: a one-line error and a non-zero exit', async () => {
    const res = await run('explain', 'deployment.spec.replicaz');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('replicaz');
  });
});
