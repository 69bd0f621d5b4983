/**
 * `rollout undo` of a Deployment applied from YAML, with the real kubectl 1.27 and 1.33 and with
 * kubectl-lite, over etcd, the apiserver and the controller manager (no nodes: the pods never run,
 * the Recreate strategy does not wait for them). kubectl sends the old ReplicaSet's template as Go
 * encodes it (`creationTimestamp: null`, `resources: {}`); the apiserver must store it as the template
 * applied from YAML, so the controller finds the old ReplicaSet again, scales it back up and gives it
 * the newest revision, instead of creating a third ReplicaSet.
 */
import type { Deployment, ReplicaSet } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { startControllerManager, type ControllerManager } from '@tinykube/controller-manager';
import { makeTempDir, startTestApiServer, waitFor, type TempDir, type TestApiServer } from '@tinykube/testing';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kubectl, KUBECTL_VERSIONS, writeKubeconfig } from './kubectl';
import { KubectlLite } from './kubectl-lite-harness';

const REVISION = 'deployment.kubernetes.io/revision';
const REPLICAS = 2;
const DEADLINE_MS = 45_000;

function manifest(image: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  labels:',
    '    app: web',
    'spec:',
    `  replicas: ${REPLICAS}`,
    '  strategy:',
    '    type: Recreate',
    '  selector:',
    '    matchLabels:',
    '      app: web',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: web',
    '    spec:',
    '      containers:',
    '      - name: web',
    `        image: ${image}`,
    '        command: ["sleep", "3600"]',
    '',
  ].join('\n');
}

interface Cli {
  name: string;
  /** Runs one command in `namespace`; resolves with its exit code and output. */
  run(env: UndoEnv, namespace: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

interface UndoEnv {
  api: TestApiServer;
  tmp: TempDir;
  kubeconfig: string;
  client: KubeClient;
}

const CLIS: Cli[] = [
  ...KUBECTL_VERSIONS.map((version) => ({
    name: `kubectl ${version}`,
    run: (env: UndoEnv, namespace: string, args: string[]) => kubectl(version, env.kubeconfig, ['-n', namespace, ...args]),
  })),
  {
    name: 'kubectl-lite',
    run: (env: UndoEnv, namespace: string, args: string[]) => new KubectlLite(env.kubeconfig, env.tmp.path).run('-n', namespace, ...args),
  },
];

describe('rollout undo of a Deployment applied from YAML', () => {
  const env = {} as UndoEnv;
  let manager: ControllerManager | undefined;

  beforeAll(async () => {
    env.tmp = await makeTempDir('tinykube-undo-');
    env.api = await startTestApiServer({ backend: 'etcd' });
    env.kubeconfig = await writeKubeconfig(env.tmp.path, env.api.url);
    env.client = new KubeClient(env.api.url);
    manager = await startControllerManager({ server: env.api.url, port: 0, controllers: ['deployment', 'replicaset'] });
    await writeFile(join(env.tmp.path, 'v1.yaml'), manifest('busybox:1.36'));
    await writeFile(join(env.tmp.path, 'v2.yaml'), manifest('busybox:1.37'));
  });
  afterAll(async () => {
    await manager?.stop();
    env.client?.close();
    await env.api?.stop();
    await env.tmp?.cleanup();
  });

  it.each(CLIS)('$name scales the old ReplicaSet back up at the newest revision', async (cli) => {
    const ns = `undo-${cli.name.replace(/[^a-z0-9]+/g, '-')}`;
    await env.client.resource('namespaces').create({ metadata: { name: ns } });
    const replicaSets = async () => (await env.client.resource<ReplicaSet>('replicasets', ns).list()).items;
    const imageOf = (rs: ReplicaSet) => rs.spec?.template?.spec?.containers[0]?.image;
    /** Waits until the ReplicaSet running `image` has every replica and all others none. */
    const waitForRollout = (image: string, count: number) =>
      waitFor(
        async () => {
          const sets = await replicaSets();
          return sets.length === count && sets.every((rs) => (rs.spec?.replicas ?? 0) === (imageOf(rs) === image ? REPLICAS : 0));
        },
        { timeoutMs: DEADLINE_MS, description: `${count} ReplicaSets with ${image} at ${REPLICAS} replicas` },
      );

    const apply1 = await cli.run(env, ns, ['apply', '-f', join(env.tmp.path, 'v1.yaml')]);
    expect(apply1).toMatchObject({ code: 0, stdout: 'deployment.apps/web created\n' });
    await waitForRollout('busybox:1.36', 1);
    const [first] = await replicaSets();

    const apply2 = await cli.run(env, ns, ['apply', '-f', join(env.tmp.path, 'v2.yaml')]);
    expect(apply2).toMatchObject({ code: 0, stdout: 'deployment.apps/web configured\n' });
    await waitForRollout('busybox:1.37', 2);

    const undo = await cli.run(env, ns, ['rollout', 'undo', 'deployment/web']);
    expect(undo).toEqual({ code: 0, stdout: 'deployment.apps/web rolled back\n', stderr: '' });
    await waitForRollout('busybox:1.36', 2);

    const sets = await replicaSets();
    expect(sets).toHaveLength(2);
    const old = sets.find((rs) => rs.metadata.uid === first.metadata.uid);
    expect(old?.spec?.replicas).toBe(REPLICAS);
    expect(old?.metadata.annotations?.[REVISION]).toBe('3');
    const dep = await env.client.resource<Deployment>('deployments', ns).get('web');
    await waitFor(async () => (await env.client.resource<Deployment>('deployments', ns).get('web')).metadata.annotations?.[REVISION] === '3', {
      timeoutMs: DEADLINE_MS,
      description: 'the Deployment at revision 3',
    });
    expect(dep.spec?.template.spec?.containers[0]?.image).toBe('busybox:1.36');
  });
});
