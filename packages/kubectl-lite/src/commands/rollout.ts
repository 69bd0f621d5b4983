/** `rollout status|history|undo|restart|pause|resume` for Deployments. */
import type { Command } from 'commander';
import { metaTime, type Deployment } from '@tinykube/api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { objectRef, parseSingleTarget, resourceLabel } from '../resources/resolve';
import { rolloutHistory, rolloutUndo } from './rollout-history';
import { rolloutStatus } from './rollout-status';
import type { RegisterCommand } from './types';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

function deploymentTarget(args: string[]): { name: string } {
  const { info, name } = parseSingleTarget(args);
  if (info.kind !== 'Deployment') throw new CliError(`no status viewer has been implemented for ${info.kind}`);
  return { name };
}

function intFlag(value: string | undefined, flag: string): number {
  const n = Number(value ?? 0);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`invalid argument "${value}" for "${flag}" flag`);
  return n;
}

async function setPaused(ctx: CliContext, args: string[], paused: boolean): Promise<void> {
  const { name } = deploymentTarget(args);
  const rc = ctx.client().resource<Deployment>('deployments', ctx.namespace());
  const dep = await rc.get(name, { signal: ctx.signal });
  const ref = objectRef(rc.info, name);
  if (Boolean(dep.spec?.paused) === paused) throw new CliError(`${resourceLabel(rc.info)} "${name}" is ${paused ? 'already paused' : 'not paused'}`);
  await rc.patch(name, { spec: { paused: paused ? true : null } }, 'strategic');
  ctx.out(`${ref} ${paused ? 'paused' : 'resumed'}`);
}

export const registerRollout: RegisterCommand = (program: Command, ctx: CliContext) => {
  const rollout = program.command('rollout').description('Manage the rollout of a deployment');
  rollout
    .command('status')
    .description('Watch the rollout status of a deployment until it completes')
    .argument('<resource...>', 'deployment/NAME')
    .option('-w, --watch <bool>', 'watch the status until the rollout completes', 'true')
    .option('--timeout <duration>', 'how long to wait before giving up (0: forever)')
    .action((args: string[], flags: { watch: string; timeout?: string }) => rolloutStatus(ctx, deploymentTarget(args).name, flags));
  rollout
    .command('history')
    .description('View previous rollout revisions and configurations')
    .argument('<resource...>', 'deployment/NAME')
    .option('--revision <n>', 'show the pod template of this revision')
    .action((args: string[], flags: { revision?: string }) => rolloutHistory(ctx, deploymentTarget(args).name, flags.revision === undefined ? undefined : intFlag(flags.revision, '--revision')));
  rollout
    .command('undo')
    .description('Roll back to a previous rollout')
    .argument('<resource...>', 'deployment/NAME')
    .option('--to-revision <n>', 'the revision to roll back to (0: the previous one)', '0')
    .action((args: string[], flags: { toRevision: string }) => rolloutUndo(ctx, deploymentTarget(args).name, intFlag(flags.toRevision, '--to-revision')));
  rollout
    .command('restart')
    .description('Restart a deployment: new pods through a rolling update')
    .argument('<resource...>', 'deployment/NAME')
    .action(async (args: string[]) => {
      const { name } = deploymentTarget(args);
      const rc = ctx.client().resource<Deployment>('deployments', ctx.namespace());
      const dep = await rc.get(name, { signal: ctx.signal });
      if (dep.spec?.paused) throw new CliError(`${resourceLabel(rc.info)} "${name}" can't restart paused deployment (run rollout resume first)`);
      await rc.patch(name, { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: metaTime(Date.now()) } } } } }, 'strategic');
      ctx.out(`${objectRef(rc.info, name)} restarted`);
    });
  rollout
    .command('pause')
    .description('Mark a deployment as paused')
    .argument('<resource...>', 'deployment/NAME')
    .action((args: string[]) => setPaused(ctx, args, true));
  rollout
    .command('resume')
    .description('Resume a paused deployment')
    .argument('<resource...>', 'deployment/NAME')
    .action((args: string[]) => setPaused(ctx, args, false));
};
