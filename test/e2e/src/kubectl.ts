/** Runs the real kubectl binaries against a test apiserver, with a kubeconfig of their own. */
import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const KUBECTL_DIR = '/usr/lib/google-cloud-sdk/bin';
export const KUBECTL_VERSIONS = ['1.27', '1.33'] as const;

export function kubectlPath(version: string): string {
  return join(KUBECTL_DIR, `kubectl.${version}`);
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function writeKubeconfig(dir: string, server: string, namespace = 'default'): Promise<string> {
  const path = join(dir, 'kubeconfig');
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: tinykube',
    '  cluster:',
    `    server: ${server}`,
    'users:',
    '- name: tinykube',
    '  user: {}',
    'contexts:',
    '- name: tinykube',
    '  context:',
    '    cluster: tinykube',
    '    user: tinykube',
    `    namespace: ${namespace}`,
    'current-context: tinykube',
    '',
  ].join('\n');
  await writeFile(path, text);
  return path;
}

export function kubectl(version: string, kubeconfig: string, args: string[], opts: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      kubectlPath(version),
      args,
      {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', KUBECONFIG: kubeconfig, KUBECACHEDIR: join(kubeconfig, '..', 'cache'), ...opts.env },
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') return reject(err);
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
    else child.stdin?.end();
  });
}

export interface BackgroundKubectl {
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code once kubectl exits. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts a long-running kubectl (get -w, delete that waits) whose output the test polls. */
export function kubectlInBackground(version: string, kubeconfig: string, args: string[], env: Record<string, string> = {}): BackgroundKubectl {
  const child = spawn(kubectlPath(version), args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', KUBECONFIG: kubeconfig, KUBECACHEDIR: join(kubeconfig, '..', 'cache'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
