/** `scale TYPE/NAME --replicas=N` through the scale subresource (autoscaling/v1 Scale). */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { objectRef, parseSingleTarget } from '../resources/resolve';
import type { RegisterCommand } from './types';

export const registerScale: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('scale')
    .description('Set a new size for a deployment or replica set')
    .argument('<resource...>', 'TYPE/NAME or TYPE NAME')
    .requiredOption('--replicas <n>', 'the new desired number of replicas')
    .option('--current-replicas <n>', 'precondition: only scale if the current size is this')
    .action(async (args: string[], flags: { replicas: string; currentReplicas?: string }) => {
      const replicas = Number(flags.replicas);
      if (!Number.isInteger(replicas) || replicas < 0) throw new CliError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
      const { info, name } = parseSingleTarget(args);
      if (!info.subresources.includes('scale')) throw new CliError(`cannot scale ${info.kind}: it has no scale subresource`);
      const rc = ctx.client().resource(info, ctx.namespace());
      if (flags.currentReplicas !== undefined) {
        const current = await rc.getScale(name);
        if (String(current.spec?.replicas ?? 0) !== flags.currentReplicas) {
          throw new CliError(`Expected replicas to be ${flags.currentReplicas}, was ${current.spec?.replicas ?? 0}`);
        }
      }
      await rc.patchScale(name, { spec: { replicas } });
      ctx.out(`${objectRef(info, name)} scaled`);
    });
};
