/**
 * `logs POD|TYPE/NAME [-c C] [-f] [--tail N] [--previous] [--timestamps]`: reads pods/log, which the
 * apiserver proxies to the pod's node agent. For a Deployment or ReplicaSet one of its pods is chosen
 * the way kubectl does: running and ready first, then the newest.
 */
import type { Command } from 'commander';
import { labelSelectorAsSelector, type Deployment, type Pod } from '@tinykube/api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { listObjects } from '../resources/fetch';
import { resolveOne } from '../resources/resolve';
import type { RegisterCommand } from './types';

interface LogsFlags {
  container?: string;
  follow?: boolean;
  tail: string;
  previous?: boolean;
  timestamps?: boolean;
}

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

function rank(p: Pod): number {
  const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  if (p.status?.phase === 'Running') return ready ? 0 : 1;
  return p.status?.phase === 'Pending' ? 2 : 3;
}

/** The pod a `TYPE/NAME` stands for. */
async function podFor(ctx: CliContext, target: string): Promise<Pod> {
  const slash = target.indexOf('/');
  const pods = ctx.client().resource<Pod>('pods', ctx.namespace());
  if (slash < 0) return pods.get(target, { signal: ctx.signal });
  const info = resolveOne(target.slice(0, slash));
  const name = target.slice(slash + 1);
  if (info.kind === 'Pod') return pods.get(name, { signal: ctx.signal });
  if (info.kind !== 'Deployment' && info.kind !== 'ReplicaSet') throw new CliError(`cannot get the logs from ${info.kind.toLowerCase()}: selector for ${info.kind} not implemented`);
  const owner = await ctx.client().resource<Deployment>(info, ctx.namespace()).get(name, { signal: ctx.signal });
  const selector = labelSelectorAsSelector(owner.spec?.selector).toString();
  const list = await listObjects<Pod>(ctx, resolveOne('pods'), { namespace: ctx.namespace(), labelSelector: selector });
  const candidates = list.items.filter((p) => !p.metadata.deletionTimestamp);
  if (candidates.length === 0) throw new CliError(`no pods found for ${info.kind.toLowerCase()}/${name}`);
  candidates.sort((a, b) => rank(a) - rank(b) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''));
  if (candidates.length > 1) ctx.warn(`Found ${candidates.length} pods, using pod/${candidates[0].metadata.name}`);
  return candidates[0];
}

function chooseContainer(ctx: CliContext, pod: Pod, requested: string | undefined): string | undefined {
  if (requested) return requested;
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  if (names.length <= 1) return names[0];
  const chosen = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? names[0];
  ctx.warn(`Defaulted container "${chosen}" out of: ${names.join(', ')}`);
  return chosen;
}

export const registerLogs: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('logs')
    .description('Print the logs for a container in a pod')
    .argument('<pod>', 'POD or TYPE/NAME (deploy/web)')
    .argument('[container]', 'container name (same as -c)')
    .option('-c, --container <name>', 'print the logs of this container')
    .option('-f, --follow', 'stream the logs')
    .option('--tail <lines>', 'lines of recent log to show (-1: all)', '-1')
    .option('-p, --previous', 'print the logs of the previous instance of the container')
    .option('--timestamps', 'include timestamps on each line')
    .action(async (target: string, positional: string | undefined, flags: LogsFlags) => {
      const tail = Number(flags.tail);
      if (!Number.isInteger(tail)) throw new CliError(`invalid argument "${flags.tail}" for "--tail" flag`);
      const pod = await podFor(ctx, target);
      const container = chooseContainer(ctx, pod, flags.container ?? positional);
      const stream = await ctx
        .client()
        .resource<Pod>('pods', pod.metadata.namespace)
        .logStream(pod.metadata.name ?? '', {
          container,
          follow: flags.follow,
          previous: flags.previous,
          timestamps: flags.timestamps,
          tailLines: tail >= 0 ? tail : undefined,
          signal: ctx.signal,
        });
      try {
        for await (const chunk of stream) ctx.io.stdout.write(chunk as Buffer);
      } catch (e) {
        if (!ctx.signal.aborted) throw e;
      }
    });
};
