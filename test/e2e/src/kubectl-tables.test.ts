/**
 * Server-side Tables: kubectl prints, for every first-wave kind, the columns it prints for Kubernetes'
 * own server (default and -o wide), on kubectl 1.27 and 1.33.
 */
import { apiRequest, makeTempDir, startTestApiServer, type TempDir, type TestApiServer } from '@tinykube/testing';
import { kubectl, KUBECTL_VERSIONS, writeKubeconfig } from './kubectl';

const ns = 'tables';

/** [resource, default header, columns -o wide adds] as kubectl shows them for a real cluster (events' wide columns interleave; see below). */
const HEADERS: Array<[string, string[], string[]]> = [
  ['pods', ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']],
  ['deployments', ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']],
  ['replicasets', ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']],
  ['services', ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], ['SELECTOR']],
  ['nodes', ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']],
  ['endpoints', ['NAME', 'ENDPOINTS', 'AGE'], []],
  ['events', ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ['SUBOBJECT', 'SOURCE', 'FIRST SEEN', 'COUNT', 'NAME']],
  ['namespaces', ['NAME', 'STATUS', 'AGE'], []],
  ['configmaps', ['NAME', 'DATA', 'AGE'], []],
  ['secrets', ['NAME', 'TYPE', 'DATA', 'AGE'], []],
  ['serviceaccounts', ['NAME', 'SECRETS', 'AGE'], []],
  ['leases', ['NAME', 'HOLDER', 'AGE'], []],
];

function header(stdout: string): string[] {
  return stdout.split('\n')[0].trim().split(/\s{2,}/);
}

describe.each(KUBECTL_VERSIONS)('kubectl %s tables', (version) => {
  let api: TestApiServer;
  let tmp: TempDir;
  let kubeconfig: string;

  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'memory' });
    tmp = await makeTempDir('tinykube-tables-');
    kubeconfig = await writeKubeconfig(tmp.path, api.url, ns);
    const post = (path: string, body: unknown) => apiRequest(api.url, path, { method: 'POST', body });
    await post('/api/v1/namespaces', { metadata: { name: ns } });
    const template = { metadata: { labels: { app: 't' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } };
    const objects: Array<[string, unknown]> = [
      [`/api/v1/namespaces/${ns}/pods`, { metadata: { name: 'p' }, spec: template.spec }],
      [`/apis/apps/v1/namespaces/${ns}/deployments`, { metadata: { name: 'd' }, spec: { selector: { matchLabels: { app: 't' } }, template } }],
      [`/apis/apps/v1/namespaces/${ns}/replicasets`, { metadata: { name: 'r' }, spec: { selector: { matchLabels: { app: 't' } }, template } }],
      [`/api/v1/namespaces/${ns}/services`, { metadata: { name: 's' }, spec: { selector: { app: 't' }, ports: [{ port: 80 }] } }],
      ['/api/v1/nodes', { metadata: { name: 'n' } }],
      [`/api/v1/namespaces/${ns}/endpoints`, { metadata: { name: 's' }, subsets: [{ addresses: [{ ip: '10.0.0.5' }], ports: [{ port: 80 }] }] }],
      [`/api/v1/namespaces/${ns}/events`, { metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'p', namespace: ns }, reason: 'Created', message: 'made', type: 'Normal', count: 1 }],
      [`/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'c' }, data: { a: '1' } }],
      [`/api/v1/namespaces/${ns}/secrets`, { metadata: { name: 'x' }, stringData: { a: '1' } }],
      [`/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: 'sa' } }],
      [`/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`, { metadata: { name: 'l' }, spec: { holderIdentity: 'me' } }],
    ];
    for (const [path, body] of objects) expect((await post(path, body)).status).toBe(201);
  });
  afterAll(async () => {
    await api?.stop();
    await tmp?.cleanup();
  });

  it.each(HEADERS)('prints the %s columns, and the wide ones with -o wide', async (resource, columns, wide) => {
    const plain = await kubectl(version, kubeconfig, ['get', resource]);
    expect(plain.stderr).toBe('');
    expect(header(plain.stdout)).toEqual(columns);
    const wideRes = await kubectl(version, kubeconfig, ['get', resource, '-o', 'wide']);
    const expectedWide =
      resource === 'events'
        ? ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']
        : [...columns, ...wide];
    expect(header(wideRes.stdout)).toEqual(expectedWide);
  });

  it('fills the cells the way kubectl does for a real cluster', async () => {
    const svc = await kubectl(version, kubeconfig, ['get', 'service', 's']);
    expect(svc.stdout).toMatch(/^s\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s$/m);
    const ep = await kubectl(version, kubeconfig, ['get', 'endpoints', 's']);
    expect(ep.stdout).toMatch(/^s\s+10\.0\.0\.5:80\s+\d+s$/m);
    const secret = await kubectl(version, kubeconfig, ['get', 'secret', 'x']);
    expect(secret.stdout).toMatch(/^x\s+Opaque\s+1\s+\d+s$/m);
    const lease = await kubectl(version, kubeconfig, ['get', 'lease', 'l']);
    expect(lease.stdout).toMatch(/^l\s+me\s+\d+s$/m);
    const rs = await kubectl(version, kubeconfig, ['get', 'rs', 'r', '-o', 'wide']);
    expect(rs.stdout).toMatch(/^r\s+1\s+0\s+0\s+\d+s\s+c\s+busybox:1\.36\s+app=t$/m);
  });
});
