import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ConfigError } from '../errors';
import { clientConfigFromFlags } from './flags';
import { configFromKubeconfig, kubeconfigPaths, loadKubeconfig } from './kubeconfig';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('kubeconfig loader', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  const first = () =>
    write(
      'first.yaml',
      `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: tiny
  cluster:
    server: http://127.0.0.1:6443/
- name: secure
  cluster:
    server: https://10.0.0.1:6443
    certificate-authority: certs/ca.pem
contexts:
- name: dev
  context: { cluster: tiny, user: alice, namespace: team-a }
- name: prod
  context: { cluster: secure, user: bob }
users:
- name: alice
  user: { token: alice-token }
- name: bob
  user:
    client-certificate: certs/bob.crt
    client-key-data: ${b64('BOB KEY')}
`,
    );

  it('reads the current context: server, namespace and token', () => {
    const cfg = configFromKubeconfig(loadKubeconfig({ path: first() }));
    expect(cfg).toMatchObject({ server: 'http://127.0.0.1:6443', namespace: 'team-a', bearerToken: 'alice-token' });
  });

  const certs = () => {
    mkdirSync(join(dir, 'certs'));
    write('certs/ca.pem', 'CA PEM');
    write('certs/bob.crt', 'BOB CERT');
  };

  it('resolves certificate paths relative to the kubeconfig file and decodes *-data fields', () => {
    certs();
    const cfg = configFromKubeconfig(loadKubeconfig({ path: first() }), { context: 'prod' });
    expect(cfg.server).toBe('https://10.0.0.1:6443');
    expect(cfg.namespace).toBe('default');
    expect(cfg.tls?.ca?.toString()).toBe('CA PEM');
    expect(cfg.tls?.cert?.toString()).toBe('BOB CERT');
    expect(cfg.tls?.key?.toString()).toBe('BOB KEY');
  });

  it('merges a $KUBECONFIG list: the first file to define a name or current-context wins, missing files are skipped', () => {
    const a = write('a.yaml', `clusters:\n- name: c\n  cluster: { server: http://a:1 }\ncontexts:\n- name: x\n  context: { cluster: c }\n`);
    const b = write(
      'b.yaml',
      `current-context: x\nclusters:\n- name: c\n  cluster: { server: http://b:2 }\n- name: d\n  cluster: { server: http://d:4 }\ncontexts:\n- name: x\n  context: { cluster: d }\n`,
    );
    const env = { KUBECONFIG: [a, join(dir, 'missing.yaml'), b].join(delimiter) };
    const kc = loadKubeconfig({ env });
    expect(kc.files).toEqual([a, b]);
    expect(kc.currentContext).toBe('x');
    expect(configFromKubeconfig(kc).server).toBe('http://a:1');
  });

  it('falls back to ~/.kube/config', () => {
    expect(kubeconfigPaths({ env: {}, home: '/home/u' })).toEqual([join('/home/u', '.kube', 'config')]);
  });

  it.each([
    ['an unknown context', (p: string) => configFromKubeconfig(loadKubeconfig({ path: p }), { context: 'nope' }), /context was not found for specified context: nope/],
    ['a missing --kubeconfig file', () => loadKubeconfig({ path: join(dir, 'absent') }), /no such file/],
    ['YAML that is not a mapping', () => loadKubeconfig({ path: write('bad.yaml', '- 1\n- 2\n') }), /must be a mapping/],
  ])('rejects %s with a ConfigError', (_what, fn, message) => {
    const p = first();
    expect(() => fn(p)).toThrow(ConfigError);
    expect(() => fn(p)).toThrow(message);
  });

  describe('clientConfigFromFlags', () => {
    it('lets --server, -n and --token override the kubeconfig', () => {
      const cfg = clientConfigFromFlags({ kubeconfig: first(), server: 'http://127.0.0.1:9999', namespace: 'ns1', token: 't' });
      expect(cfg).toMatchObject({ server: 'http://127.0.0.1:9999', namespace: 'ns1', bearerToken: 't' });
    });

    it('picks the context given by --context', () => {
      certs();
      expect(clientConfigFromFlags({ kubeconfig: first(), context: 'prod' }).server).toBe('https://10.0.0.1:6443');
    });

    it('needs only --server when there is no kubeconfig', () => {
      const cfg = clientConfigFromFlags({ server: 'http://127.0.0.1:8080/' }, {}, dir);
      expect(cfg).toEqual({ server: 'http://127.0.0.1:8080', namespace: 'default', tls: { insecureSkipTlsVerify: undefined } });
    });

    it('says what is missing when there is neither', () => {
      expect(() => clientConfigFromFlags({}, {}, dir)).toThrow(/no configuration has been provided/);
    });
  });
});
