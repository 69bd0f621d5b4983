/** The environment controller tests share: etcd, an apiserver on it, a client, and helpers to run kubectl. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Namespace } from '@tinykube/api';
import { KubeClient } from '@tinykube/client';
import { startControllerManager, type ControllerManager, type ControllerManagerOptions } from '@tinykube/controller-manager';
import { startTestApiServer, type TestApiServer } from '@tinykube/testing';

export interface ControllersEnv {
  api: TestApiServer;
  client: KubeClient;
  dir: string;
  startManager(opts?: ControllerManagerOptions): Promise<ControllerManager>;
  namespace(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startControllersEnv(): Promise<ControllersEnv> {
  const api = await startTestApiServer({ backend: 'etcd' });
  const client = new KubeClient(api.url);
  const dir = await mkdtemp(join(tmpdir(), 'tinykube-controllers-'));
  const managers: ControllerManager[] = [];
  return {
    api,
    client,
    dir,
    async startManager(opts = {}) {
      const cm = await startControllerManager({ server: api.url, port: 0, ...opts });
      managers.push(cm);
      return cm;
    },
    async namespace(name) {
      await client.resource<Namespace>('namespaces').create({ metadata: { name } });
      return name;
    },
    async stop() {
      await Promise.all(managers.map((m) => m.stop().catch(() => undefined)));
      client.close();
      await api.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real kubectl 1.33 with a kubeconfig of its own pointing at the test apiserver. */
export async function kubectl(dir: string, server: string, args: string[], timeoutMs = 90_000): Promise<KubectlResult> {
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(
    kubeconfig,
    ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: t', '  cluster:', `    server: ${server}`, 'users:', '- name: t', '  user: {}', 'contexts:', '- name: t', '  context:', '    cluster: t', '    user: t', 'current-context: t', ''].join('\n'),
  );
  return new Promise((resolve, reject) => {
    execFile(
      KUBECTL,
      args,
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache') }, timeout: timeoutMs },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') return reject(err);
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
