/**
 * `delete`: by name, `TYPE/NAME`, `-f`, `-l` or `--all`, with --cascade and --grace-period; then waits
 * (unless --wait=false) until every deleted object is really gone, as kubectl does.
 */
import type { Command } from 'commander';
import type { DeleteOptions, KubeObject, ResourceInfo } from '@tinykube/api';
import { isNotFound, StatusError } from '@tinykube/client';
import type { CliContext } from '../context';
import { CliError, errorLine, serverErrorLine } from '../errors';
import { readManifests } from '../io/manifests';
import { listObjects } from '../resources/fetch';
import { targetOf } from '../resources/manifest-target';
import { kindLabel, parseResourceArgs } from '../resources/resolve';
import { parseDuration, waitForDeletion } from '../resources/wait';
import { noResourcesMessage } from './get';
import { collect, type RegisterCommand } from './types';

interface DeleteFlags {
  filename: string[];
  recursive?: boolean;
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
  cascade: string;
  gracePeriod: string;
  now?: boolean;
  force?: boolean;
  wait: string;
  timeout?: string;
  ignoreNotFound?: boolean;
}

interface Victim {
  info: ResourceInfo;
  namespace?: string;
  name: string;
}

const CASCADE: Record<string, DeleteOptions['propagationPolicy']> = {
  background: 'Background',
  true: 'Background',
  foreground: 'Foreground',
  orphan: 'Orphan',
  false: 'Orphan',
};

export function deleteOptions(flags: { cascade: string; gracePeriod: string; now?: boolean; force?: boolean }): Omit<DeleteOptions, 'apiVersion' | 'kind'> {
  const propagationPolicy = CASCADE[flags.cascade];
  if (!propagationPolicy) throw new CliError(`invalid cascade value (${flags.cascade}). Must be "background", "foreground", or "orphan".`);
  let grace = Number(flags.gracePeriod);
  if (!Number.isInteger(grace)) throw new CliError(`invalid argument "${flags.gracePeriod}" for "--grace-period" flag`);
  if (flags.now) grace = 1;
  // As kubectl: a bare 0 would be a surprise force-delete, so it means 1 unless --force says otherwise.
  if (grace === 0 && !flags.force) grace = 1;
  if (flags.force && grace < 0) grace = 0;
  return { propagationPolicy, ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) };
}

async function victims(ctx: CliContext, args: string[], flags: DeleteFlags): Promise<Victim[]> {
  if (flags.filename.length > 0) {
    const manifests = await readManifests(flags.filename, { recursive: Boolean(flags.recursive), cwd: ctx.cwd, stdin: ctx.stdin });
    return manifests.map((m) => {
      const t = targetOf(ctx, m, { needName: true });
      return { info: t.info, namespace: t.object.metadata.namespace, name: t.name };
    });
  }
  if (args.length === 0) throw new CliError('You must provide one or more resources by argument or filename.');
  const { requests } = parseResourceArgs(args);
  const namespace = flags.allNamespaces ? undefined : ctx.namespace();
  const out: Victim[] = [];
  for (const req of requests) {
    if (req.names.length > 0) {
      if (flags.all || flags.selector) throw new CliError('name cannot be provided when a selector is specified');
      out.push(...req.names.map((name) => ({ info: req.info, namespace, name })));
      continue;
    }
    if (!flags.all && !flags.selector && !flags.fieldSelector) throw new CliError(`resource(s) were provided, but no name was specified`);
    const list = await listObjects(ctx, req.info, { namespace, labelSelector: flags.selector, fieldSelector: flags.fieldSelector });
    out.push(...list.items.map((o) => ({ info: req.info, namespace: o.metadata.namespace, name: o.metadata.name ?? '' })));
  }
  if (out.length === 0 && !flags.ignoreNotFound) ctx.warn(noResourcesMessage(ctx, Boolean(flags.allNamespaces), requests.some((r) => r.info.namespaced)));
  return out;
}

export const registerDelete: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('delete')
    .description('Delete resources by file names, stdin, resources and names, or by resources and label selector')
    .argument('[resources...]', 'TYPE NAME..., TYPE/NAME..., or TYPE with -l/--all')
    .option('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .option('-R, --recursive', 'process the directory used in -f recursively')
    .option('-l, --selector <selector>', 'label selector')
    .option('--field-selector <selector>', 'field selector')
    .option('--all', 'delete all resources of the given types in the namespace')
    .option('-A, --all-namespaces', 'with -l or --all, across all namespaces')
    .option('--cascade <mode>', 'background, foreground or orphan', 'background')
    .option('--grace-period <seconds>', 'seconds given to the resource to terminate gracefully (-1: its default)', '-1')
    .option('--now', 'signal resources for immediate shutdown (same as --grace-period=1)')
    .option('--force', 'with --grace-period=0, delete at once without waiting for confirmation')
    .option('--wait <bool>', 'wait for resources to be gone before returning', 'true')
    .option('--timeout <duration>', 'how long to wait for deletion (0: no limit)')
    .option('--ignore-not-found', 'treat "resource not found" as a successful delete')
    .action(async (args: string[], flags: DeleteFlags) => {
      const options = deleteOptions(flags);
      const timeoutMs = parseDuration(flags.timeout, '--timeout');
      if (options.gracePeriodSeconds === 0) {
        ctx.warn('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
      }
      const pending: Array<Victim & { uid?: string }> = [];
      for (const v of await victims(ctx, args, flags)) {
        try {
          const res = await ctx.client().resource(v.info, v.info.namespaced ? v.namespace : undefined).delete(v.name, { ...options, signal: ctx.signal });
          ctx.out(`${kindLabel(v.info)} "${v.name}" ${options.gracePeriodSeconds === 0 ? 'force deleted' : 'deleted'}`);
          // A Status means it is gone already; an object means it lingers (grace period or finalizers).
          if (res.kind !== 'Status') pending.push({ ...v, uid: (res as KubeObject).metadata.uid });
        } catch (e) {
          if (isNotFound(e) && flags.ignoreNotFound) continue;
          ctx.report(e instanceof StatusError ? serverErrorLine(e) : errorLine(e));
        }
      }
      if (flags.wait === 'false') return;
      await Promise.all(pending.map((p) => waitForDeletion(ctx, p.info, p.namespace, p.name, p.uid, timeoutMs)));
    });
};
