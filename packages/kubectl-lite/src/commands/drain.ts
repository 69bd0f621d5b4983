/**
 * `drain NODE`: cordon, then remove its pods and wait until they are gone. tinykube has no Eviction
 * API, so pods are deleted (as kubectl does with --disable-eviction). kubectl's safety checks apply:
 * DaemonSet pods need --ignore-daemonsets (and are left alone), pods with no controller need --force,
 * emptyDir pods need --delete-emptydir-data; mirror pods are skipped.
 */
import type { Command } from 'commander';
import { objectKey, type Pod } from '@tinykube/api';
import { isConflict, isNotFound } from '@tinykube/client';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { listObjects } from '../resources/fetch';
import { resolveOne } from '../resources/resolve';
import { parseDuration, waitForDeletion } from '../resources/wait';
import { setUnschedulable } from './nodes';
import type { RegisterCommand } from './types';

interface DrainFlags {
  ignoreDaemonsets?: boolean;
  force?: boolean;
  deleteEmptydirData?: boolean;
  gracePeriod: string;
  timeout?: string;
  podSelector?: string;
  disableEviction?: boolean;
}

type Verdict = 'delete' | 'skip' | { problem: string } | { warning: string };

function judge(p: Pod, flags: DrainFlags): Verdict {
  if (p.metadata.annotations?.['kubernetes.io/config.mirror']) return 'skip';
  if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') return 'delete';
  const controller = p.metadata.ownerReferences?.find((r) => r.controller);
  if (controller?.kind === 'DaemonSet') {
    return flags.ignoreDaemonsets ? { warning: 'ignoring DaemonSet-managed Pods' } : { problem: 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
  }
  if (!controller && !flags.force) return { problem: 'cannot delete Pods that declare no controller (use --force to override)' };
  if ((p.spec?.volumes ?? []).some((v) => 'emptyDir' in v) && !flags.deleteEmptydirData) {
    return { problem: 'cannot delete Pods with local storage (use --delete-emptydir-data to override)' };
  }
  if (!controller) return { warning: 'deleting Pods that declare no controller' };
  return 'delete';
}

/** Groups pod keys under each message, as kubectl's "message: ns/a, ns/b". */
function grouped(entries: Array<[string, string]>): string[] {
  const by = new Map<string, string[]>();
  for (const [message, podKey] of entries) by.set(message, [...(by.get(message) ?? []), podKey]);
  return [...by].map(([message, keys]) => `${message}: ${keys.join(', ')}`);
}

export const registerDrain: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('drain')
    .description('Drain node in preparation for maintenance')
    .argument('<node>')
    .option('--ignore-daemonsets', 'ignore DaemonSet-managed pods')
    .option('--force', 'also delete pods that no controller manages')
    .option('--delete-emptydir-data', 'also delete pods using emptyDir (their local data is lost)')
    .option('--grace-period <seconds>', 'seconds given to each pod to terminate gracefully (-1: its own)', '-1')
    .option('--timeout <duration>', 'how long to wait for the pods to go (0: forever)')
    .option('--pod-selector <selector>', 'only pods matching this label selector')
    .option('--disable-eviction', 'delete instead of evicting (always so on tinykube, which has no Eviction API)')
    .action(async (node: string, flags: DrainFlags) => {
      const grace = Number(flags.gracePeriod);
      if (!Number.isInteger(grace)) throw new CliError(`invalid argument "${flags.gracePeriod}" for "--grace-period" flag`);
      const timeoutMs = parseDuration(flags.timeout, '--timeout');
      ctx.out(await setUnschedulable(ctx, node, true));
      const pods = await listObjects<Pod>(ctx, resolveOne('pods'), { fieldSelector: `spec.nodeName=${node}`, labelSelector: flags.podSelector });
      const problems: Array<[string, string]> = [];
      const warnings: Array<[string, string]> = [];
      const victims: Pod[] = [];
      for (const p of pods.items) {
        const v = judge(p, flags);
        if (v === 'skip') continue;
        if (v === 'delete') victims.push(p);
        else if ('problem' in v) problems.push([v.problem, objectKey(p)]);
        else {
          warnings.push([v.warning, objectKey(p)]);
          if (v.warning.startsWith('deleting')) victims.push(p);
        }
      }
      if (problems.length > 0) throw new CliError(`unable to drain node "${node}" due to error: ${grouped(problems).join('; ')}`);
      for (const w of grouped(warnings)) ctx.warn(`Warning: ${w}`);
      const podsInfo = resolveOne('pods');
      await Promise.all(
        victims.map(async (p) => {
          const rc = ctx.client().resource<Pod>(podsInfo, p.metadata.namespace);
          await rc.delete(p.metadata.name ?? '', { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), preconditions: { uid: p.metadata.uid }, signal: ctx.signal }).catch((e: unknown) => {
            // Gone already, or replaced by a new pod of the same name (uid precondition): nothing to do.
            if (!isNotFound(e) && !isConflict(e)) throw e;
          });
          await waitForDeletion(ctx, podsInfo, p.metadata.namespace, p.metadata.name ?? '', p.metadata.uid, timeoutMs);
          ctx.out(`pod/${p.metadata.name} deleted`);
        }),
      );
      ctx.out(`node/${node} drained`);
    });
};
