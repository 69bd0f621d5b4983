/**
 * `up`: an all-in-one local cluster of real processes (see up/cluster.ts), a kubeconfig entry for the
 * real kubectl, and with --apply a manifest applied and its Deployments traced once they are ready.
 * Runs in the foreground; Ctrl-C stops every process it started.
 */
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { CliError } from '../errors';
import type { CliContext } from '../context';
import { collectTrace } from '../trace/collect';
import { observeChain } from '../trace/observe';
import { renderTrace } from '../trace/render';
import { startLocalCluster } from '../up/cluster';
import { CONTEXT_NAME, kubeconfigPath, mergeKubeconfig } from '../up/kubeconfig';
import type { RegisterCommand } from './types';

interface UpFlags {
  nodes: string;
  etcdServers?: string;
  port: string;
  apply?: string;
  labTimings?: boolean;
  exitAfterApply?: boolean;
  workDir?: string;
}

function positiveInt(v: string, what: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new CliError(`${what} must be an integer >= ${min}, got "${v}"`);
  return n;
}

/** Deployments named in a manifest: [namespace, name]. */
function deploymentsIn(file: string): Array<[string | undefined, string]> {
  const docs = YAML.parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null);
  return docs.filter((d) => d?.kind === 'Deployment' && d.metadata?.name).map((d) => [d!.metadata!.namespace, d!.metadata!.name!]);
}

function runApply(ctx: CliContext, server: string, file: string): Promise<void> {
  const bin = join(__dirname, '..', '..', 'bin', 'kubectl-lite.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, '--server', server, 'apply', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => ctx.io.stdout.write(d));
    child.stderr.on('data', (d: Buffer) => ctx.io.stderr.write(d));
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new CliError(`applying ${file} failed`))));
  });
}

async function waitUntilServed(ctx: CliContext, namespace: string, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = await collectTrace(ctx.client(), namespace, name);
    const s = t.summary;
    if (s.ready >= s.desired && (s.services.length === 0 || s.inEndpoints >= s.desired)) return;
    if (Date.now() > deadline) throw new CliError(`deployment/${name}: ${s.ready}/${s.desired} pods ready, ${s.inEndpoints} in endpoints after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true })));
}

export const registerUp: RegisterCommand = (program: Command, ctx) => {
  program
    .command('up')
    .description('Start a local cluster (apiserver, scheduler, controller manager, node agents) and point kubectl at it')
    .option('--nodes <n>', 'node agents to start, each with its own process runtime', '2')
    .option('--etcd-servers <urls>', 'store in etcd instead of the embedded store')
    .option('--port <port>', 'apiserver port on 127.0.0.1 (0 picks a free one)', '8080')
    .option('--apply <file>', 'apply this manifest once the cluster is ready, then show the trace of its Deployments')
    .option('--lab-timings', 'move pods off an unreachable node after ~15 s (node-monitor grace 10 s, tolerations 5 s)')
    .option('--exit-after-apply', 'stop the cluster once --apply has shown its trace (for scripts)')
    .option('--work-dir <dir>', 'keep state and logs here instead of a temp dir removed on exit')
    .action(async (flags: UpFlags) => {
      const nodes = positiveInt(flags.nodes, '--nodes', 1);
      const apiPort = positiveInt(flags.port, '--port', 0);
      const manifest = flags.apply ? resolve(ctx.cwd, flags.apply) : undefined;
      const deployments = manifest ? deploymentsIn(manifest) : [];
      ctx.out(`Starting tinykube with ${nodes} node(s)...`);
      const cluster = await startLocalCluster({
        nodes,
        apiPort,
        etcdServers: flags.etcdServers?.split(',').filter(Boolean),
        workDir: flags.workDir ? resolve(ctx.cwd, flags.workDir) : undefined,
        ...(flags.labTimings ? { nodeMonitorGracePeriod: '10s', tolerationSeconds: 5, nodeLeaseRenew: '2s' } : {}),
        onStep: (line) => ctx.out(`  ${line}`),
      });
      try {
        const path = kubeconfigPath(ctx.env);
        mergeKubeconfig(path, cluster.url);
        ctx.globals.server = cluster.url;
        ctx.out(`kubeconfig: context "${CONTEXT_NAME}" written to ${path} and made current; try: kubectl get nodes`);
        ctx.out(`logs: ${cluster.logDir}`);
        if (manifest) {
          ctx.out('');
          const namespaces = [...new Set(deployments.map(([ns]) => ns ?? 'default'))];
          const observers = new Map(namespaces.map((ns) => [ns, observeChain(ctx.client(), ns)]));
          try {
            await runApply(ctx, cluster.url, manifest);
            for (const [ns, name] of deployments) {
              await waitUntilServed(ctx, ns ?? 'default', name, 120_000);
              ctx.out('');
              ctx.io.stdout.write(renderTrace(await collectTrace(ctx.client(), ns ?? 'default', name, observers.get(ns ?? 'default')?.times)));
            }
          } finally {
            for (const o of observers.values()) o.stop();
          }
        }
        if (!flags.exitAfterApply) {
          ctx.out('\nThe cluster runs until Ctrl-C.');
          await untilAborted(ctx.signal);
        }
      } finally {
        ctx.out('Stopping tinykube...');
        await cluster.stop();
        ctx.out('Stopped; nothing left running.');
      }
    });
};
