/** `label` and `annotate`: `KEY=VALUE` sets, `KEY-` removes, --overwrite to change an existing value. */
import type { Command } from 'commander';
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { listObjects } from '../resources/fetch';
import { objectRef, parseResourceArgs } from '../resources/resolve';
import type { RegisterCommand } from './types';

interface MetaFlags {
  overwrite?: boolean;
  selector?: string;
  all?: boolean;
  allNamespaces?: boolean;
}

interface Changes {
  set: Record<string, string>;
  remove: string[];
}

/** Splits arguments into the objects and the changes: anything with `=` or ending in `-` is a change. */
export function splitChanges(args: string[], what: 'label' | 'annotation'): { resources: string[]; changes: Changes } {
  const changes: Changes = { set: {}, remove: [] };
  const resources: string[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) changes.set[a.slice(0, eq)] = a.slice(eq + 1);
    else if (a.endsWith('-') && a.length > 1) changes.remove.push(a.slice(0, -1));
    else if (eq === 0) throw new CliError(`invalid ${what} spec: ${a}`);
    else resources.push(a);
  }
  if (Object.keys(changes.set).length === 0 && changes.remove.length === 0) throw new CliError(`at least one ${what} update is required`);
  for (const k of changes.remove) if (k in changes.set) throw new CliError(`can not both modify and remove ${what} in the same command`);
  return { resources, changes };
}

async function targets(ctx: CliContext, resources: string[], flags: MetaFlags): Promise<Array<{ info: ResourceInfo; obj: KubeObject }>> {
  const { requests } = parseResourceArgs(resources);
  const out: Array<{ info: ResourceInfo; obj: KubeObject }> = [];
  for (const req of requests) {
    if (req.names.length > 0) {
      const rc = ctx.client().resource(req.info, req.info.namespaced ? ctx.namespace() : undefined);
      for (const name of req.names) out.push({ info: req.info, obj: await rc.get(name, { signal: ctx.signal }) });
      continue;
    }
    if (!flags.all && !flags.selector) throw new CliError('resource(s) were provided, but no name was specified');
    const list = await listObjects(ctx, req.info, { namespace: flags.allNamespaces ? undefined : ctx.namespace(), labelSelector: flags.selector });
    out.push(...list.items.map((obj) => ({ info: req.info, obj })));
  }
  return out;
}

function register(program: Command, ctx: CliContext, command: 'label' | 'annotate'): void {
  const field = command === 'label' ? 'labels' : 'annotations';
  const what = command === 'label' ? 'label' : 'annotation';
  program
    .command(command)
    .description(command === 'label' ? 'Update the labels on a resource' : 'Update the annotations on a resource')
    .argument('<args...>', `TYPE NAME|TYPE/NAME, then KEY=VALUE to set and KEY- to remove`)
    .option('--overwrite', `allow ${what}s to be overwritten`)
    .option('-l, --selector <selector>', 'label selector of the objects')
    .option('--all', 'every object of the type in the namespace')
    .option('-A, --all-namespaces', 'with -l or --all, across all namespaces')
    .action(async (args: string[], flags: MetaFlags) => {
      const { resources, changes } = splitChanges(args, what);
      for (const { info, obj } of await targets(ctx, resources, flags)) {
        const current = obj.metadata[field] ?? {};
        const patch: Record<string, string | null> = {};
        for (const [k, v] of Object.entries(changes.set)) {
          if (k in current && current[k] !== v && !flags.overwrite) throw new CliError(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
          if (current[k] !== v) patch[k] = v;
        }
        for (const k of changes.remove) if (k in current) patch[k] = null;
        const ref = objectRef(info, obj.metadata.name);
        const verb = command === 'label' ? 'labeled' : 'annotated';
        if (Object.keys(patch).length === 0) {
          ctx.out(`${ref} not ${verb}`);
          continue;
        }
        const rc = ctx.client().resource(info, obj.metadata.namespace);
        await rc.patch(obj.metadata.name ?? '', { metadata: { [field]: patch } }, 'merge');
        ctx.out(`${ref} ${verb}`);
      }
    });
}

export const registerLabel: RegisterCommand = (program, ctx) => register(program, ctx, 'label');
export const registerAnnotate: RegisterCommand = (program, ctx) => register(program, ctx, 'annotate');
