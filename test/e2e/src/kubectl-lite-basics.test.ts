/**
 * kubectl-lite against the apiserver on etcd: apply and create (files, directories, stdin, JSON),
 * get in every output format, the kubeconfig commands, version, api-resources, and the one-line error
 * for every kind of failure. One test runs the real bin.
 */
import { apiRequest, makeTempDir, startTestApiServer, type TempDir, type TestApiServer } from '@tinykube/testing';
import type { KubeObject } from '@tinykube/api';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import YAML from 'yaml';
import { writeKubeconfig } from './kubectl';
import { KubectlLite, runBin } from './kubectl-lite-harness';

const fixture = (name: string) => join(__dirname, '..', 'fixtures', 'kubectl-lite', name);
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

describe('kubectl-lite basics', () => {
  let api: TestApiServer;
  let tmp: TempDir;
  let k: KubectlLite;
  const ns = 'basics';

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'etcd' });
    tmp = await makeTempDir('kubectl-lite-basics-');
    k = new KubectlLite(await writeKubeconfig(tmp.path, api.url, ns), tmp.path);
    expect((await k.run('create', 'namespace', ns)).stdout).toBe(`namespace/${ns} created\n`);
  });
  afterAll(async () => {
    await api?.stop();
    await tmp?.cleanup();
  });

  describe('apply and create', () => {
    it('creates from a multi-document file, records the manifest, then reports unchanged', async () => {
      const first = await k.run('apply', '-f', fixture('web.yaml'));
      expect(first).toEqual({ code: 0, stdout: 'deployment.apps/web created\nservice/web created\n', stderr: '' });
      const dep = (await apiRequest<KubeObject>(api.url, `/apis/apps/v1/namespaces/${ns}/deployments/web`)).body;
      const recorded = dep.metadata.annotations?.[LAST_APPLIED] ?? '';
      // Go's json.Marshal: sorted keys, HTML characters escaped, a trailing newline.
      expect(recorded.endsWith('}\n')).toBe(true);
      expect(recorded).toContain('"\\u0026\\u0026"');
      expect(JSON.parse(recorded)).toMatchObject({ kind: 'Deployment', metadata: { name: 'web', namespace: ns, annotations: {} } });

      const again = await k.run('apply', '-f', fixture('web.yaml'));
      expect(again.stdout).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');
      const after = (await apiRequest<KubeObject>(api.url, `/apis/apps/v1/namespaces/${ns}/deployments/web`)).body;
      expect(after.metadata.resourceVersion).toBe(dep.metadata.resourceVersion);
    });

    it('re-applies a changed manifest with a three-way patch: changes, prunes, keeps what others set', async () => {
      expect((await k.run('scale', 'deployment/web', '--replicas=5')).stdout).toBe('deployment.apps/web scaled\n');
      expect((await k.run('annotate', 'deploy', 'web', 'owner=ops')).stdout).toBe('deployment.apps/web annotated\n');
      const res = await k.run('apply', '-f', fixture('web-v2.yaml'));
      expect(res.stdout).toBe('deployment.apps/web configured\nservice/web unchanged\n');
      const dep = (await apiRequest<{ metadata: KubeObject['metadata']; spec: { replicas: number; template: { spec: { containers: Array<{ image: string; env?: unknown }> } } } }>(
        api.url,
        `/apis/apps/v1/namespaces/${ns}/deployments/web`,
      )).body;
      expect(dep.spec.replicas).toBe(3);
      expect(dep.spec.template.spec.containers[0].image).toBe('busybox:1.37');
      expect(dep.spec.template.spec.containers[0].env).toBeUndefined();
      expect(dep.metadata.annotations?.owner).toBe('ops');
    });

    it('applies a directory (JSON Lists included, -R for subdirectories) and stdin', async () => {
      expect((await k.run('apply', '-f', fixture('dir'))).stdout).toBe('configmap/dir-a created\nconfigmap/dir-b created\n');
      expect((await k.run('apply', '-R', '-f', fixture('dir'))).stdout).toBe('configmap/dir-a unchanged\nconfigmap/dir-b unchanged\nconfigmap/dir-c created\n');
      const stdin = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-stdin\ndata:\n  k: v\n';
      expect((await k.runWith({ stdin }, 'apply', '-f', '-')).stdout).toBe('configmap/from-stdin created\n');
    });

    it('create -f refuses an object that exists, with the Status message', async () => {
      const res = await k.run('create', '-f', fixture('web.yaml'));
      expect(res.code).toBe(1);
      expect(res.stderr.trim().split('\n')).toEqual([
        `Error from server (AlreadyExists): error when creating "${fixture('web.yaml')}": deployments.apps "web" already exists`,
        `Error from server (AlreadyExists): error when creating "${fixture('web.yaml')}": services "web" already exists`,
      ]);
    });

    it('refuses a manifest in another namespace than -n names', async () => {
      const stdin = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: other\n';
      const res = await k.runWith({ stdin }, '-n', ns, 'apply', '-f', '-');
      expect(res.code).toBe(1);
      expect(res.stderr).toBe(`error: the namespace from the provided object "other" does not match the namespace "${ns}". You must pass '--namespace=other' to perform this operation.\n`);
    });
  });

  describe('get', () => {
    it('prints the server table with kubectl headers, wide columns, labels and kind prefixes', async () => {
      const table = await k.run('get', 'deploy');
      expect(table.stdout).toMatch(/^NAME\s{3,}READY\s{3}UP-TO-DATE\s{3}AVAILABLE\s{3}AGE\nweb\s{3,}0\/3\s+0\s+0\s+\d+s\n$/);
      const wide = await k.run('get', 'deployments.apps', 'web', '-o', 'wide');
      expect(wide.stdout.split('\n')[0]).toMatch(/CONTAINERS\s+IMAGES\s+SELECTOR$/);
      expect(wide.stdout).toMatch(/web\s+busybox:1\.37\s+app=web\n/);
      const multi = await k.run('get', 'deploy,svc', '--show-labels');
      expect(multi.stdout).toMatch(
        /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+LABELS\ndeployment\.apps\/web\s+0\/3\s+0\s+0\s+\d+s\s+app=web\n\nNAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+LABELS\nservice\/web\s+ClusterIP\s+10\.[\d.]+\s+<none>\s+80\/TCP\s+\d+s\s+<none>\n$/,
      );
      const filtered = await k.run('get', 'deploy,svc', '-l', 'app=web', '-o', 'name');
      expect(filtered.stdout).toBe('deployment.apps/web\n');
      const byName = await k.run('get', 'cm/dir-a', 'svc/web');
      expect(byName.stdout).toMatch(/configmap\/dir-a\s+1\s+\d+s\n\nNAME\s+TYPE/);
    });

    it('prints -A with a NAMESPACE column and says when nothing is found', async () => {
      const all = await k.run('get', 'cm', '-A', '--field-selector', 'metadata.name=dir-a');
      expect(all.stdout).toMatch(/^NAMESPACE\s+NAME\s+DATA\s+AGE\nbasics\s+dir-a\s+1\s+\d+s\n$/);
      const none = await k.run('get', 'pods');
      expect(none).toEqual({ code: 0, stdout: '', stderr: `No resources found in ${ns} namespace.\n` });
      expect((await k.run('get', 'pods', '-A')).stderr).toBe('No resources found\n');
    });

    it('prints -o json, yaml, name and jsonpath', async () => {
      const one = JSON.parse((await k.run('get', 'configmap', 'dir-a', '-o', 'json')).stdout) as KubeObject;
      expect(one).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'a' } });
      expect(one.metadata.managedFields).toBeUndefined();
      const list = YAML.parse((await k.run('get', 'cm', '-l', 'nothing=here', '-o', 'yaml')).stdout) as { kind: string; items: unknown[] };
      expect(list).toEqual({ apiVersion: 'v1', kind: 'List', items: [], metadata: { resourceVersion: '' } });
      const yaml = (await k.run('get', 'svc/web', '-o', 'yaml')).stdout;
      expect(yaml).toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n {2}annotations:\n {4}kubectl\.kubernetes\.io\/last-applied-configuration: \|\n {6}\{"apiVersion":"v1",/);
      expect(yaml).toMatch(/\n {2}creationTimestamp: "\d{4}-[^"]+Z"\n/);
      expect(yaml).toContain('\n  ports:\n  - name: http\n');
      expect((await k.run('get', 'cm', '-o', 'name')).stdout).toBe('configmap/dir-a\nconfigmap/dir-b\nconfigmap/dir-c\nconfigmap/from-stdin\n');
      const jp = await k.run('get', 'cm', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.data.k}{"\\n"}{end}');
      expect(jp.stdout).toBe('dir-a=a\ndir-b=b\ndir-c=\nfrom-stdin=v\n');
    });
  });

  describe('kubeconfig', () => {
    let two: string;
    beforeAll(async () => {
      const text = (await readFile(k.kubeconfig, 'utf8')) + '';
      const doc = YAML.parse(text) as { contexts: Array<{ name: string; context: Record<string, string> }>; users: Array<{ name: string; user: Record<string, string> }> };
      doc.contexts.push({ name: 'other', context: { cluster: 'tinykube', user: 'secret-user', namespace: 'default' } });
      doc.users.push({ name: 'secret-user', user: { token: 'hunter2' } });
      two = join(tmp.path, 'two-contexts');
      await writeFile(two, YAML.stringify(doc));
    });

    it('lists contexts, shows the current one, switches, and honours --context and KUBECONFIG', async () => {
      const env = { KUBECONFIG: two };
      const contexts = await k.runWith({ env }, 'config', 'get-contexts');
      expect(contexts.stdout).toBe(
        ['CURRENT   NAME       CLUSTER    AUTHINFO      NAMESPACE', '          other      tinykube   secret-user   default', `*         tinykube   tinykube   tinykube      ${ns}`, ''].join('\n'),
      );
      expect((await k.runWith({ env }, 'config', 'current-context')).stdout).toBe('tinykube\n');
      expect((await k.runWith({ env }, 'config', 'use-context', 'other')).stdout).toBe('Switched to context "other".\n');
      expect((await k.runWith({ env }, 'config', 'current-context')).stdout).toBe('other\n');
      expect((await k.runWith({ env }, 'get', 'cm', 'dir-a')).code).toBe(1);
      expect((await k.runWith({ env }, '--context', 'tinykube', 'get', 'cm', 'dir-a')).code).toBe(0);
      expect((await k.runWith({ env }, '--kubeconfig', k.kubeconfig, 'get', 'cm', 'dir-a')).code).toBe(0);
      expect((await k.run('config', 'use-context', 'nope')).stderr).toBe('error: no context exists with the name: "nope"\n');
    });

    it('views the merged config with secrets redacted unless --raw', async () => {
      const view = YAML.parse((await k.runWith({ env: { KUBECONFIG: two } }, 'config', 'view')).stdout) as { users: Array<{ name: string; user: { token?: string } }> };
      expect(view.users.find((u) => u.name === 'secret-user')?.user.token).toBe('REDACTED');
      const raw = YAML.parse((await k.runWith({ env: { KUBECONFIG: two } }, 'config', 'view', '--raw')).stdout) as typeof view;
      expect(raw.users.find((u) => u.name === 'secret-user')?.user.token).toBe('hunter2');
    });
  });

  it('prints client and server versions and the API resources', async () => {
    const version = await k.run('version');
    expect(version.stdout).toMatch(/^Client Version: v\d+\.\d+\.\d+\nServer Version: v1\.\d+\.\d+-tinykube\n$/);
    const resources = await k.run('api-resources');
    expect(resources.stdout.split('\n')[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(resources.stdout).toMatch(/\npods\s+po\s+v1\s+true\s+Pod\n/);
    expect(resources.stdout).toMatch(/\ndeployments\s+deploy\s+apps\/v1\s+true\s+Deployment\n/);
    expect((await k.run('api-resources', '--api-group', 'apps', '-o', 'name')).stdout).toBe('deployments.apps\nreplicasets.apps\n');
  });

  describe('errors: one line on stderr and a non-zero exit', () => {
    it.each([
      ['a missing file', ['apply', '-f', 'no-such.yaml'], 'error: the path "no-such.yaml" does not exist'],
      ['bad YAML, with its line', ['apply', '-f', fixture('bad-yaml.yaml')], `error: error parsing ${fixture('bad-yaml.yaml')}: error converting YAML to JSON: yaml: line 3: Nested mappings are not allowed in compact mappings`],
      ['an unknown resource type', ['get', 'widgets'], 'error: the server doesn\'t have a resource type "widgets"'],
      [
        'a manifest of an unknown kind',
        ['apply', '-f', fixture('unknown-kind.yaml')],
        `error: resource mapping not found for name: "w" namespace: "" from "${fixture('unknown-kind.yaml')}": no matches for kind "Widget" in version "example.com/v1"`,
      ],
      ['a missing object', ['get', 'deploy', 'nope'], 'Error from server (NotFound): deployments.apps "nope" not found'],
      ['an invalid object', ['create', '-f', fixture('invalid.yaml')], /^Error from server \(Invalid\): error when creating ".*invalid\.yaml": ConfigMap "Not_A_Valid_Name" is invalid: /],
      ['an unknown flag', ['get', 'pods', '--bogus'], "error: unknown option '--bogus'"],
      ['an unknown command', ['gett', 'pods'], "error: unknown command 'gett' (Did you mean get?)"],
      ['a bad output format', ['get', 'pods', '-o', 'xml'], 'error: unable to match a printer suitable for the output format "xml", allowed formats are: json, yaml, name, wide, jsonpath'],
      ['an unreachable server', ['--server', 'http://127.0.0.1:1', 'get', 'pods'], 'The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?'],
      ['an unknown context', ['--context', 'nope', 'get', 'pods'], 'error: context was not found for specified context: nope'],
    ])('%s', async (_what, args, expected) => {
      const res = await k.runWith({ cwd: tmp.path }, ...args);
      expect(res.code).not.toBe(0);
      expect(res.stdout).toBe('');
      expect(res.stderr.endsWith('\n')).toBe(true);
      expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
      if (typeof expected === 'string') expect(res.stderr.trimEnd()).toBe(expected);
      else expect(res.stderr.trimEnd()).toMatch(expected);
      expect((await apiRequest(api.url, '/healthz')).status).toBe(200);
    });
  });

  it('runs as a real process: the bin reads KUBECONFIG, prints, and exits non-zero on errors', async () => {
    const env = { KUBECONFIG: k.kubeconfig, HOME: tmp.path };
    const ok = await runBin(['get', 'configmaps', 'dir-a', '-o', 'name'], env);
    expect(ok).toEqual({ code: 0, stdout: 'configmap/dir-a\n', stderr: '' });
    const applied = await runBin(['apply', '-f', '-'], env, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: via-bin\n');
    expect(applied.stdout).toBe('configmap/via-bin created\n');
    const missing = await runBin(['get', 'cm', 'nope'], env);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): configmaps "nope" not found\n' });
  });
});
