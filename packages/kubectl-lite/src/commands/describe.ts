/** `describe TYPE [NAME_PREFIX...]`, `describe TYPE/NAME`, `-l`, `-A`: kubectl's readable reports, with Events. */
import type { Command } from 'commander';
import type { KubeObject } from '@tinykube/api';
import { isNotFound, StatusError } from '@tinykube/client';
import type { CliContext } from '../context';
import { serverErrorLine } from '../errors';
import { describe } from '../describe';
import { listObjects } from '../resources/fetch';
import { parseResourceArgs, resourceLabel } from '../resources/resolve';
import { noResourcesMessage } from './get';
import type { RegisterCommand } from './types';

interface DescribeFlags {
  selector?: string;
  allNamespaces?: boolean;
  showEvents: string;
}

export const registerDescribe: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('describe')
    .description('Show details of a specific resource or group of resources')
    .argument('<resource>', 'TYPE or TYPE/NAME')
    .argument('[names...]', 'names, or prefixes of names')
    .option('-l, --selector <selector>', 'label selector')
    .option('-A, --all-namespaces', 'across all namespaces')
    .option('--show-events <bool>', 'show events related to the described object', 'true')
    .action(async (first: string, names: string[], flags: DescribeFlags) => {
      const { requests } = parseResourceArgs([first, ...names]);
      const namespace = flags.allNamespaces ? undefined : ctx.namespace();
      const found: Array<{ info: (typeof requests)[number]['info']; obj: KubeObject }> = [];
      for (const req of requests) {
        if (req.names.length === 0) {
          const list = await listObjects(ctx, req.info, { namespace, labelSelector: flags.selector });
          found.push(...list.items.map((obj) => ({ info: req.info, obj })));
          continue;
        }
        const rc = ctx.client().resource(req.info, req.info.namespaced ? ctx.namespace() : undefined);
        for (const name of req.names) {
          try {
            found.push({ info: req.info, obj: await rc.get(name, { signal: ctx.signal }) });
          } catch (e) {
            if (!isNotFound(e)) throw e;
            // As kubectl: a name that is not an object is tried as a prefix (`describe pod web`).
            const list = await listObjects(ctx, req.info, { namespace: ctx.namespace() });
            const matches = list.items.filter((o) => o.metadata.name?.startsWith(name));
            if (matches.length === 0) ctx.report(e instanceof StatusError ? serverErrorLine(e) : `Error from server (NotFound): ${resourceLabel(req.info)} "${name}" not found`);
            found.push(...matches.map((obj) => ({ info: req.info, obj })));
          }
        }
      }
      if (found.length === 0 && requests.every((r) => r.names.length === 0)) {
        ctx.warn(noResourcesMessage(ctx, Boolean(flags.allNamespaces), requests.some((r) => r.info.namespaced)));
        return;
      }
      const now = new Date();
      const texts: string[] = [];
      for (const f of found) texts.push(await describe({ ctx, info: f.info, obj: f.obj, now }, flags.showEvents !== 'false'));
      if (texts.length > 0) ctx.io.stdout.write(texts.join('\n\n'));
    });
};
