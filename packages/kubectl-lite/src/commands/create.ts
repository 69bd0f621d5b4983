/** `create -f` (POST each object; an existing one is an error) and `create namespace NAME`. */
import type { Command } from 'commander';
import { StatusError } from '@tinykube/client';
import type { CliContext } from '../context';
import { CliError, ReportedError, serverErrorLine } from '../errors';
import { objectRef, resolveOne } from '../resources/resolve';
import { forEachManifest } from './apply';
import { collect, type RegisterCommand } from './types';

export const registerCreate: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('create')
    .description('Create a resource from a file or from stdin (or: create namespace NAME)')
    .argument('[kind]', 'namespace, to create one by name')
    .argument('[name]')
    .option('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .option('-R, --recursive', 'process the directory used in -f recursively')
    .action(async (kind: string | undefined, name: string | undefined, flags: { filename: string[]; recursive?: boolean }) => {
      if (kind) {
        const info = resolveOne(kind);
        if (info.kind !== 'Namespace' || !name) throw new CliError(`create ${kind} NAME is not supported; use create -f`);
        await ctx.client().resource(info).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
        ctx.out(`${objectRef(info, name)} created`);
        return;
      }
      await forEachManifest(ctx, flags.filename, { recursive: Boolean(flags.recursive), needName: false }, async (t) => {
        let created;
        try {
          created = await t.rc.create(t.object, { fieldManager: 'kubectl-create', fieldValidation: 'Strict', signal: ctx.signal });
        } catch (err) {
          if (err instanceof StatusError) throw new ReportedError(serverErrorLine(err, `error when creating "${t.source}"`));
          throw err;
        }
        return `${objectRef(t.info, created.metadata.name)} created`;
      });
    });
};
