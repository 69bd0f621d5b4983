/** `cordon` and `uncordon`: spec.unschedulable on Nodes. */
import type { Command } from 'commander';
import type { Node } from '@tinykube/api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { listObjects } from '../resources/fetch';
import { resolveOne } from '../resources/resolve';
import type { RegisterCommand } from './types';

/** Marks one node (un)schedulable; returns kubectl's line for it. */
export async function setUnschedulable(ctx: CliContext, name: string, unschedulable: boolean): Promise<string> {
  const rc = ctx.client().resource<Node>('nodes');
  const node = await rc.get(name, { signal: ctx.signal });
  const verb = unschedulable ? 'cordoned' : 'uncordoned';
  if (Boolean(node.spec?.unschedulable) === unschedulable) return `node/${name} already ${verb}`;
  await rc.patch(name, { spec: { unschedulable: unschedulable ? true : null } }, 'strategic');
  return `node/${name} ${verb}`;
}

async function nodeNames(ctx: CliContext, names: string[], selector: string | undefined): Promise<string[]> {
  if (names.length > 0) return names;
  if (!selector) throw new CliError('resource(s) were provided, but no name was specified');
  const list = await listObjects<Node>(ctx, resolveOne('nodes'), { labelSelector: selector });
  return list.items.map((n) => n.metadata.name ?? '');
}

export const registerNodes: RegisterCommand = (program: Command, ctx: CliContext) => {
  for (const [command, unschedulable] of [['cordon', true], ['uncordon', false]] as const) {
    program
      .command(command)
      .description(unschedulable ? 'Mark node as unschedulable' : 'Mark node as schedulable')
      .argument('[nodes...]')
      .option('-l, --selector <selector>', 'label selector of the nodes')
      .action(async (names: string[], flags: { selector?: string }) => {
        for (const name of await nodeNames(ctx, names, flags.selector)) ctx.out(await setUnschedulable(ctx, name, unschedulable));
      });
  }
};
